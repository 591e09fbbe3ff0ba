// The cdk8s app: load the topology, build one chart set per cluster, publish.
// `npx cdk8s synth` runs it; see output/layout.ts for where each file goes.
import './lib/zod-jitless';
import { readMeshInputs } from './inputs/mesh-inputs';
import { progressLine, type ProgressStream } from './lib/progress';
import { CDK8S_STAGING_DIR, DEFAULT_OUTPUT_DIR, outputLayout } from './output/layout';
import { DuplicateObjectError } from './output/object-identities';
import { synthesizeMesh } from './output/synthesize';
import { mirrorTrees, publishTrees } from './output/publish';
import { synthSummary } from './output/summary';
import { loadTopology, topologyPath } from './inputs/topology-file';
import { TopologyError, type LoadedTopology } from './topology/load';

/** Meshes with more clusters than this show a status line while synth runs, on a terminal. */
export const PROGRESS_MIN_CLUSTERS = 50;

export function synth(env: NodeJS.ProcessEnv, log: (line: string) => void, terminal: ProgressStream = process.stderr): number {
  // cdk8s empties its output folder before starting us; when that folder is
  // the staging one from cdk8s.yaml, the real target is dist/.
  const cdk8sOut = env.CDK8S_OUTDIR;
  const staging = cdk8sOut === undefined || cdk8sOut === CDK8S_STAGING_DIR;
  const layout = outputLayout(staging ? DEFAULT_OUTPUT_DIR : cdk8sOut);

  const fail = (errors: readonly string[], warnings: readonly string[] = []): number => {
    [...warnings, ...errors].forEach(log);
    log(`synth: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; nothing was written`);
    if (!staging) {
      log(`synth: note: cdk8s emptied ${layout.apply}/ before synth started (--output); the default dist/ is never emptied on error`);
    }
    return 1;
  };

  let loaded: LoadedTopology;
  let inputs;
  try {
    loaded = loadTopology(topologyPath(env));
    inputs = readMeshInputs(loaded);
  } catch (err) {
    if (err instanceof TopologyError) {
      return fail(err.errors, err.warnings);
    }
    throw err;
  }
  [...loaded.warnings, ...inputs.warnings].forEach(log);

  const total = loaded.topology.clusters.length;
  const progress = progressLine(terminal, total > PROGRESS_MIN_CLUSTERS);
  let trees;
  try {
    trees = synthesizeMesh(loaded.topology, inputs, layout, (built) => progress.show(`synth: built ${built}/${total} clusters`));
  } catch (err) {
    if (err instanceof DuplicateObjectError) {
      progress.end();
      return fail([`synth: ${err.message}`]);
    }
    throw err;
  }
  progress.show(`synth: writing ${trees.reduce((n, t) => n + t.files.length, 0)} files`);
  publishTrees(trees);
  // cdk8s lists the manifests it finds in its own folder: hand it those that
  // kubectl applies, never the secrets.
  const mirrored = staging && cdk8sOut !== undefined;
  if (mirrored) {
    mirrorTrees(trees.filter((t) => t.dir !== layout.secrets), cdk8sOut);
  }
  progress.end();
  synthSummary(trees, mirrored ? cdk8sOut : undefined).forEach(log);
  return 0;
}

if (require.main === module) {
  process.exitCode = synth(process.env, (line) => process.stderr.write(`${line}\n`));
}
