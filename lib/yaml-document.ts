import { Document } from 'yaml';

/**
 * One YAML document for plain JSON data, byte for byte what the `yaml` package
 * (2.x) writes with cdk8s's options (`lineWidth: 0`, the YAML 1.1 schema), or undefined
 * when the data holds anything this writer does not cover, for the caller to
 * hand to `yaml` itself.
 *
 * `yaml` builds a node tree for every document before printing it, and that is
 * most of synth's time per cluster. This writer covers what Kubernetes objects
 * are made of: maps and lists of printable ASCII strings, single- and
 * multi-line, safe integers, floats in plain decimal form, booleans and null. It gives up on anything else
 * (other characters, floats in exponent form, undefined, a shared or non-plain object, strings
 * that `yaml` would print with an indentation indicator or in keep-chomping
 * style), so it never has to guess.
 */
export function yamlDocument(value: unknown): string | undefined {
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    return undefined;
  }
  try {
    return `${block(value, '', new Set([value]))}\n`;
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

const GIVE_UP = Symbol('not covered');
/** `0.005`, `-2.5`: a float JSON writes without an exponent. */
const PLAIN_DECIMAL = /^-?\d+\.\d+$/;
const INDENT = '  ';

/**
 * The other scalar types of YAML 1.1's schema, which cdk8s writes with (so `yes`
 * and `0755` are quoted too): a plain string matching one must be quoted to stay a string.
 */
const OTHER_SCALARS: readonly RegExp[] = new Document(null, { version: '1.1' }).schema.tags
  .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test !== undefined)
  .map((tag) => tag.test!);

// What `yaml` cannot print plain (its own test): an indicator first, ': ' or ' #' inside, a space or ':' last.
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const PRINTABLE = /^[\x20-\x7e]*$/;
const PRINTABLE_LINES = /^[\x20-\x7e\n]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A non-empty map or list in block style, at `indent`; `seen` catches a shared object, which `yaml` prints as an alias. */
function block(value: Record<string, unknown> | unknown[], indent: string, seen: Set<object>): string {
  const inner = indent + INDENT;
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      lines.push(`- ${node(item, inner, seen)}`);
    }
  } else {
    for (const key of Object.keys(value)) {
      const name = key === '' ? GIVE_UP : scalarString(key, inner, true);
      if (name === GIVE_UP || name.length > 1024) throw GIVE_UP;
      const item = value[key];
      const rendered = node(item, inner, seen);
      const nested = (Array.isArray(item) || isPlainObject(item)) && rendered !== '[]' && rendered !== '{}';
      lines.push(nested ? `${name}:\n${inner}${rendered}` : `${name}: ${rendered}`);
    }
  }
  return lines.join(`\n${indent}`);
}

/** Any value, at the indentation its own lines would take. */
function node(value: unknown, indent: string, seen: Set<object>): string {
  if (typeof value === 'object' && value !== null) {
    if (seen.has(value)) throw GIVE_UP;
    seen.add(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : block(value, indent, seen);
  }
  if (isPlainObject(value)) {
    return Object.keys(value).length === 0 ? '{}' : block(value, indent, seen);
  }
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  // yaml writes any other finite number as JSON does; only the plain decimal form is covered (Prometheus bucket bounds).
  if (typeof value === 'number' && PLAIN_DECIMAL.test(JSON.stringify(value))) return JSON.stringify(value);
  if (typeof value === 'string') {
    const text = scalarString(value, indent, false);
    if (text !== GIVE_UP) return text;
  }
  throw GIVE_UP;
}

function scalarString(value: string, indent: string, isKey: boolean): string | typeof GIVE_UP {
  if (value.includes('\n')) {
    return isKey ? GIVE_UP : literalBlock(value, indent);
  }
  if (!PRINTABLE.test(value) || DOCUMENT_MARKER.test(value)) return GIVE_UP;
  if (!NOT_PLAIN.test(value) && !OTHER_SCALARS.some((test) => test.test(value))) {
    return value;
  }
  // `yaml` quotes with ' only when that spares escaping a ".
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** `|` or `|-` with the lines at `indent`; other block headers give up. */
function literalBlock(value: string, indent: string): string | typeof GIVE_UP {
  if (indent === '' || !PRINTABLE_LINES.test(value) || value.startsWith(' ') || value.startsWith('\n')) return GIVE_UP;
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  // One final newline is clip chomping (`|`), none is strip (`|-`); more, or trailing spaces, need other headers.
  if (body.endsWith('\n') || body.endsWith(' ')) return GIVE_UP;
  const chomp = body === value ? '-' : '';
  // Empty lines stay empty; each run of newlines is followed by the indentation.
  return `|${chomp}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}
