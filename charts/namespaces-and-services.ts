import type { Construct } from 'constructs';
import { MeshNamespace } from '../constructs/mesh-namespace';
import { MeshService } from '../constructs/mesh-service';
import { clusterNamespaces } from '../plan/cluster-namespaces';
import type { ClusterSpec, MeshTopology } from '../topology/schema';

/**
 * What every cluster's chart starts with: its Namespaces, then the mesh's
 * services. Kubernetes DNS answers only for Services of the client's own
 * cluster, so each cluster defines every service of the mesh.
 */
export function addNamespacesAndServices(scope: Construct, topology: MeshTopology, cluster: ClusterSpec): void {
  for (const namespace of clusterNamespaces(topology, cluster)) {
    new MeshNamespace(scope, `Namespace-${namespace.name}`, namespace);
  }
  for (const service of topology.services) {
    new MeshService(scope, `Service-${service.namespace}-${service.name}`, service);
  }
}
