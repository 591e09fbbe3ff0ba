/** How two sequences line up: each step keeps an item of both, removes one of the old or adds one of the new. */
export type AlignmentStep =
  | { readonly op: 'keep'; readonly oldIndex: number; readonly newIndex: number }
  | { readonly op: 'remove'; readonly oldIndex: number }
  | { readonly op: 'add'; readonly newIndex: number };

/**
 * Past this many cells the middle of two sequences is reported as replaced
 * whole rather than aligned: a longest-common-subsequence table grows with the
 * product of the lengths, and a diff must not run out of memory on a large file.
 */
const MAX_TABLE_CELLS = 4_000_000;

/**
 * Aligns `before` with `after` along a longest common subsequence, so an
 * inserted item shows as one addition instead of every later item changing.
 * Common leading and trailing items are matched first, which keeps the
 * table small for the usual edit of a few lines in the middle.
 */
export function alignSequences<T>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean = Object.is): AlignmentStep[] {
  let start = 0;
  while (start < before.length && start < after.length && same(before[start], after[start])) {
    start += 1;
  }
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && same(before[endBefore - 1], after[endAfter - 1])) {
    endBefore -= 1;
    endAfter -= 1;
  }

  const steps: AlignmentStep[] = [];
  for (let i = 0; i < start; i += 1) {
    steps.push({ op: 'keep', oldIndex: i, newIndex: i });
  }
  steps.push(...alignMiddle(before, after, start, endBefore, endAfter, same));
  for (let i = 0; endBefore + i < before.length; i += 1) {
    steps.push({ op: 'keep', oldIndex: endBefore + i, newIndex: endAfter + i });
  }
  return steps;
}

function alignMiddle<T>(before: readonly T[], after: readonly T[], start: number, endBefore: number, endAfter: number, same: (a: T, b: T) => boolean): AlignmentStep[] {
  const n = endBefore - start;
  const m = endAfter - start;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    return [
      ...Array.from({ length: n }, (_, i): AlignmentStep => ({ op: 'remove', oldIndex: start + i })),
      ...Array.from({ length: m }, (_, j): AlignmentStep => ({ op: 'add', newIndex: start + j })),
    ];
  }
  // lengths[i * (m + 1) + j]: the longest common subsequence of before[start+i..] and after[start+j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = same(before[start + i], after[start + j])
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const steps: AlignmentStep[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(before[start + i], after[start + j])) {
      steps.push({ op: 'keep', oldIndex: start + i, newIndex: start + j });
      i += 1;
      j += 1;
    } else if (j >= m || (i < n && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
      // Removals before additions, as unified diffs print them.
      steps.push({ op: 'remove', oldIndex: start + i });
      i += 1;
    } else {
      steps.push({ op: 'add', newIndex: start + j });
      j += 1;
    }
  }
  return steps;
}
