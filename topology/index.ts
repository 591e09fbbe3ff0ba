// The topology for TypeScript users: the types of mesh.yaml, and the parser
// with its stages (synth reads the file with inputs/topology-file.ts, which
// adds the plan's checks as the last stage).
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
export { parseTopology, TopologyError, type LoadedTopology } from './load';
export { checkTopologyDocument, type AddressedCheck, type StageScope } from './stages';
export type { Finding } from '../lib/finding';
