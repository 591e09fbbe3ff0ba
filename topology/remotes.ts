import type { MeshTopology, RemoteClusterSpec } from './schema';

/** Every remote of the topology, with its index in `clusters` for error paths. */
export function remotesOf(topology: MeshTopology): { readonly index: number; readonly cluster: RemoteClusterSpec }[] {
  return topology.clusters.flatMap((cluster, index) => (cluster.role === 'remote' ? [{ index, cluster }] : []));
}
