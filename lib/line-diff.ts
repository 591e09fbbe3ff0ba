import { alignSequences } from './sequence-alignment';

/** A run of lines that differ: what was removed at `oldLine` and what was added at `newLine` (both 1-based). */
export interface LineHunk {
  readonly oldLine: number;
  readonly newLine: number;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/**
 * The lines that differ between two texts, in runs, without context lines:
 * for texts such as the sidecar injector's template, which is a Go template
 * and not data, so only a line-by-line comparison says what changed.
 */
export function diffLines(before: string, after: string): LineHunk[] {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const hunks: LineHunk[] = [];
  let open: { oldLine: number; newLine: number; removed: string[]; added: string[] } | undefined;
  let oldNext = 0;
  let newNext = 0;
  for (const step of alignSequences(oldLines, newLines)) {
    if (step.op === 'keep') {
      open = undefined;
      oldNext = step.oldIndex + 1;
      newNext = step.newIndex + 1;
      continue;
    }
    if (open === undefined) {
      open = { oldLine: oldNext + 1, newLine: newNext + 1, removed: [], added: [] };
      hunks.push(open);
    }
    if (step.op === 'remove') {
      open.removed.push(oldLines[step.oldIndex]);
      oldNext = step.oldIndex + 1;
    } else {
      open.added.push(newLines[step.newIndex]);
      newNext = step.newIndex + 1;
    }
  }
  return hunks;
}
