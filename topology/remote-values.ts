import { mergeIstioRemoteValues, type IstioRemoteValues, type IstioRemoteValuesOverlay } from '../constructs/istio-remote-values';
import type { IstioSpec, MeshTopology, RemoteClusterSpec } from './schema';

/** The control-plane addresses a remote's mesh config dials, after the exposure mode is applied. */
export interface RemoteControlPlaneAddresses {
  readonly pilot: string;
  readonly policy?: string;
  readonly telemetry?: string;
  readonly zipkin?: string;
  readonly statsd?: { readonly host: string; readonly port: number };
}

/**
 * The istio-remote chart values for one remote: what the topology says,
 * expressed in the chart's own value names, with the remote's `values:`
 * block merged last so that a pasted values file wins.
 */
export function remoteChartValues(
  istio: IstioSpec,
  remote: RemoteClusterSpec,
  addresses: RemoteControlPlaneAddresses,
  createPilotEndpoints: boolean = remote.pilotSelectorlessService,
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
      remotePilotCreateSvcEndpoint: createPilotEndpoints,
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
