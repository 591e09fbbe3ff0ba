import { formatFieldPath } from '../../lib/structural-diff';
import { diffTotals, type DiffLabels } from './diff-wording';
import type { MeshDiff } from './mesh-diff';

/**
 * The diff for tools; the README documents this shape. Paths are strings in
 * the form `spec.containers[name=discovery].args[2]`; a field compared line by
 * line has `lines` instead of `old` and `new`.
 */
export function formatDiffJson(diff: MeshDiff, labels: DiffLabels): string {
  const totals = diffTotals(diff);
  const document = {
    base: labels.base,
    head: labels.head,
    compared: diff.sets,
    changed: totals.clustersChanged > 0,
    summary: totals,
    clusters: diff.clusters.map((cluster) => ({
      cluster: cluster.cluster,
      added: cluster.added,
      removed: cluster.removed,
      changed: cluster.changed,
      objects: cluster.objects.map(({ identity, change, fields }) => ({
        change,
        set: identity.set,
        group: identity.group,
        kind: identity.kind,
        namespace: identity.namespace,
        name: identity.name,
        fields: fields.map((field) => ({
          path: formatFieldPath(field.path),
          change: field.change,
          ...('old' in field && { old: field.old }),
          ...('new' in field && { new: field.new }),
          ...(field.lines !== undefined && { lines: field.lines }),
        })),
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
