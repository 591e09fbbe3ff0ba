import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { checkIstioValues } from '../istio/istio-values-rules';
import type { Finding } from '../lib/finding';
import { valueAt } from '../lib/value-at';
import type { MeshTopology } from '../topology/schema';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';
import type { TopologyOwnedValue } from './mesh-wide-values';
import { primaryChartValues, primaryOwnedValues } from './primary-values';
import { REMOTE_OWNED_VALUES, remoteChartValues } from './remote-values';

/**
 * Checks each cluster's `values:` block, the primary's (`istio` chart) and
 * every remote's (`istio-remote`): it may not set what the topology sets, and
 * what it does set must pass the chart-level checks on the merged values.
 * Findings about derived values are left to the topology's own rules, which
 * point at the topology field; reporting them here would repeat them.
 */
export function checkValuesBlocks(topology: MeshTopology, addresses: RemoteControlPlaneAddresses): Finding[] {
  return topology.clusters.flatMap((cluster, index) => {
    const findings =
      cluster.role === 'primary'
        ? checkValuesBlock(cluster.values, primaryOwnedValues(topology), () => checkIstioValues(primaryChartValues(topology, cluster)))
        : checkValuesBlock(cluster.values, REMOTE_OWNED_VALUES, () => checkIstioRemoteValues(remoteChartValues(topology.istio, cluster, addresses)));
    return findings.map((finding) => ({ ...finding, path: ['clusters', index, 'values', ...finding.path] }));
  });
}

/** One `values:` block, with paths inside the block: the owned values it sets, or else the chart's findings. */
function checkValuesBlock(values: unknown, owned: readonly TopologyOwnedValue[], chartFindings: () => Finding[]): Finding[] {
  const set = owned
    .filter(({ path }) => valueAt(values, path) !== undefined)
    .map(
      ({ path, field }): Finding => ({
        path,
        value: valueAt(values, path),
        problem: `is set by the topology's ${field}`,
        allowed: 'chart values the topology does not set',
        hint: `remove it from values and set ${field} instead, so that every cluster and synth's checks agree`,
      }),
    );
  if (set.length > 0) {
    return set;
  }
  return chartFindings().filter((finding) => !owned.some(({ path }) => path.every((segment, i) => finding.path[i] === segment)));
}
