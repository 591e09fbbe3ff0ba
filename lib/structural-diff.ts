import { isPlainObject } from './deep-merge';
import { diffLines, type LineHunk } from './line-diff';
import { alignSequences } from './sequence-alignment';

/** One step into a tree of plain data: a map key, a list position, or the list item with that `name`. */
export type PathSegment = string | number | { readonly name: string };

/** A difference at one field of two trees of plain data (parsed YAML or JSON). */
export interface FieldChange {
  readonly path: readonly PathSegment[];
  /** `reordered`: a list of named items holds the same names in another order. */
  readonly change: 'added' | 'removed' | 'changed' | 'reordered';
  /** Absent for `added`; for `reordered`, the names in their old order. */
  readonly old?: unknown;
  /** Absent for `removed`; for `reordered`, the names in their new order. */
  readonly new?: unknown;
  /** Text of more than one line, compared line by line: the runs that differ, in place of old and new. */
  readonly lines?: readonly LineHunk[];
}

/**
 * Every field that differs between `before` and `after`:
 * - maps key by key;
 * - lists whose items all carry a unique `name` (containers, ports, env,
 *   volumes, ...) by that name, as Kubernetes merges them, so inserting one
 *   item is one addition rather than a change to every item after it;
 * - lists of plain values along their longest common subsequence, for the same reason;
 * - other lists position by position;
 * - strings of several lines line by line.
 * Keys are visited in the old tree's order, then the keys only the new one has.
 */
export function diffValues(before: unknown, after: unknown, path: readonly PathSegment[] = []): FieldChange[] {
  if (sameValue(before, after)) {
    return [];
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    return diffMaps(before, after, path);
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return diffLists(before, after, path);
  }
  if (typeof before === 'string' && typeof after === 'string' && (before.includes('\n') || after.includes('\n'))) {
    return [{ path, change: 'changed', lines: diffLines(before, after) }];
  }
  return [{ path, change: 'changed', old: before, new: after }];
}

/** Deep equality of plain data. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

/** `spec.containers[name=discovery].ports[0]`, `metadata.labels["istio-injection"]`. */
export function formatFieldPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (typeof segment === 'object') {
      out += `[name=${segment.name}]`;
    } else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

function diffMaps(before: Record<string, unknown>, after: Record<string, unknown>, path: readonly PathSegment[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(before)) {
    if (key in after) {
      changes.push(...diffValues(value, after[key], [...path, key]));
    } else {
      changes.push({ path: [...path, key], change: 'removed', old: value });
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) {
      changes.push({ path: [...path, key], change: 'added', new: value });
    }
  }
  return changes;
}

function diffLists(before: readonly unknown[], after: readonly unknown[], path: readonly PathSegment[]): FieldChange[] {
  const oldNames = itemNames(before);
  const newNames = itemNames(after);
  if (oldNames && newNames) {
    return diffNamedLists(before, oldNames, after, newNames, path);
  }
  if ([...before, ...after].every((item) => !isPlainObject(item) && !Array.isArray(item))) {
    return alignSequences(before, after, sameValue).flatMap((step): FieldChange[] =>
      step.op === 'remove'
        ? [{ path: [...path, step.oldIndex], change: 'removed', old: before[step.oldIndex] }]
        : step.op === 'add'
          ? [{ path: [...path, step.newIndex], change: 'added', new: after[step.newIndex] }]
          : [],
    );
  }
  const changes: FieldChange[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
    if (i >= after.length) {
      changes.push({ path: [...path, i], change: 'removed', old: before[i] });
    } else if (i >= before.length) {
      changes.push({ path: [...path, i], change: 'added', new: after[i] });
    } else {
      changes.push(...diffValues(before[i], after[i], [...path, i]));
    }
  }
  return changes;
}

function diffNamedLists(before: readonly unknown[], oldNames: readonly string[], after: readonly unknown[], newNames: readonly string[], path: readonly PathSegment[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const newIndex = new Map(newNames.map((name, i) => [name, i]));
  const oldIndex = new Map(oldNames.map((name, i) => [name, i]));
  oldNames.forEach((name, i) => {
    const j = newIndex.get(name);
    changes.push(...(j === undefined ? [{ path: [...path, { name }], change: 'removed' as const, old: before[i] }] : diffValues(before[i], after[j], [...path, { name }])));
  });
  newNames.forEach((name, j) => {
    if (!oldIndex.has(name)) {
      changes.push({ path: [...path, { name }], change: 'added', new: after[j] });
    }
  });
  const keptOld = oldNames.filter((name) => newIndex.has(name));
  const keptNew = newNames.filter((name) => oldIndex.has(name));
  if (!sameValue(keptOld, keptNew)) {
    changes.push({ path, change: 'reordered', old: keptOld, new: keptNew });
  }
  return changes;
}

/** The items' names, when every item is a map with a string `name` and no name repeats; an empty list qualifies. */
function itemNames(list: readonly unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.name !== 'string') {
      return undefined;
    }
    names.push(item.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}
