import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Semantic comparison of our objects with a `helm template` render of Istio
 * 1.0.7's istio-remote chart, by the rules of
 * ../shared/reference/istio-remote-1.0.7/README.md. It walks both ways:
 * every reference leaf must be present and equal in ours (`mismatches`), and
 * every leaf of ours must exist in the reference (`extraLeaves`), each after
 * the README's normalizations: API group only, Helm bookkeeping labels,
 * hook annotations and empty annotations ignored, no namespace on
 * cluster-scoped kinds, the arch node label renamed, v1beta1 CRDs in their
 * v1 form, and the two config strings compared by meaning.
 * Whether an extra is allowed is the test's decision, not this module's.
 */

export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'MeshPolicy',
  'CustomResourceDefinition',
]);
const HELM_LABELS = new Set(['chart', 'heritage', 'release']);
/** Kinds whose group changed on the way to a version Kubernetes 1.27 serves. */
const MOVED_GROUPS: Readonly<Record<string, string>> = { 'extensions/Deployment': 'apps' };

type Path = readonly (string | number)[];

/** A leaf of ours with no counterpart in the reference object of the same key. */
export interface ExtraLeaf {
  /** `Kind/namespace/name`, the object's key. */
  readonly key: string;
  /** Where, with indices: `webhooks[0].sideEffects`. */
  readonly path: string;
  /** Where, for any index: `webhooks[].sideEffects`. */
  readonly pattern: string;
}

/** An extra leaf of ours that a test allows: on `kind`, at `path` (indices as `[]`) or below it. */
export interface AllowedLeaf {
  readonly kind: string;
  readonly path: string;
  readonly reason: string;
}

/** An extra object of ours that a test allows, by `Kind/namespace/name`. */
export interface AllowedObject {
  readonly key: string;
  readonly reason: string;
}

/** Whether `allowed` covers `leaf`: same kind, and the leaf at or below its path. */
export function allows(allowed: AllowedLeaf, leaf: ExtraLeaf): boolean {
  return (
    leaf.key.split('/')[0] === allowed.kind &&
    (leaf.pattern === allowed.path || leaf.pattern.startsWith(`${allowed.path}.`) || leaf.pattern.startsWith(`${allowed.path}[`))
  );
}

/** `Kind/namespace/name: path`, with indices. */
export function describeLeaf(leaf: ExtraLeaf): string {
  return `${leaf.key}: ${leaf.path}`;
}

export interface ParityReport {
  /** Reference leaves present and equal in ours. */
  readonly matched: number;
  /** Reference leaves compared. */
  readonly total: number;
  /** Reference leaves absent or different in ours. */
  readonly mismatches: string[];
  /** Keys of reference objects we do not produce. */
  readonly missing: string[];
  /** Leaves of ours absent from the matching reference object. */
  readonly extraLeaves: ExtraLeaf[];
  /** Keys of our install objects with no reference object outside the hooks. */
  readonly extraObjects: string[];
  /** Keys of our uninstall objects with no hook object in the reference. */
  readonly extraCleanupObjects: string[];
  /** Reference objects with a `helm.sh/hook` annotation, matched against the uninstall set. */
  readonly hooks: number;
}

export function readReference(path: string): any[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => doc.toJS())
    .filter((doc) => doc !== null && typeof doc === 'object');
}

/**
 * `Kind/namespace/name`. An object without a namespace is taken to be in
 * `namespace`, as `helm template --namespace` would leave it: the chart left
 * its DestinationRules namespace-less, ours are in the control-plane namespace.
 */
export function keyOf(object: any, namespace: string): string {
  const kind: string = object.kind;
  const ns = CLUSTER_SCOPED.has(kind) ? '' : (object.metadata?.namespace ?? namespace);
  return `${kind}/${ns}/${object.metadata?.name}`;
}

/** Compares `install` and `uninstall` (keyed by `keyOf`) with the reference objects. */
export function compareWithReference(
  reference: readonly any[],
  install: ReadonlyMap<string, any>,
  uninstall: ReadonlyMap<string, any>,
  namespace: string,
): ParityReport {
  const mismatches: string[] = [];
  const missing: string[] = [];
  const extraLeaves: ExtraLeaf[] = [];
  const tally = { matched: 0, total: 0 };
  let hooks = 0;
  const usedInstall = new Set<string>();
  const usedUninstall = new Set<string>();
  for (const ref of reference.map(asServed)) {
    // The chart's post-delete hook is our separate uninstall set.
    const isHook = ref.metadata?.annotations?.['helm.sh/hook'] !== undefined;
    hooks += isHook ? 1 : 0;
    const key = keyOf(ref, namespace);
    const ours = (isHook ? uninstall : install).get(key);
    if (ours === undefined) {
      missing.push(key);
      continue;
    }
    (isHook ? usedUninstall : usedInstall).add(key);
    const compare = new ObjectComparison(key, tally, mismatches, extraLeaves);
    compare.forward(ref, ours);
    compare.backward(ref, ours);
  }
  return {
    ...tally,
    mismatches,
    missing,
    extraLeaves,
    extraObjects: [...install.keys()].filter((key) => !usedInstall.has(key)),
    extraCleanupObjects: [...uninstall.keys()].filter((key) => !usedUninstall.has(key)),
    hooks,
  };
}

