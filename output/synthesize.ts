import { meshCharts } from '../charts/mesh';
import type { MeshInputs } from '../plan/mesh-inputs';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import { meshOutputTrees } from './mesh-output';
import { primaryInstallFiles } from './primary-install-files';
import type { OutputTree } from './publish';

/**
 * Everything synth writes for a checked topology, in memory: what `synth`
 * publishes and what `mesh diff` compares, so the two cannot differ. Clusters
 * are built and rendered one at a time; `onRendered` hears how many are done.
 */
export function synthesizeMesh(
  topology: MeshTopology,
  inputs: MeshInputs,
  layout: OutputLayout,
  onRendered?: (count: number) => void,
): OutputTree[] {
  return meshOutputTrees(meshCharts(topology, inputs), primaryInstallFiles(topology, layout), layout, onRendered);
}
