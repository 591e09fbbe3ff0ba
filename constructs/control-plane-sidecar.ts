import * as k8s from '../imports/k8s';
import type { SharedGlobalValues } from '../istio/global-values';
import { istioImage, ownOrDefault, resourceRequirements } from './istio-component-pod';

/**
 * The istio-proxy container the chart writes by hand beside Pilot's and
 * Mixer's own (the control plane is never injected): an Envoy that
 * terminates mTLS in front of the component, configured from a bootstrap
 * template the proxyv2 image ships rather than from Pilot. Internal to the
 * constructs; not re-exported.
 */

/** Where the component's pod mounts its `istio.<serviceaccount>` key and certificates. */
export const CONTROL_PLANE_CERTS_VOLUME = 'istio-certs';
const CERTS_DIR = '/etc/certs';

export interface ControlPlaneSidecarProps {
  /** `global`: hub, tag, pull policy, the proxy's image and resources, control-plane security. */
  readonly global: SharedGlobalValues;
  /** Envoy's `--serviceCluster`, the component's Service name (`istio-pilot`). */
  readonly serviceCluster: string;
  /** The bootstrap template in the proxyv2 image, such as `envoy_pilot.yaml.tmpl`. */
  readonly templateFile: string;
  /** Ports the sidecar serves, as the chart lists them. */
  readonly ports: readonly k8s.ContainerPort[];
  /** The agent's `--domain` (`global.proxy.proxyDomain`); empty leaves the agent's own. @default '' */
  readonly domain?: string;
  /** Mounts after the certificates. @default none */
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

/** The sidecar container; its pod must have the `istio-certs` Secret volume. */
export function controlPlaneSidecar(props: ControlPlaneSidecarProps): k8s.Container {
  const { global } = props;
  const fieldEnv = (name: string, fieldPath: string): k8s.EnvVar => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  return {
    name: 'istio-proxy',
    image: istioImage(global, global.proxy.image),
    imagePullPolicy: global.imagePullPolicy,
    ports: props.ports.map((port) => ({ ...port })),
    args: [
      'proxy',
      ...(props.domain ? ['--domain', props.domain] : []),
      '--serviceCluster',
      props.serviceCluster,
      '--templateFile',
      `/etc/istio/proxy/${props.templateFile}`,
      // The Envoy in front of the component accepts only mTLS when the control plane is secured.
      '--controlPlaneAuthPolicy',
      global.controlPlaneSecurityEnabled ? 'MUTUAL_TLS' : 'NONE',
    ],
    env: [fieldEnv('POD_NAME', 'metadata.name'), fieldEnv('POD_NAMESPACE', 'metadata.namespace'), fieldEnv('INSTANCE_IP', 'status.podIP')],
    resources: resourceRequirements(ownOrDefault(global.proxy.resources, global.defaultResources)),
    volumeMounts: [{ name: CONTROL_PLANE_CERTS_VOLUME, mountPath: CERTS_DIR, readOnly: true }, ...(props.volumeMounts ?? []).map((m) => ({ ...m }))],
  };
}

