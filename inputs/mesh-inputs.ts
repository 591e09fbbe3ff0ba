import type { MeshInputs } from '../plan/mesh-inputs';
import { readCaBundles } from '../pki/ca-bundle';
import { TopologyError, type LoadedTopology } from '../topology/load';
import { caKeysGitWouldCommit } from './ca-key-paths';
import { readKubeconfigs } from './kubeconfigs';

/**
 * Reads the files a topology names (kubeconfigs, CA files) and checks them.
 * Errors point at the topology line that names the file, like every other
 * topology error, and stop synth before anything is written.
 */
export function readMeshInputs(loaded: LoadedTopology, now: Date = new Date()): MeshInputs & { readonly warnings: string[] } {
  const { topology, dir, source } = loaded;
  const kubeconfigs = readKubeconfigs(topology, dir);
  const ca = readCaBundles(topology, dir, now);
  const findings = [...kubeconfigs.findings, ...ca.findings, ...caKeysGitWouldCommit(topology, dir)];
  const errors = findings.filter((f) => f.severity !== 'warning').map((f) => source.format(f));
  const warnings = findings.filter((f) => f.severity === 'warning').map((f) => source.format(f));
  if (errors.length > 0) {
    throw new TopologyError(errors, warnings);
  }
  return { kubeconfigs: kubeconfigs.kubeconfigs, caBundles: ca.bundles, warnings };
}
