import { ApiObject, type Chart } from 'cdk8s';
import { parse } from 'yaml';
import type { ClusterCharts } from '../charts/mesh';
import type { ControlPlaneComponent } from '../istio/control-plane-services';

/** An address a remote's sidecars dial to reach one control-plane component, as its output configures it. */
export interface DialedAddress {
  readonly component: ControlPlaneComponent;
  /** `host:port` as the mesh config writes it: `10.8.0.12:15007`, `istio-pilot.istio-system:15007`. */
  readonly configured: string;
  /**
   * Where that leads: the same, or, when the host is a selector-less Service
   * of the remote's own output (gateway exposure, `pilotSelectorlessService`),
   * the address and port of its Endpoints.
   */
  readonly reaches: string;
}

/** What the overview says about one cluster, read from its charts. */
export interface ClusterFacts {
  readonly cluster: string;
  /** Objects of `dist/<cluster>/` by kind, kinds sorted. */
  readonly objectsByKind: readonly (readonly [string, number])[];
  /** Objects of `dist-crds/<cluster>/`. */
  readonly crds: number;
  /** Empty on the primary, and on a remote whose mesh config the output does not hold. */
  readonly dials: readonly DialedAddress[];
}

/**
 * Where each component's address sits in the mesh config (Istio 1.0's
 * MeshConfig): Pilot in `defaultConfig.discoveryAddress`, Mixer in
 * `mixerCheckServer` (policy) and `mixerReportServer` (telemetry), Zipkin in
 * `defaultConfig.zipkinAddress`. An empty or absent field means the remote does not dial it.
 */
const MESH_CONFIG_FIELDS: readonly { readonly component: ControlPlaneComponent; readonly path: readonly string[] }[] = [
  { component: 'pilot', path: ['defaultConfig', 'discoveryAddress'] },
  { component: 'policy', path: ['mixerCheckServer'] },
  { component: 'telemetry', path: ['mixerReportServer'] },
  { component: 'zipkin', path: ['defaultConfig', 'zipkinAddress'] },
];

/**
 * A cluster's facts, from its built charts. Reads the objects it needs one by
 * one (the `istio` ConfigMap, the control-plane Services and Endpoints), so
 * the overview costs little beside rendering the charts.
 */
export function clusterFactsOf(charts: ClusterCharts, namespace: string): ClusterFacts {
  const objects = apiObjectsOf(charts.apply);
  const counts = new Map<string, number>();
  for (const object of objects) {
    counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
  }
  return {
    cluster: charts.cluster,
    objectsByKind: [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    crds: charts.crds === undefined ? 0 : apiObjectsOf(charts.crds).length,
    // The primary's own mesh config points its sidecars at its own Services: not a dial across clusters.
    dials: charts.role === 'remote' ? dialedAddresses(objects, namespace) : [],
  };
}

/** Every API object of a chart, at any depth: Chart.apiObjects lists only its direct children. */
function apiObjectsOf(chart: Chart): ApiObject[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

function dialedAddresses(objects: readonly ApiObject[], namespace: string): DialedAddress[] {
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.name === name && (o.metadata.namespace ?? namespace) === namespace);
  const configMap = find('ConfigMap', 'istio');
  const text = configMap?.toJson()?.data?.mesh;
  if (typeof text !== 'string') {
    return [];
  }
  const meshConfig: unknown = parse(text);
  const dials: DialedAddress[] = [];
  for (const { component, path } of MESH_CONFIG_FIELDS) {
    const configured = path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), meshConfig);
    if (typeof configured === 'string' && configured !== '') {
      dials.push({ component, configured, reaches: throughSelectorlessService(configured, namespace, find) ?? configured });
    }
  }
  return dials;
}

/** `ip:port` of the Endpoints behind `host:port`, when host names a Service of the control-plane namespace that the output gives Endpoints. */
function throughSelectorlessService(address: string, namespace: string, find: (kind: string, name: string) => ApiObject | undefined): string | undefined {
  const match = /^([a-z0-9-]+)(?:\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?)?:(\d+)$/.exec(address);
  if (!match || (match[2] ?? namespace) !== namespace) {
    return undefined;
  }
  const [, name, , port] = match;
  const service = find('Service', name)?.toJson() as { spec?: { ports?: { name?: string; port?: number }[] } } | undefined;
  const endpoints = find('Endpoints', name)?.toJson() as { subsets?: { addresses?: { ip?: string }[]; ports?: { name?: string; port?: number }[] }[] } | undefined;
  const portName = service?.spec?.ports?.find((p) => p.port === Number(port))?.name;
  const subset = endpoints?.subsets?.[0];
  const ip = subset?.addresses?.[0]?.ip;
  const target = subset?.ports?.find((p) => p.name === portName)?.port;
  return ip !== undefined && target !== undefined ? `${ip}:${target}` : undefined;
}
