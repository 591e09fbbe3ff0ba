import type { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import type { ComputeResources, SharedGlobalValues } from '../istio/global-values';
import { ISTIO_REMOTE_DEFAULTS, type IstioRemoteGlobalValues } from '../istio/istio-remote-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

/**
 * Pieces every control-plane pod of the istio-remote chart shares: image
 * naming, architecture affinity, resources and pull secrets. Internal to the
 * constructs; not re-exported.
 */

/**
 * The control-plane namespace and the chart's `global` block a construct of
 * the istio-remote chart renders with, the chart's defaults where its props
 * give none.
 */
export function remoteChartScope<G extends SharedGlobalValues>(props: { readonly namespace?: string; readonly global?: G }): {
  readonly namespace: string;
  readonly global: G | IstioRemoteGlobalValues;
} {
  return { namespace: props.namespace ?? DEFAULT_ISTIO_NAMESPACE, global: props.global ?? ISTIO_REMOTE_DEFAULTS.global };
}

/** Where an image comes from: `global.hub`/`tag`, or an add-on's own (`prometheus.hub`, `tracing.jaeger.tag`). */
export interface ImageRegistry {
  readonly hub: string;
  /** A number when a values file writes `tag: 1.5`; Helm prints it as written. */
  readonly tag: string | number;
}

/** `<hub>/<image>:<tag>`, as every Istio 1.0 template spells an image. */
export function istioImage(global: ImageRegistry, image: string): string {
  return `${global.hub}/${image}:${global.tag}`;
}

/**
 * Requires an architecture with weight > 0 and prefers each by its weight.
 * Keys sorted, as Helm ranges over a map. Uses `kubernetes.io/arch`, which
 * replaced `beta.kubernetes.io/arch` (deprecated since Kubernetes 1.14).
 */
export function archAffinity(arch: SharedGlobalValues['arch']): k8s.Affinity {
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

/**
 * A component's own `resources` when it sets any, else `global.defaultResources`:
 * the chart's `if .Values.resources`, to which an empty map is unset too.
 */
export function ownOrDefault(own: ComputeResources | undefined, fallback: ComputeResources | undefined): ComputeResources | undefined {
  return own !== undefined && Object.keys(own).length > 0 ? own : fallback;
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

/** What differs between the chart's control-plane Deployments; everything else comes from `global`. */
export interface ComponentDeploymentProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the Deployment object itself, beside the pod labels; they win where both set a key (Pilot: `app: istio-pilot` over the pods' `app: pilot`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of the pods, which the selector matches. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** @default - none written: Kubernetes' own, 1 */
  readonly replicas?: number;
  /** @default - the namespace's `default` ServiceAccount, as the tracing subchart leaves it */
  readonly serviceAccountName?: string;
  /** The component's image name, such as `citadel`, completed from `global.hub` and `global.tag`. */
  readonly image: string;
  /** The add-ons' own hub and tag, for images outside Istio's registry. @default - global.hub and global.tag */
  readonly registry?: ImageRegistry;
  /** @default - Kubernetes' rolling update (25% surge, 25% unavailable) */
  readonly strategy?: k8s.DeploymentStrategy;
  readonly global: SharedGlobalValues;
  /** The one container, without its image, pull policy and resources. */
  readonly container: Omit<k8s.Container, 'image' | 'imagePullPolicy' | 'resources'>;
  /** The subchart's own `resources`, which win over `global.defaultResources`. @default - global.defaultResources */
  readonly resources?: ComputeResources;
  readonly volumes?: k8s.Volume[];
  /** Whether the Deployment object is labelled with the pod labels too; Mixer's carries only its own. @default true */
  readonly podLabelsOnDeployment?: boolean;
  /** Whether the pods get the `global.arch` node affinity; the chart leaves it off istio-telemetry. @default true */
  readonly archAffinity?: boolean;
  /** @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Containers run to completion before the main one starts. @default none */
  readonly initContainers?: k8s.Container[];
  /** Annotations of the Deployment object itself (not of its pods). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Containers after the component's own, complete (such as an istio-proxy sidecar). @default none */
  readonly sidecars?: readonly k8s.Container[];
}

/**
 * A control-plane Deployment as the chart's subcharts write it: the
 * component's container, with the global image, pull policy and default
 * resources, then any sidecars; the priority class and architecture affinity, and
 * `apps/v1`'s required selector on the pod labels.
 */
export function componentDeployment(scope: Construct, id: string, props: ComponentDeploymentProps): k8s.KubeDeployment {
  const { global } = props;
  return new k8s.KubeDeployment(scope, id, {
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: props.podLabelsOnDeployment === false ? { ...props.labels } : { ...props.podLabels, ...props.labels },
      annotations: props.annotations && { ...props.annotations },
    },
    spec: {
      replicas: props.replicas,
      strategy: props.strategy,
      selector: { matchLabels: { ...props.podLabels } },
      template: {
        metadata: { labels: { ...props.podLabels }, annotations: { ...CONTROL_PLANE_POD_ANNOTATIONS } },
        spec: {
          serviceAccountName: props.serviceAccountName,
          priorityClassName: global.priorityClassName === '' ? undefined : global.priorityClassName,
          initContainers: props.initContainers,
          containers: [
            {
              ...props.container,
              image: istioImage(props.registry ?? global, props.image),
              imagePullPolicy: global.imagePullPolicy,
              resources: resourceRequirements(props.resources ?? global.defaultResources),
            },
            ...(props.sidecars ?? []),
          ],
          volumes: props.volumes,
          nodeSelector: props.nodeSelector && { ...props.nodeSelector },
          affinity: props.archAffinity === false ? undefined : archAffinity(global.arch),
        },
      },
    },
  });
}
