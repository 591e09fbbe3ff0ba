import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import type { Finding } from '../lib/finding';
import { valueAt } from '../lib/value-at';
import { remotesOf } from '../topology/remotes';
import type { MeshTopology } from '../topology/schema';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';
import { remoteChartValues } from './remote-values';

/**
 * Chart values the topology derives, with the topology field that sets them.
 * A `values:` block that set one would bypass the topology's checks and let
 * one remote disagree with the rest of the mesh (a Citadel mounting a cacerts
 * Secret nobody creates, Endpoints holding a host name).
 */
const TOPOLOGY_OWNED_VALUES: readonly { readonly path: readonly string[]; readonly field: string }[] = [
  { path: ['global', 'hub'], field: 'istio.hub' },
  { path: ['global', 'tag'], field: 'istio.tag' },
  { path: ['global', 'controlPlaneSecurityEnabled'], field: 'istio.controlPlaneSecurityEnabled' },
  { path: ['global', 'mtls'], field: 'istio.mtlsEnabled' },
  { path: ['security', 'selfSigned'], field: 'istio.ca.selfSigned' },
  { path: ['global', 'remotePilotAddress'], field: 'controlPlane.pilot' },
  { path: ['global', 'remotePolicyAddress'], field: 'controlPlane.policy' },
  { path: ['global', 'remoteTelemetryAddress'], field: 'controlPlane.telemetry' },
  { path: ['global', 'remoteZipkinAddress'], field: 'controlPlane.zipkin' },
  { path: ['global', 'proxy', 'envoyStatsd'], field: 'controlPlane.statsd' },
  { path: ['global', 'remotePilotCreateSvcEndpoint'], field: 'this cluster\'s pilotSelectorlessService' },
  { path: ['sidecarInjectorWebhook', 'enabled'], field: 'this cluster\'s sidecarInjectorWebhook' },
];

/**
 * Checks each remote's `values:` block: it may not set what the topology
 * sets, and what it does set must pass the chart-level checks on the merged
 * values. Findings about derived values are left to the topology's own rules,
 * which point at the topology field; reporting them here would repeat them.
 */
export function checkRemoteValues(topology: MeshTopology, addresses: RemoteControlPlaneAddresses): Finding[] {
  return remotesOf(topology).flatMap(({ index, cluster }) => {
    const at = (path: readonly (string | number)[]) => ['clusters', index, 'values', ...path];
    const owned = TOPOLOGY_OWNED_VALUES.filter(({ path }) => valueAt(cluster.values, path) !== undefined).map(
      ({ path, field }): Finding => ({
        path: at(path),
        value: valueAt(cluster.values, path),
        problem: `is set by the topology's ${field}`,
        allowed: 'chart values the topology does not set',
        hint: `remove it from values and set ${field} instead, so that every cluster and synth's checks agree`,
      }),
    );
    if (owned.length > 0) {
      return owned;
    }
    return checkIstioRemoteValues(remoteChartValues(topology.istio, cluster, addresses))
      .filter((finding) => !TOPOLOGY_OWNED_VALUES.some(({ path }) => path.every((segment, i) => finding.path[i] === segment)))
      .map((finding) => ({ ...finding, path: at(finding.path) }));
  });
}