/**
 * A reference object in the form Kubernetes 1.27 serves it, as the reference
 * READMEs compare it: a `v1beta1` CRD's `spec.version: V` is `v1`'s
 * `spec.versions: [{name: V, served: true, storage: true}]`, and an
 * `autoscaling/v2beta1` HorizontalPodAutoscaler's
 * `resource.targetAverageUtilization: N` is `autoscaling/v2`'s
 * `resource.target: {type: Utilization, averageUtilization: N}`, its
 * `scaleTargetRef` naming the Deployment's group as served today.
 */
export function asServed(ref: any): any {
  if (ref.kind === 'CustomResourceDefinition' && ref.apiVersion === 'apiextensions.k8s.io/v1beta1') {
    const { version, ...spec } = ref.spec;
    return { ...ref, apiVersion: 'apiextensions.k8s.io/v1', spec: { ...spec, versions: [{ name: version, served: true, storage: true }] } };
  }
  if (ref.kind === 'HorizontalPodAutoscaler' && ref.apiVersion === 'autoscaling/v2beta1') {
    return { ...ref, apiVersion: 'autoscaling/v2', spec: hpaSpecAsV2(ref.spec) };
  }
  return ref;
}

function hpaSpecAsV2(spec: any): any {
  const target = spec.scaleTargetRef;
  const group = target?.apiVersion === undefined ? undefined : groupOf(target.apiVersion);
  // Compared by group: the Deployment's served version today is v1, whatever beta the chart named.
  const served = group === undefined ? undefined : `${MOVED_GROUPS[`${group}/${target.kind}`] ?? group}/v1`;
  return {
    ...spec,
    scaleTargetRef: served === undefined ? target : { ...target, apiVersion: served },
    metrics: spec.metrics?.map((metric: any) => {
      if (metric.type !== 'Resource' || metric.resource?.targetAverageUtilization === undefined) {
        return metric;
      }
      const { targetAverageUtilization, ...resource } = metric.resource;
      return { ...metric, resource: { ...resource, target: { type: 'Utilization', averageUtilization: targetAverageUtilization } } };
    }),
  };
}

