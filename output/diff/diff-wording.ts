import type { FieldChange } from '../../lib/structural-diff';
import type { ClusterDiff, MeshDiff } from './mesh-diff';
import type { ObjectIdentity } from './object-identity';

/** What the two sides of a diff are called in its headline: `HEAD` and `working tree`. */
export interface DiffLabels {
  readonly base: string;
  readonly head: string;
}

export interface DiffTotals {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly clusters: number;
  readonly clustersChanged: number;
}

export function diffTotals(diff: MeshDiff): DiffTotals {
  const sum = (pick: (c: ClusterDiff) => number) => diff.clusters.reduce((n, c) => n + pick(c), 0);
  return {
    added: sum((c) => c.added),
    removed: sum((c) => c.removed),
    changed: sum((c) => c.changed),
    clusters: diff.clusters.length,
    clustersChanged: diff.clusters.filter((c) => c.objects.length > 0).length,
  };
}

/** `2 changed, 1 added`: the non-zero counts, changes first; `no changes` when all are zero. */
export function describeCounts(counts: { readonly added: number; readonly removed: number; readonly changed: number }): string {
  const parts = [
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.added > 0 ? `${counts.added} added` : '',
    counts.removed > 0 ? `${counts.removed} removed` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

/** The headline every format starts with. */
export function describeDiff(diff: MeshDiff, labels: DiffLabels): string {
  const totals = diffTotals(diff);
  const scope = `${totals.clusters} cluster${totals.clusters === 1 ? '' : 's'}`;
  if (totals.clustersChanged === 0) {
    return `mesh diff ${labels.base} → ${labels.head}: no changes in ${scope}`;
  }
  const objects = totals.changed + totals.added + totals.removed;
  return `mesh diff ${labels.base} → ${labels.head}: ${objects} object${objects === 1 ? ' differs' : 's differ'} (${describeCounts(totals)}) in ${totals.clustersChanged} of ${scope}`;
}

/** ` (uninstall set)` for objects outside the apply folder, which is what a reviewer assumes. */
export function setSuffix(identity: ObjectIdentity): string {
  return identity.set === 'apply' ? '' : ` (${identity.set} set)`;
}

/** A value as JSON on one line, cut to `max` characters with `…` when longer. */
export function renderValue(value: unknown, max = Infinity): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** The old → new part of a field change that is not a line diff; `wrap` dresses each value (a code span in Markdown). */
export function describeFieldValues(change: FieldChange, max = Infinity, wrap: (value: string) => string = (v) => v): string {
  const value = (v: unknown) => wrap(renderValue(v, max));
  switch (change.change) {
    case 'added':
      return `added ${value(change.new)}`;
    case 'removed':
      return `removed ${value(change.old)}`;
    case 'reordered':
      return `reordered ${value(change.old)} → ${value(change.new)}`;
    default:
      return `${value(change.old)} → ${value(change.new)}`;
  }
}
