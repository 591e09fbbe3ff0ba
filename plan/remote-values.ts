import { mergeIstioRemoteValues, type IstioRemoteValues, type IstioRemoteValuesOverlay } from '../istio/istio-remote-values';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';
import type { IstioSpec, RemoteClusterSpec } from '../topology/schema';
import { MESH_WIDE_OWNED_VALUES, meshWideValues, type TopologyOwnedValue } from './mesh-wide-values';

/**
 * The istio-remote chart values for one remote: what the topology says,
 * expressed in the chart's own value names, with the remote's `values:`
 * block merged last so that a pasted values file wins.
 */
export function remoteChartValues(
  istio: IstioSpec,
  remote: RemoteClusterSpec,
  addresses: RemoteControlPlaneAddresses,
): IstioRemoteValues {
  const derived: IstioRemoteValuesOverlay = {
    global: {
      remotePilotAddress: addresses.pilot,
      remotePolicyAddress: addresses.policy ?? '',
      remoteTelemetryAddress: addresses.telemetry ?? '',
      remoteZipkinAddress: addresses.zipkin ?? '',
      // In gateway exposure the remote already has its own selector-less istio-pilot.
      remotePilotCreateSvcEndpoint: remote.pilotSelectorlessService && !addresses.pilotByServiceName,
      proxy: {
        envoyStatsd: addresses.statsd
          ? { enabled: true, host: addresses.statsd.host, port: addresses.statsd.port }
          : { enabled: false },
      },
    },
    sidecarInjectorWebhook: { enabled: remote.sidecarInjectorWebhook },
  };
  return mergeIstioRemoteValues(meshWideValues(istio), derived, remote.values);
}

/**
 * The chart values a remote's `values:` block may not set, with the topology
 * field that does. Setting one there would bypass the topology's checks and
 * let one remote disagree with the rest of the mesh (a Citadel mounting a
 * cacerts Secret nobody creates, Endpoints holding a host name).
 */
export const REMOTE_OWNED_VALUES: readonly TopologyOwnedValue[] = [
  ...MESH_WIDE_OWNED_VALUES,
  { path: ['global', 'remotePilotAddress'], field: 'controlPlane.pilot' },
  { path: ['global', 'remotePolicyAddress'], field: 'controlPlane.policy' },
  { path: ['global', 'remoteTelemetryAddress'], field: 'controlPlane.telemetry' },
  { path: ['global', 'remoteZipkinAddress'], field: 'controlPlane.zipkin' },
  { path: ['global', 'proxy', 'envoyStatsd'], field: 'controlPlane.statsd' },
  { path: ['global', 'remotePilotCreateSvcEndpoint'], field: "this cluster's pilotSelectorlessService" },
  { path: ['sidecarInjectorWebhook', 'enabled'], field: "this cluster's sidecarInjectorWebhook" },
];
