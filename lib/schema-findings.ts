import type { z } from 'zod';
import { valueAt } from './value-at';
import type { FieldRule } from './fields';
import type { Finding } from './finding';
import { allowedKeysAt } from './schema-keys';
import { UNKNOWN_FIELD } from './yaml-source';

/**
 * Turns zod's issues into findings that say what was wrong, what is allowed
 * and how to fix it. A field with its own rule (see fields.ts) carries its
 * explanation; zod's structural issues get one here.
 */
export function schemaFindings(issues: readonly z.core.$ZodIssue[], document: unknown, schema: z.ZodType): Finding[] {
  return issues.flatMap((issue) => toFindings(issue, document, schema));
}

function toFindings(issue: z.core.$ZodIssue, document: unknown, schema: z.ZodType): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(document, path);
  switch (issue.code) {
    case 'custom': {
      const rule = (issue.params as { rule?: FieldRule } | undefined)?.rule;
      if (rule) {
        // A rule about a key names the key in the path; the value beside it is not the problem.
        const shown = rule.subject === 'key' ? { subject: 'key' as const } : rule.secret ? {} : { value };
        return [{ path, ...shown, problem: rule.problem, allowed: rule.allowed, hint: rule.hint(value) }];
      }
      return [{ path, value, problem: issue.message, hint: 'correct the value' }];
    }
    case 'invalid_key': {
      // A record's key failed its own rule: report the key, not the value beside it.
      const inner = issue.issues.map((i) => ((i as { params?: { rule?: FieldRule } }).params)?.rule).find((r) => r !== undefined);
      return [
        inner
          ? { path, subject: 'key', problem: inner.problem, allowed: inner.allowed, hint: inner.hint(path[path.length - 1]) }
          : { path, subject: 'key', problem: 'is not an accepted key here', hint: 'rename or remove the key' },
      ];
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, document, path) ?? [];
      return issue.keys.map((key) => {
        const near = closest(key, allowed);
        return {
          path: [...path, key],
          problem: UNKNOWN_FIELD,
          allowed: allowed.join(', '),
          hint: near ? `did you mean "${near}"?` : 'remove it, or move it where it belongs',
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        const key = path[path.length - 1];
        return [{ path, problem: `is required but missing`, allowed: article(issue.expected), hint: `add \`${String(key)}:\`` }];
      }
      return [
        {
          path,
          value,
          problem: `is ${article(typeName(value))}, not ${article(issue.expected)}`,
          allowed: `${article(issue.expected)}`,
          hint: typeHint(issue.expected, value),
        },
      ];
    }
    case 'invalid_value':
      return [
        {
          path,
          value,
          problem: 'is not one of the accepted values',
          allowed: issue.values.map((v) => JSON.stringify(v)).join(', '),
          hint: nearValueHint(value, issue.values),
        },
      ];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        return [
          {
            path,
            value,
            problem: value === undefined ? 'is required but missing' : 'is not one of the accepted values',
            allowed: options.map((v) => JSON.stringify(v)).join(', '),
            hint: nearValueHint(value, options),
          },
        ];
      }
      return [{ path, value, problem: 'matches none of the accepted forms', hint: 'compare it with the README reference' }];
    }
    case 'too_small':
      return [
        {
          path,
          value,
          problem: issue.origin === 'array' ? 'has too few entries' : 'is too small',
          allowed: `at least ${String(issue.minimum)}${issue.origin === 'array' ? (Number(issue.minimum) === 1 ? ' entry' : ' entries') : ''}`,
          hint: issue.origin === 'array' ? 'add an entry' : 'use a larger value',
        },
      ];
    case 'too_big':
      return [{ path, value, problem: 'is too large', allowed: `at most ${String(issue.maximum)}`, hint: 'use a smaller value' }];
    default:
      return [{ path, value, problem: issue.message, hint: 'correct the value' }];
  }
}


function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

function article(type: string): string {
  const named: Record<string, string> = { object: 'a map', array: 'a list', record: 'a map', null: 'null', int: 'an integer' };
  if (named[type]) return named[type];
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeHint(expected: string, value: unknown): string {
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `quote it: "${String(value)}"`;
  }
  if (expected === 'boolean' && typeof value === 'string') {
    return 'write true or false, without quotes';
  }
  if (expected === 'number' && typeof value === 'string' && !Number.isNaN(Number(value))) {
    return `remove the quotes: ${value}`;
  }
  if (value === null) {
    return 'give it a value, or remove the key';
  }
  return `write ${article(expected)} here`;
}

function nearValueHint(value: unknown, values: readonly unknown[]): string {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const near = typeof value === 'string' ? closest(value, strings) : undefined;
  return near ? `did you mean "${near}"?` : `use one of ${strings.map((s) => `"${s}"`).join(', ')}`;
}

/** The candidate within a small edit distance, ignoring case: `podCidr` → `podCIDR`. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
