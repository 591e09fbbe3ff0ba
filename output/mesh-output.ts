import { basename } from 'node:path';
import type { ClusterCharts } from '../charts/mesh';
import type { OutputLayout } from './layout';
import type { OutputFile, OutputTree } from './publish';
import { checkDistinctObjects, type ObjectFolder } from './object-identities';
import { chartObjects, renderObjects } from './render';

/**
 * The output trees for a mesh: one YAML file per cluster and purpose, named
 * after the cluster so that a file out of its folder still says where it
 * belongs. Each chart set is rendered as soon as `charts` yields it, so only
 * its text outlives it; `onRendered` hears how many sets are done.
 */
export function meshOutputTrees(
  charts: Iterable<ClusterCharts>,
  layout: OutputLayout,
  onRendered: (count: number) => void = () => undefined,
): OutputTree[] {
  const crds: OutputFile[] = [];
  const apply: OutputFile[] = [];
  const secrets: OutputFile[] = [];
  const uninstall: OutputFile[] = [];
  const folderName = (folder: ObjectFolder) => basename(layout[folder]);
  for (const set of charts) {
    const objects = {
      ...(set.crds && { crds: chartObjects(set.crds) }),
      apply: chartObjects(set.apply),
      ...(set.secrets && { secrets: chartObjects(set.secrets) }),
      ...(set.uninstall && { uninstall: chartObjects(set.uninstall) }),
    };
    // Before any file is rendered, so a clash never reaches the disk.
    checkDistinctObjects(set.cluster, objects, folderName);
    if (objects.crds) {
      crds.push({ path: `${set.cluster}/${set.cluster}-crds.k8s.yaml`, content: renderObjects(objects.crds) });
    }
    apply.push({ path: `${set.cluster}/${set.cluster}.k8s.yaml`, content: renderObjects(objects.apply) });
    if (objects.secrets) {
      secrets.push({ path: `${set.cluster}/${set.cluster}-secrets.k8s.yaml`, content: renderObjects(objects.secrets), secret: true });
    }
    if (objects.uninstall) {
      uninstall.push({ path: `${set.cluster}/${set.cluster}-cleanup.k8s.yaml`, content: renderObjects(objects.uninstall) });
    }
    onRendered(apply.length);
  }
  return [
    { dir: layout.crds, files: crds },
    { dir: layout.apply, files: apply },
    { dir: layout.secrets, files: secrets },
    { dir: layout.uninstall, files: uninstall },
  ];
}
