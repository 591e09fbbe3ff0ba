import { App } from 'cdk8s';
import { buildMesh } from '../charts/mesh';
import type { MeshInputs } from '../plan/mesh-inputs';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import { meshOutputTrees } from './mesh-output';
import { primaryInstallFiles } from './primary-install-files';
import type { OutputTree } from './publish';

/**
 * Everything synth writes for a checked topology, in memory: what `synth`
 * publishes and what `mesh diff` compares, so the two cannot differ.
 */
export function synthesizeMesh(topology: MeshTopology, inputs: MeshInputs, layout: OutputLayout): OutputTree[] {
  const charts = buildMesh(new App(), topology, inputs);
  return meshOutputTrees(charts, primaryInstallFiles(topology, layout), layout);
}
