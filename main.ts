// The cdk8s app: load the topology, build one chart set per cluster, publish.
// `npx cdk8s synth` runs it; see output/layout.ts for where each file goes.
import { readMeshInputs } from './inputs/mesh-inputs';
import { CDK8S_STAGING_DIR, DEFAULT_OUTPUT_DIR, outputLayout } from './output/layout';
import { DuplicateObjectError } from './output/object-identities';
import { synthesizeMesh } from './output/synthesize';
import { mirrorTrees, publishTrees } from './output/publish';
import { loadTopology, topologyPath } from './inputs/topology-file';
import { TopologyError, type LoadedTopology } from './topology/load';

export function synth(env: NodeJS.ProcessEnv, log: (line: string) => void): number {
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

  let trees;
  try {
    trees = synthesizeMesh(loaded.topology, inputs, layout);
  } catch (err) {
    if (err instanceof DuplicateObjectError) {
      return fail([`synth: ${err.message}`]);
    }
    throw err;
  }
  publishTrees(trees);
  if (staging && cdk8sOut !== undefined) {
    mirrorTrees(trees.filter((t) => t.dir !== layout.secrets), cdk8sOut);
  }
  log(`synth: wrote ${trees.filter((t) => t.files.length > 0).map((t) => `${t.dir}/ (${t.files.length} file${t.files.length === 1 ? '' : 's'})`).join(', ')}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = synth(process.env, (line) => process.stderr.write(`${line}\n`));
}
