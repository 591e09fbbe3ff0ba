import { mergeIstioRemoteValues, type IstioRemoteValues, type IstioRemoteValuesOverlay } from '../constructs/istio-remote-values';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';
import type { IstioSpec, MeshTopology, RemoteClusterSpec } from './schema';

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
      hub: istio.hub,
      tag: istio.tag,
      controlPlaneSecurityEnabled: istio.controlPlaneSecurityEnabled,
      mtls: { enabled: istio.mtlsEnabled },
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
    security: { selfSigned: istio.ca.selfSigned },
  };
  return mergeIstioRemoteValues(derived, remote.values);
}

/** Every remote of the topology, with its index in `clusters` for error paths. */
export function remotesOf(topology: MeshTopology): { readonly index: number; readonly cluster: RemoteClusterSpec }[] {
  return topology.clusters.flatMap((cluster, index) => (cluster.role === 'remote' ? [{ index, cluster }] : []));
}
