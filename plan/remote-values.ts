import { mergeIstioRemoteValues, type IstioRemoteValues, type IstioRemoteValuesOverlay } from '../istio/istio-remote-values';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';
import type { IstioSpec, RemoteClusterSpec } from '../topology/schema';

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
