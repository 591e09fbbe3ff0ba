import { checkIstioRemoteValues } from '../constructs/istio-remote-values-rules';
import { remoteControlPlaneAddresses } from './control-plane-addresses';
import type { Finding } from './finding';
import { remoteChartValues, remotesOf } from './remote-values';
import { valueAt } from './schema-findings';
import type { MeshTopology } from './schema';

/**
 * The chart-level checks on each remote's merged values, for what a remote's
 * `values:` block sets. What the topology itself sets is checked by the
 * topology rules, with paths the user can find; repeating those findings here
 * would report one mistake twice.
 */
export function checkRemoteValues(topology: MeshTopology): Finding[] {
  const addresses = remoteControlPlaneAddresses(topology);
  return remotesOf(topology).flatMap(({ index, cluster }) =>
    checkIstioRemoteValues(remoteChartValues(topology.istio, cluster, addresses))
      .filter((finding) => valueAt(cluster.values, finding.path) !== undefined)
      .map((finding) => ({ ...finding, path: ['clusters', index, 'values', ...finding.path] })),
  );
}
