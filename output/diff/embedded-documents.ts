import { parse } from 'yaml';

/**
 * A configuration file that Istio keeps as a string inside a ConfigMap. Its
 * diff is a block of text unless it is parsed first; parsed, a change reads
 * as the field that changed, such as `data.mesh.defaultConfig.discoveryAddress`.
 */
export interface EmbeddedDocument {
  /** The ConfigMap's name, in any namespace. */
  readonly configMap: string;
  /** The data key that holds the document. */
  readonly key: string;
  /** The document as data, or undefined when the text does not parse: it is then compared as text. */
  readonly parse: (text: string) => unknown;
}

/**
 * Every embedded document the diff reads as data; another one is one more entry.
 * Strings of several lines inside them (the injector's Go template, which is
 * not YAML) are compared line by line.
 */
export const EMBEDDED_DOCUMENTS: readonly EmbeddedDocument[] = [
  // The mesh config (MeshConfig), istio-remote's and istio's templates/configmap.yaml.
  { configMap: 'istio', key: 'mesh', parse: parseYaml },
  // The sidecar injector's policy and template, charts/sidecarInjectorWebhook/templates/configmap.yaml.
  { configMap: 'istio-sidecar-injector', key: 'config', parse: parseYaml },
  // Prometheus's scrape configuration, charts/prometheus/templates/configmap.yaml, once the primary's add-ons are rendered.
  { configMap: 'prometheus', key: 'prometheus.yml', parse: parseYaml },
];

/** The object with each embedded document it holds parsed in place; anything else is returned as it is. */
export function expandEmbeddedDocuments(object: Record<string, unknown>, documents: readonly EmbeddedDocument[] = EMBEDDED_DOCUMENTS): Record<string, unknown> {
  const metadata = object.metadata as { name?: unknown } | undefined;
  const data = object.data as Record<string, unknown> | undefined;
  const entries = documents.filter((d) => d.configMap === metadata?.name);
  if (object.kind !== 'ConfigMap' || typeof data !== 'object' || data === null || entries.length === 0) {
    return object;
  }
  const expanded: Record<string, unknown> = { ...data };
  for (const document of entries) {
    const text = data[document.key];
    if (typeof text === 'string') {
      const parsed = document.parse(text);
      if (parsed !== undefined) {
        expanded[document.key] = parsed;
      }
    }
  }
  return { ...object, data: expanded };
}

/** A YAML document as data; undefined when it is not YAML, or is a bare scalar, which says no more parsed. */
function parseYaml(text: string): unknown {
  try {
    const value: unknown = parse(text, { uniqueKeys: false });
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
