import { Yaml, type Chart } from 'cdk8s';
import { yamlDocument } from '../lib/yaml-document';

/** A Kubernetes object as it is written out. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/**
 * Helm's install order, which platform engineers already rely on: namespaces
 * first, then what pods need (accounts, secrets, config, RBAC), then services
 * and workloads. `kubectl apply -f` sends a file's objects in order, so one
 * pass works on an empty cluster. Kinds not listed (Istio's) go last.
 */
const INSTALL_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
  'Endpoints',
  'DaemonSet',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

/** Kinds without a namespace, among those this project emits. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'CustomResourceDefinition',
  'MeshPolicy',
  'PersistentVolume',
  'StorageClass',
]);

function rank(kind: string): number {
  const i = INSTALL_ORDER.indexOf(kind);
  return i === -1 ? INSTALL_ORDER.length : i;
}

/** The chart's objects in install order; objects of one kind keep the chart's order. */
export function chartObjects(chart: Chart): ManifestObject[] {
  const objects = (chart.toJson() as ManifestObject[]).map((object, index) => ({ object, index }));
  objects.sort((a, b) => rank(a.object.kind) - rank(b.object.kind) || a.index - b.index);
  return objects.map(({ object }) => checkScope(object));
}

/**
 * Multi-document YAML of the chart, in install order, as cdk8s's
 * `Yaml.stringify` writes it: each object through the fast writer, or through
 * cdk8s's own when the object holds something the fast one does not cover.
 */
export function renderChart(chart: Chart): string {
  return renderObjects(chartObjects(chart));
}

/** Multi-document YAML of objects already in install order, written as renderChart writes them. */
export function renderObjects(objects: readonly ManifestObject[]): string {
  return objects.map((object) => yamlDocument(object) ?? Yaml.stringify(object)).join('---\n');
}

// cdk8s stamps a chart's namespace on every object, cluster-scoped ones too.
// Our charts set none; this catches a construct that sets one where it must not.
function checkScope(object: ManifestObject): ManifestObject {
  if (CLUSTER_SCOPED_KINDS.has(object.kind) && object.metadata.namespace !== undefined) {
    throw new Error(`internal error: cluster-scoped ${object.kind} "${object.metadata.name}" carries metadata.namespace`);
  }
  return object;
}
