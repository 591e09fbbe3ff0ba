import { meshCharts } from '../charts/mesh';
import type { MeshInputs } from '../plan/mesh-inputs';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import { meshOutputTrees } from './mesh-output';
import { meshOverview, OVERVIEW_FILE } from './mesh-overview';
import { clusterFactsOf, type ClusterFacts } from './overview-facts';
import type { OutputTree } from './publish';

/**
 * Everything synth writes for a checked topology, in memory: what `synth`
 * publishes and what `mesh diff` compares, so the two cannot differ. Clusters
 * are built and rendered one at a time; `onRendered` hears how many are done.
 * The apply folder also gets the mesh's overview, beside the cluster folders.
 */
export function synthesizeMesh(
  topology: MeshTopology,
  inputs: MeshInputs,
  layout: OutputLayout,
  onRendered?: (count: number) => void,
): OutputTree[] {
  const facts: ClusterFacts[] = [];
  // The overview's facts are taken from each cluster's charts as they pass, so no chart outlives its rendering.
  const charts = function* () {
    for (const set of meshCharts(topology, inputs)) {
      facts.push(clusterFactsOf(set, topology.istio.namespace));
      yield set;
    }
  };
  const trees = meshOutputTrees(charts(), layout, onRendered);
  const overview = meshOverview({ topology, kubeconfigs: new Set(inputs.kubeconfigs.keys()), facts });
  return trees.map((tree) => (tree.dir === layout.apply ? { ...tree, files: [...tree.files, { path: OVERVIEW_FILE, content: overview }] } : tree));
}
