// The topology for TypeScript users: the types of mesh.yaml, and the loader
// that validates it the way `cdk8s synth` does (loadTopology runs every check
// by default; parseTopology runs TOPOLOGY_CHECKS when given them).
export type {
  ClusterSpec,
  ControlPlaneSpec,
  IstioSpec,
  MeshServiceSpec,
  MeshTopology,
  MeshTopologyInput,
  PrimaryClusterSpec,
  RemoteClusterSpec,
} from './schema';
export { meshTopologySchema } from './schema';
export { loadTopology, parseTopology, topologyPath, TopologyError, type LoadedTopology } from './load';
export { TOPOLOGY_CHECKS } from './checks';
export type { Finding } from './finding';
