import { App } from 'cdk8s';
import { buildMesh, type ClusterCharts } from '../charts/mesh';
import type { MeshInputs } from '../plan/mesh-inputs';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import { primaryInstallFiles } from './primary-install-files';
import type { OutputFile, OutputTree } from './publish';
import { renderChart } from './render';

/**
 * Everything synth writes for a checked topology, in memory: what `synth`
 * publishes and what `mesh diff` compares, so the two cannot differ.
 */
export function synthesizeMesh(topology: MeshTopology, inputs: MeshInputs, layout: OutputLayout): OutputTree[] {
  const charts = buildMesh(new App(), topology, inputs);
  return meshOutputTrees(charts, primaryInstallFiles(topology, layout), layout);
}

/** Extra files of a cluster outside the apply folder, such as the primary's helm values overlay. */
export interface InstallFile {
  readonly cluster: string;
  readonly name: string;
  readonly content: string;
}

/**
 * The output trees for a built mesh: one YAML file per cluster and purpose,
 * named after the cluster so that a file out of its folder still says where
 * it belongs.
 */
export function meshOutputTrees(charts: readonly ClusterCharts[], install: readonly InstallFile[], layout: OutputLayout): OutputTree[] {
  const apply: OutputFile[] = [];
  const secrets: OutputFile[] = [];
  const uninstall: OutputFile[] = [];
  for (const set of charts) {
    apply.push({ path: `${set.cluster}/${set.cluster}.k8s.yaml`, content: renderChart(set.apply) });
    if (set.secrets) {
      secrets.push({ path: `${set.cluster}/${set.cluster}-secrets.k8s.yaml`, content: renderChart(set.secrets), secret: true });
    }
    if (set.uninstall) {
      uninstall.push({ path: `${set.cluster}/${set.cluster}-cleanup.k8s.yaml`, content: renderChart(set.uninstall) });
    }
  }
  return [
    { dir: layout.apply, files: apply },
    { dir: layout.secrets, files: secrets },
    { dir: layout.uninstall, files: uninstall },
    { dir: layout.install, files: install.map((f) => ({ path: `${f.cluster}/${f.name}`, content: f.content })) },
  ];
}
