import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';

/** One rule of a ClusterRole, in Kubernetes' own field names. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export interface ClusterRoleAccountProps {
  /** The ServiceAccount's name. */
  readonly serviceAccountName: string;
  /** The ServiceAccount's namespace. */
  readonly namespace: string;
  /** The ClusterRole's name. */
  readonly roleName: string;
  /** What the account may do, cluster-wide. */
  readonly rules: readonly PolicyRule[];
  /** @default the role's name */
  readonly bindingName?: string;
  /** Labels of all three objects, unless set apart below. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Labels of the ServiceAccount, where the chart gives it others; an empty map leaves them out. @default labels */
  readonly serviceAccountLabels?: Readonly<Record<string, string>>;
  /** Labels of the ClusterRoleBinding, where the chart gives it others; an empty map leaves them out. @default labels */
  readonly bindingLabels?: Readonly<Record<string, string>>;
  /** Secrets the account's pods pull images with. @default none */
  readonly imagePullSecrets?: readonly string[];
}

/**
 * A ServiceAccount with its own ClusterRole and the ClusterRoleBinding between
 * them: how every Istio 1.0 component that watches the whole cluster (Citadel,
 * the sidecar injector, the cleanup Job, istio-multi) gets its rights.
 *
 * Plain L1 objects rather than cdk8s-plus's ServiceAccount and ClusterRole:
 * those add metadata of their own and name the binding themselves, so they
 * cannot write the chart's objects byte for byte.
 */
export class ClusterRoleAccount extends Construct {
  constructor(scope: Construct, id: string, props: ClusterRoleAccountProps) {
    super(scope, id);
    const labels = labelsOf(props.labels);
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: props.serviceAccountName, namespace: props.namespace, labels: props.serviceAccountLabels === undefined ? labels : labelsOf(props.serviceAccountLabels) },
      imagePullSecrets: pullSecretRefs(props.imagePullSecrets),
    });
    new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: props.roleName, labels },
      rules: props.rules.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] })),
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: props.bindingName ?? props.roleName, labels: props.bindingLabels === undefined ? labels : labelsOf(props.bindingLabels) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.roleName },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccountName, namespace: props.namespace }],
    });
  }
}

/** `imagePullSecrets` of a ServiceAccount; undefined (left out) when the list is empty, as in the chart. */
export function pullSecretRefs(secrets: readonly string[] | undefined): k8s.LocalObjectReference[] | undefined {
  return secrets === undefined || secrets.length === 0 ? undefined : secrets.map((name) => ({ name }));
}

/** A copy of a label map; undefined (left out) when there is none or it is empty. */
function labelsOf(labels: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  return labels === undefined || Object.keys(labels).length === 0 ? undefined : { ...labels };
}
