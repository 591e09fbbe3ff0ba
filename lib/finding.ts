/**
 * A problem found in user input, before it is tied to a place in a file.
 * Every validator (topology schema, cross-cluster rules, chart values,
 * certificates) reports in this one form, so every error reads alike:
 * what is wrong, what is allowed, and how to fix it.
 */
export interface Finding {
  /** Where the bad value sits in the document, for example `['clusters', 1, 'name']`. */
  readonly path: readonly (string | number)[];
  /** The bad value as the user wrote it. Omit it for values that must not be echoed (tokens, keys). */
  readonly value?: unknown;
  /** What is wrong, phrased to follow the value: `is not a DNS-1123 label`. */
  readonly problem: string;
  /** What would be accepted: `lowercase letters, digits and '-', at most 63 characters`. */
  readonly allowed?: string;
  /** How to fix it: `rename it, for example "remote-2"`. */
  readonly hint: string;
  /** @default 'error' */
  readonly severity?: 'error' | 'warning';
  /** Whether the finding is about the last path segment's key (a bad label key) rather than its value. @default 'value' */
  readonly subject?: 'key' | 'value';
}

const PLAIN_KEY = /^[A-Za-z0-9_][-A-Za-z0-9_]*$/;

/** `clusters[1].values.global.hub`, `gateway.selector["istio "]` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (!PLAIN_KEY.test(segment)) {
      // A key with spaces, dots or slashes (`"istio "`, `app.kubernetes.io/name`) stays readable as one segment.
      out += `[${JSON.stringify(segment)}]`;
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
  }
  return out === '' ? '(document)' : out;
}

/** `"Remote_2" is not a DNS-1123 label (allowed: ...): rename it, ...` */
export function describeFinding(finding: Finding): string {
  const subject = 'value' in finding && finding.value !== undefined ? `${renderValue(finding.value)} ` : '';
  const allowed = finding.allowed ? ` (allowed: ${finding.allowed})` : '';
  return `${subject}${finding.problem}${allowed}: ${finding.hint}`;
}

function renderValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
