import { meshServiceNamespaces } from './mesh-services';
import type { ClusterSpec, MeshTopology } from '../topology/schema';

export interface ClusterNamespace {
  readonly name: string;
  readonly sidecarInjection: boolean;
}

/**
 * The Namespaces a cluster's chart creates: the control plane's first, then
 * the remote's injection namespaces and the mesh services' namespaces, once
 * each and sorted, so the output does not depend on the order of the lists.
 */
export function clusterNamespaces(topology: MeshTopology, cluster: ClusterSpec): ClusterNamespace[] {
  const injected = new Set(cluster.role === 'remote' ? cluster.injectionNamespaces : []);
  const others = new Set([...injected, ...meshServiceNamespaces(topology)]);
  others.delete(topology.istio.namespace);
  return [
    { name: topology.istio.namespace, sidecarInjection: false },
    ...[...others].sort().map((name) => ({ name, sidecarInjection: injected.has(name) })),
  ];
}
