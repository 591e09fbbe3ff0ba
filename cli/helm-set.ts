import { isPlainObject, PlainObject, PlainValue } from '../lib/deep-merge';
import { Finding } from '../lib/finding';

/** How `--set` and `--set-string` type a value. */
export interface HelmSetOptions {
  /** `--set-string`: every value stays a string. @default false */
  readonly stringValues?: boolean;
}

export interface HelmSetResult {
  /** The overlay the assignments describe: `a.b=c` gives `{ a: { b: 'c' } }`. */
  readonly values: PlainObject;
  /** Syntax errors; when there are any, `values` holds only the assignments before the first. */
  readonly findings: readonly Finding[];
}

const SYNTAX = 'path=value, paths dotted (a.b.c) with optional list indexes (a[0].b), several separated by commas, lists as {x,y}; escape , . = with \\';

/**
 * Parses one `--set` argument as Helm's strvals does: `a.b=c,d[0]=e,f={x,y}`.
 * Typing follows Helm: `true`/`false` become booleans and `null` removes the key
 * (in any case: `True`, `FALSE`, `Null`),
 * integers become numbers; everything else, including `1.5`, stays a string.
 */
export function parseHelmSet(text: string, options: HelmSetOptions = {}): HelmSetResult {
  const values: PlainObject = {};
  const findings: Finding[] = [];
  let position = 0;
  while (position < text.length) {
    const parsed = parseAssignment(text, position, options);
    if ('problem' in parsed) {
      findings.push({ path: [], value: text, problem: parsed.problem, allowed: SYNTAX, hint: parsed.hint });
      break;
    }
    assign(values, parsed.path, parsed.value);
    position = parsed.next;
  }
  if (text === '') {
    findings.push({ path: [], value: text, problem: 'is empty', allowed: SYNTAX, hint: 'give at least one assignment, for example global.hub=docker.io/istio' });
  }
  return { values, findings };
}

type Parsed =
  | { readonly path: (string | number)[]; readonly value: PlainValue; readonly next: number }
  | { readonly problem: string; readonly hint: string };

function parseAssignment(text: string, start: number, options: HelmSetOptions): Parsed {
  const path: (string | number)[] = [];
  let segment = '';
  let i = start;
  let sawEquals = false;
  // The key: segments separated by '.', each optionally followed by [index]s.
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      segment += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '=') {
      sawEquals = true;
      i += 1;
      break;
    }
    if (char === ',') {
      break;
    }
    if (char === '.' || char === '[') {
      if (segment === '' && !(char === '.' && typeof path[path.length - 1] === 'number')) {
        return { problem: `has an empty key segment at character ${i + 1}`, hint: 'write the full dotted path, for example global.proxy.image=proxyv2' };
      }
      if (segment !== '') {
        path.push(segment);
        segment = '';
      }
      if (char === '[') {
        const close = text.indexOf(']', i);
        const index = close < 0 ? NaN : Number(text.slice(i + 1, close));
        if (!Number.isInteger(index) || index < 0 || !/^\d+$/.test(text.slice(i + 1, close))) {
          return { problem: `has a bad list index at character ${i + 1}`, hint: 'write a list index as a non-negative integer, for example global.imagePullSecrets[0]=regcred' };
        }
        path.push(index);
        i = close + 1;
        continue;
      }
      i += 1;
      continue;
    }
    segment += char;
    i += 1;
  }
  if (segment !== '') {
    path.push(segment);
  }
  const key = text.slice(start, i - (sawEquals ? 1 : 0));
  if (path.length === 0) {
    return { problem: `has an empty key at character ${start + 1}`, hint: 'write path=value, for example global.remotePilotAddress=10.8.0.12' };
  }
  if (!sawEquals) {
    return { problem: `has no value for key "${key}"`, hint: `write ${key}=<value>; separate assignments with commas, and escape a comma inside a value as \\,` };
  }
  // The value: a {list}, or text up to the next unescaped comma.
  if (text[i] === '{') {
    const items: PlainValue[] = [];
    let item = '';
    let j = i + 1;
    for (; j < text.length && text[j] !== '}'; j += 1) {
      if (text[j] === '\\' && j + 1 < text.length) {
        item += text[j + 1];
        j += 1;
      } else if (text[j] === ',') {
        items.push(typed(item, options));
        item = '';
      } else {
        item += text[j];
      }
    }
    if (j >= text.length) {
      return { problem: `has a list for key "${key}" with no closing }`, hint: 'close the list, for example global.imagePullSecrets={regcred,other}' };
    }
    if (item !== '' || items.length > 0) {
      items.push(typed(item, options));
    }
    j += 1;
    if (j < text.length && text[j] !== ',') {
      return { problem: `has text after the list for key "${key}"`, hint: 'end the list with } and separate the next assignment with a comma' };
    }
    return { path, value: items, next: j + 1 };
  }
  let raw = '';
  let j = i;
  for (; j < text.length && text[j] !== ','; j += 1) {
    if (text[j] === '\\' && j + 1 < text.length) {
      j += 1;
    }
    raw += text[j];
  }
  return { path, value: typed(raw, options), next: j + 1 };
}

function typed(raw: string, options: HelmSetOptions): PlainValue {
  if (options.stringValues) {
    return raw;
  }
  // strvals compares these ignoring case: `True` and `FALSE` are booleans, `NULL` removes.
  const word = raw.toLowerCase();
  if (word === 'true' || word === 'false') {
    return word === 'true';
  }
  if (word === 'null') {
    return null;
  }
  // Helm types integers only, and keeps leading zeros (`0755`) as text.
  if (/^-?(0|[1-9]\d*)$/.test(raw) && Number.isSafeInteger(Number(raw))) {
    return Number(raw);
  }
  return raw;
}

function assign(target: PlainObject, path: readonly (string | number)[], value: PlainValue): void {
  let container: PlainObject | PlainValue[] = target;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    const nextIsIndex = typeof path[index + 1] === 'number';
    const holder = container as Record<string | number, PlainValue>;
    if (Array.isArray(container) && typeof segment === 'number') {
      while (container.length < segment) {
        container.push(null);
      }
    }
    if (last) {
      holder[segment] = value;
      return;
    }
    const existing = holder[segment];
    const fits = nextIsIndex ? Array.isArray(existing) : isPlainObject(existing);
    if (!fits) {
      holder[segment] = nextIsIndex ? [] : {};
    }
    container = holder[segment] as PlainObject | PlainValue[];
  });
}
