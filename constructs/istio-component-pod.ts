import * as k8s from '../imports/k8s';
import { ComputeResources, IstioRemoteGlobalValues } from './istio-remote-values';

/**
 * Pieces every control-plane pod of the istio-remote chart shares: image
 * naming, architecture affinity, resources and pull secrets. Internal to the
 * constructs; not re-exported.
 */

/** The namespace the chart is usually installed into. */
export const DEFAULT_ISTIO_NAMESPACE = 'istio-system';

/** `<hub>/<image>:<tag>`, as every Istio 1.0 template spells an image. */
export function istioImage(global: Pick<IstioRemoteGlobalValues, 'hub' | 'tag'>, image: string): string {
  return `${global.hub}/${image}:${global.tag}`;
}

/**
 * Requires an architecture with weight > 0 and prefers each by its weight.
 * Keys sorted, as Helm ranges over a map. Uses `kubernetes.io/arch`, which
 * replaced `beta.kubernetes.io/arch` (deprecated since Kubernetes 1.14).
 */
export function archAffinity(arch: IstioRemoteGlobalValues['arch']): k8s.Affinity {
  const schedulable = Object.keys(arch)
    .sort()
    .filter((name) => arch[name] > 0);
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: schedulable }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: schedulable.map((name) => ({
        weight: arch[name],
        preference: { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: [name] }] },
      })),
    },
  };
}

/** Helm's `toYaml .Values.resources` as an L1 value; undefined when there is nothing to say. */
export function resourceRequirements(resources: ComputeResources | undefined): k8s.ResourceRequirements | undefined {
  if (resources === undefined) {
    return undefined;
  }
  const quantities = (map: ComputeResources['requests']) =>
    map === undefined
      ? undefined
      : Object.fromEntries(Object.entries(map).map(([name, value]) => [name, k8s.Quantity.fromString(String(value))]));
  return { requests: quantities(resources.requests), limits: quantities(resources.limits) };
}

/** `imagePullSecrets` of a ServiceAccount; undefined (left out) when the list is empty, as in the chart. */
export function pullSecretRefs(secrets: readonly string[] | undefined): k8s.LocalObjectReference[] | undefined {
  return secrets === undefined || secrets.length === 0 ? undefined : secrets.map((name) => ({ name }));
}

/**
 * Annotations of every control-plane pod template: no sidecar in the control
 * plane itself, and the chart's critical-pod marker (ignored since Kubernetes
 * 1.16; `global.priorityClassName` is what protects the pods now).
 */
export const CONTROL_PLANE_POD_ANNOTATIONS: Readonly<Record<string, string>> = {
  'sidecar.istio.io/inject': 'false',
  'scheduler.alpha.kubernetes.io/critical-pod': '',
};