/** `spec.containers[0].args[8]`, or with `anyIndex`, `spec.containers[].args[]`. */
export function formatPath(path: Path, anyIndex = false): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${anyIndex ? '' : part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

class ObjectComparison {
  private readonly kind: string;

  constructor(
    private readonly key: string,
    private readonly tally: { matched: number; total: number },
    private readonly mismatches: string[],
    private readonly extras: ExtraLeaf[],
  ) {
    this.kind = key.split('/')[0];
  }

  /** Every reference leaf is present and equal in ours. */
  forward(ref: any, ours: any): void {
    for (const [field, value] of Object.entries(ref)) {
      if (field === 'apiVersion') {
        const group = groupOf(value as string);
        const expected = MOVED_GROUPS[`${group}/${ref.kind}`] ?? group;
        this.count(groupOf(ours.apiVersion) === expected, `apiVersion group ${value} vs ${ours.apiVersion}`);
      } else if (this.kind === 'ConfigMap' && field === 'data') {
        this.forwardData(value as Record<string, string>, ours.data ?? {});
      } else {
        this.forwardLeaves(value, ours[field], [field]);
      }
    }
  }

  /** Every leaf of ours is present in the reference; values were compared by `forward`. */
  backward(ref: any, ours: any): void {
    for (const [field, value] of Object.entries(ours)) {
      if (field === 'apiVersion' && 'apiVersion' in ref) {
        continue;
      }
      if (this.kind === 'ConfigMap' && field === 'data' && isRecord(ref.data)) {
        this.backwardData(ref.data, value as Record<string, string>);
      } else {
        this.backwardLeaves(ref[field], value, [field]);
      }
    }
  }

  private forwardData(ref: Record<string, string>, ours: Record<string, string>): void {
    for (const [name, text] of Object.entries(ref)) {
      if (name === 'mesh') {
        this.forwardLeaves(parse(text), parse(ours.mesh ?? ''), ['data', 'mesh']);
      } else if (name === 'config') {
        const refConfig = parse(text);
        const ourConfig = parse(ours.config ?? '') ?? {};
        this.forwardLeaves(refConfig.policy, ourConfig.policy, ['data', 'config', 'policy']);
        const refLines = templateLines(refConfig.template);
        const ourLines = templateLines(ourConfig.template);
        refLines.forEach((line, index) =>
          this.count(ourLines[index] === line, `template line ${index + 1}: ${JSON.stringify(line)} vs ${JSON.stringify(ourLines[index])}`),
        );
        this.count(ourLines.length === refLines.length, `template has ${ourLines.length} lines, reference ${refLines.length}`);
      } else if (isYamlKey(name)) {
        this.forwardLeaves(parse(text), parse(ours[name] ?? ''), ['data', name]);
      } else {
        const refLines = templateLines(text);
        const ourLines = templateLines(ours[name]);
        refLines.forEach((line, index) =>
          this.count(ourLines[index] === line, `data.${name} line ${index + 1}: ${JSON.stringify(line)} vs ${JSON.stringify(ourLines[index])}`),
        );
        this.count(ourLines.length === refLines.length, `data.${name} has ${ourLines.length} lines, reference ${refLines.length}`);
      }
    }
  }

  private backwardData(ref: Record<string, string>, ours: Record<string, string>): void {
    for (const [name, text] of Object.entries(ours)) {
      if (name === 'mesh' && typeof ref.mesh === 'string') {
        this.backwardLeaves(parse(ref.mesh), parse(text), ['data', 'mesh']);
      } else if (name === 'config' && typeof ref.config === 'string') {
        const refConfig = parse(ref.config) ?? {};
        const ourConfig = parse(text) ?? {};
        for (const [field, value] of Object.entries(ourConfig)) {
          if (field !== 'template') {
            this.backwardLeaves(refConfig[field], value, ['data', 'config', field]);
          }
        }
        // The template is compared line by line: lines past the reference's last are extra.
        const refCount = templateLines(refConfig.template).length;
        templateLines(ourConfig.template).forEach((_line, index) => {
          if (index >= refCount) {
            this.extra(['data', 'config', 'template', index]);
          }
        });
      } else if (isYamlKey(name) && typeof ref[name] === 'string') {
        this.backwardLeaves(parse(ref[name]), parse(text), ['data', name]);
      } else if (typeof ref[name] === 'string') {
        // Compared line by line: lines past the reference's last are extra.
        const refCount = templateLines(ref[name]).length;
        templateLines(text).forEach((_line, index) => {
          if (index >= refCount) {
            this.extra(['data', name, index]);
          }
        });
      } else {
        this.backwardLeaves(ref[name], text, ['data', name]);
      }
    }
  }

  private forwardLeaves(ref: unknown, ours: unknown, path: Path): void {
    if (Array.isArray(ref)) {
      if (ref.length === 0) {
        this.count(Array.isArray(ours) && ours.length === 0, `${formatPath(path)}: [] vs ${JSON.stringify(ours)}`);
      }
      ref.forEach((item, index) => this.forwardLeaves(item, Array.isArray(ours) ? ours[index] : undefined, [...path, index]));
      return;
    }
    if (isRecord(ref)) {
      const entries = Object.entries(ref);
      if (entries.length === 0) {
        this.count(isRecord(ours), `${formatPath(path)}: {} vs ${JSON.stringify(ours)}`);
      }
      const container = isRecord(ours) ? ours : {};
      for (const [field, value] of entries) {
        if (!this.isIgnored(path, field, value)) {
          this.forwardLeaves(value, container[field], [...path, field]);
        }
      }
      return;
    }
    const expected = ref === 'beta.kubernetes.io/arch' ? 'kubernetes.io/arch' : ref;
    this.count(ours === expected, `${formatPath(path)}: ${JSON.stringify(expected)} vs ${JSON.stringify(ours)}`);
  }

  /**
   * Records every leaf of `ours` whose path the reference lacks: a field, an
   * array item past the reference's last, or an empty `{}`/`[]` where the
   * reference has nothing. A path both have is no extra, whatever the value.
   */
  private backwardLeaves(ref: unknown, ours: unknown, path: Path): void {
    if (ref === undefined) {
      this.extraUnder(ours, path);
    } else if (Array.isArray(ours)) {
      ours.forEach((item, index) => this.backwardLeaves(Array.isArray(ref) ? ref[index] : undefined, item, [...path, index]));
    } else if (isRecord(ours)) {
      for (const [field, value] of Object.entries(ours)) {
        this.backwardLeaves(isRecord(ref) ? ref[field] : undefined, value, [...path, field]);
      }
    }
  }

  /** Every leaf under `ours`, none of which the reference has. */
  private extraUnder(ours: unknown, path: Path): void {
    if (Array.isArray(ours) && ours.length > 0) {
      ours.forEach((item, index) => this.extraUnder(item, [...path, index]));
    } else if (isRecord(ours) && Object.keys(ours).length > 0) {
      for (const [field, value] of Object.entries(ours)) {
        this.extraUnder(value, [...path, field]);
      }
    } else {
      this.extra(path);
    }
  }

  private extra(path: Path): void {
    this.extras.push({ key: this.key, path: formatPath(path), pattern: formatPath(path, true) });
  }

  /** The README's exceptions for reference fields that ours may lack. */
  private isIgnored(path: Path, field: string, value: unknown): boolean {
    const parent = path[path.length - 1];
    if (parent === 'metadata' && field === 'annotations' && isEmpty(value)) {
      return true;
    }
    if (parent === 'labels' && HELM_LABELS.has(field)) {
      return true;
    }
    if (parent === 'annotations' && field.startsWith('helm.sh/hook')) {
      return true;
    }
    return path.length === 1 && path[0] === 'metadata' && field === 'namespace' && CLUSTER_SCOPED.has(this.kind);
  }

  private count(ok: boolean, mismatch: string): void {
    this.tally.total += 1;
    if (ok) {
      this.tally.matched += 1;
    } else {
      this.mismatches.push(`${this.key}: ${mismatch}`);
    }
  }
}

/** ConfigMap keys the READMEs compare as YAML data: `.yml` and `.yaml` files. */
function isYamlKey(name: string): boolean {
  return name.endsWith('.yml') || name.endsWith('.yaml');
}

/** A text's lines, without blank lines and trailing spaces: the injection template, `mapping.conf`. */
function templateLines(template: unknown): string[] {
  return (typeof template === 'string' ? template : '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '');
}

/** `null`, or a map with no entries: the chart's `annotations:` with nothing under it. */
function isEmpty(value: unknown): boolean {
  return value === null || (isRecord(value) && Object.keys(value).length === 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** A parity suite's permissions: extras it allows, each with its reason, and known defects it lists. */
export interface Allowlists {
  readonly leaves: readonly AllowedLeaf[];
  readonly objects: readonly AllowedObject[];
  readonly cleanupObjects: readonly AllowedObject[];
  /** Known defects, `key` or `key: path`: listed so the suite stays green, never a permission. */
  readonly unexplained: readonly string[];
}

/** What the allowlists do not cover, each as `key` or `key: path`. */
export interface Unlisted {
  readonly leaves: string[];
  readonly objects: string[];
  readonly cleanupObjects: string[];
}

/** The extras of `report` that neither an allowlist nor `unexplained` names, sorted. */
export function unlistedExtras(report: ParityReport, lists: Allowlists): Unlisted {
  const objectsOutside = (keys: readonly string[], allowed: readonly AllowedObject[]) =>
    keys.filter((key) => !allowed.some((a) => a.key === key) && !lists.unexplained.includes(key)).sort();
  return {
    leaves: report.extraLeaves
      .filter((leaf) => !lists.leaves.some((allowed) => allows(allowed, leaf)) && !lists.unexplained.includes(describeLeaf(leaf)))
      .map(describeLeaf)
      .sort(),
    objects: objectsOutside(report.extraObjects, lists.objects),
    cleanupObjects: objectsOutside(report.extraCleanupObjects, lists.cleanupObjects),
  };
}

/** Allowlist entries that no extra of `reports` needs: stale, they would let a future extra through unreviewed. */
export function unusedEntries(reports: readonly ParityReport[], lists: Allowlists): string[] {
  const leaves = reports.flatMap((report) => report.extraLeaves);
  const objects = reports.flatMap((report) => report.extraObjects);
  const cleanupObjects = reports.flatMap((report) => report.extraCleanupObjects);
  return [
    ...lists.leaves.filter((allowed) => !leaves.some((leaf) => allows(allowed, leaf))).map((a) => `${a.kind}: ${a.path}`),
    ...lists.objects.filter((allowed) => !objects.includes(allowed.key)).map((a) => a.key),
    ...lists.cleanupObjects.filter((allowed) => !cleanupObjects.includes(allowed.key)).map((a) => a.key),
    ...lists.unexplained.filter((entry) => ![...leaves.map(describeLeaf), ...objects, ...cleanupObjects].includes(entry)),
  ];
}
