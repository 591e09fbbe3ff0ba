// The topology for TypeScript users: the types of mesh.yaml, and the loader
// that validates it the way `cdk8s synth` does.
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
export type { Finding } from './finding';
