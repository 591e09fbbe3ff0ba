import { z } from 'zod';
import { Finding } from '../lib/finding';
import { overlaySchemaOf } from '../lib/helm-values';
import { valueAt } from '../lib/value-at';

/** What a chart's findings need to know about the chart. */
export interface ChartValuesModel {
  /** The chart's name, as the findings say it: `istio-remote`. */
  readonly chart: string;
  /** The schema of the merged values (see lib/helm-values.ts). */
  readonly schema: z.ZodType;
  /** The chart's defaults, for the example in a hint. */
  readonly defaults: unknown;
}

/**
 * Checks one values file or `--set` against a chart's keys and types. Returns
 * a Finding per problem, with the path inside the overlay; empty when it is
 * valid. Unknown keys are errors: Helm would ignore a misspelt key silently,
 * and the install would run with the default.
 */
export function chartOverlayFindings(model: ChartValuesModel, overlay: unknown): Finding[] {
  const schema = overlaySchemaOf(model.schema);
  const result = schema.safeParse(overlay);
  if (result.success) {
    return [];
  }
  const findings: Finding[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        findings.push({
          path: [...path, key],
          problem: `is not a value of the ${model.chart} chart`,
          allowed: known.length > 0 ? known.join(', ') : undefined,
          hint: 'remove it or fix its spelling (Helm would ignore it silently and keep the default)',
        });
      }
      continue;
    }
    const value = valueAt(overlay, path);
    // Text where a map of values belongs suggests a file named by mistake, which may be a secret: not echoed.
    const shown = expectsMap(issue) ? undefined : value;
    findings.push({ path, value: shown, problem: problemOf(issue, value), hint: hintOf(model, path) });
  }
  return findings;
}

function expectsMap(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && (issue.expected === 'object' || issue.expected === 'record');
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'object' || issue.expected === 'record' ? 'map' : issue.expected;
      const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
      return value === undefined || value === null ? `must be ${article} ${expected}, not empty` : `is not ${article} ${expected}`;
    }
    case 'invalid_union': {
      // A Helm boolean is a union of `true` and its spellings as text; name the type, not the union.
      const first = issue.errors[0]?.[0];
      return first !== undefined && first.code === 'invalid_type' ? problemOf(first, value) : issue.message;
    }
    case 'invalid_value':
      return `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'is empty' : `is below ${String(issue.minimum)}`;
    case 'too_big':
      return `is above ${String(issue.maximum)}`;
    case 'invalid_key':
      return `has a key that ${issue.issues[0]?.message ?? 'is not accepted'}`;
    default:
      return issue.message;
  }
}

function hintOf(model: ChartValuesModel, path: readonly (string | number)[]): string {
  const defaultValue = valueAt(model.defaults, path);
  if (defaultValue !== undefined && (typeof defaultValue !== 'object' || defaultValue === null)) {
    return `write it like the chart's default, ${JSON.stringify(defaultValue)}`;
  }
  return `write it as the ${model.chart} chart documents it, or leave it out to keep the default`;
}

/** The keys the schema allows at `path`, for the hint on an unknown key. */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    }
    if (!(current instanceof z.ZodObject)) {
      return [];
    }
    if (segment === undefined) {
      return Object.keys(current.shape).sort();
    }
    current = (current.shape[segment] as z.ZodType | undefined) ?? (current._zod.def.catchall as z.ZodType | undefined);
  }
  return [];
}
