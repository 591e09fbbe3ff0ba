import { App } from 'cdk8s';
import { buildMesh } from '../charts/mesh';
import type { MeshInputs } from '../plan/mesh-inputs';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import { meshOutputTrees } from './mesh-output';
import { meshOverview, OVERVIEW_FILE } from './mesh-overview';
import { clusterFactsOf } from './overview-facts';
import { primaryInstallFiles } from './primary-install-files';
import type { OutputTree } from './publish';

/**
 * Everything synth writes for a checked topology, in memory: what `synth`
 * publishes and what `mesh diff` compares, so the two cannot differ. The apply
 * folder also gets the mesh's overview, beside the cluster folders.
 */
export function synthesizeMesh(topology: MeshTopology, inputs: MeshInputs, layout: OutputLayout): OutputTree[] {
  const charts = buildMesh(new App(), topology, inputs);
  const overview = meshOverview({
    topology,
    kubeconfigs: new Set(inputs.kubeconfigs.keys()),
    facts: charts.map((set) => clusterFactsOf(set, topology.istio.namespace)),
  });
  return meshOutputTrees(charts, primaryInstallFiles(topology, layout), layout).map((tree) =>
    tree.dir === layout.apply ? { ...tree, files: [...tree.files, { path: OVERVIEW_FILE, content: overview }] } : tree,
  );
}
