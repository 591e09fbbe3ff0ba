import { formatFieldPath } from '../../lib/structural-diff';
import { describeFieldValues, describeCounts, describeDiff, setSuffix, type DiffLabels } from './diff-wording';
import type { MeshDiff, ObjectChange } from './mesh-diff';
import { describeObject } from './object-identity';

/** How text is coloured; identity when stdout is not a terminal. */
export interface Palette {
  readonly added: (text: string) => string;
  readonly removed: (text: string) => string;
  readonly changed: (text: string) => string;
  readonly heading: (text: string) => string;
}

export const PLAIN: Palette = { added: (t) => t, removed: (t) => t, changed: (t) => t, heading: (t) => t };

const sgr = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
/** ANSI colours, as git diff uses them: green added, red removed. */
export const ANSI: Palette = { added: sgr('32'), removed: sgr('31'), changed: sgr('33'), heading: sgr('1') };

const MARK: Record<ObjectChange['change'], string> = { added: '+', removed: '-', changed: '~' };

/** The diff for a terminal: each changed cluster, its objects, and each changed field with its old and new value. */
export function formatDiffText(diff: MeshDiff, labels: DiffLabels, palette: Palette = PLAIN): string {
  const lines = [palette.heading(describeDiff(diff, labels))];
  for (const cluster of diff.clusters.filter((c) => c.objects.length > 0)) {
    lines.push('', palette.heading(`${cluster.cluster}: ${describeCounts(cluster)}`));
    for (const object of cluster.objects) {
      const colour = palette[object.change];
      lines.push(colour(`  ${MARK[object.change]} ${describeObject(object.identity)}${setSuffix(object.identity)}`));
      for (const field of object.fields) {
        const path = formatFieldPath(field.path) || '(whole object)';
        if (field.lines === undefined) {
          lines.push(`      ${path}: ${describeFieldValues(field)}`);
          continue;
        }
        lines.push(`      ${path}: lines changed`);
        for (const hunk of field.lines) {
          lines.push(palette.heading(`        @@ -${hunk.oldLine} +${hunk.newLine} @@`));
          lines.push(...hunk.removed.map((line) => palette.removed(`        -${line}`)));
          lines.push(...hunk.added.map((line) => palette.added(`        +${line}`)));
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
