import { MeshTopology } from '../topology/schema';

/**
 * The namespaces the mesh services live in, sorted and without repeats: every
 * cluster's chart creates these Namespaces before the MeshService objects in
 * them, because a client resolves a name only where Service and Namespace exist.
 */
export function meshServiceNamespaces(topology: MeshTopology): string[] {
  return [...new Set(topology.services.map((s) => s.namespace))].sort();
}
