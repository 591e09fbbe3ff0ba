import { LineCounter, parseDocument } from 'yaml';
import { isPlainObject, putOwn, type PlainObject, type PlainValue } from '../lib/deep-merge';
import { EARLIER_INPUT, parseStrvalsInto, type FileValue, type StrvalsFlavour, type StrvalsPath } from '../lib/helm-strvals';
import { valueAt } from '../lib/value-at';
import type { Finding } from '../lib/finding';
import { YamlSource } from '../lib/yaml-source';
import { yamlToJs } from '../lib/yaml-to-js';

/**
 * `helm template`'s value flags, chart-independent: `-f/--values` (a path, or
 * `-` for stdin), `--set-json`, `--set`, `--set-string`, `--set-file` and
 * `--set-literal`, merged into one tree of user values in Helm 3's order
 * (pkg/cli/values MergeValues): every file, then every --set-json, then every
 * --set, and so on, each group in the order given. Later wins. A null stays
 * in the tree: it removes the key only when the tree is merged over the
 * chart's defaults, so a later flag can still set the key again.
 */

/** The value options for node:util's parseArgs, as `helm template` names them. */
export const HELM_VALUE_OPTIONS = {
  values: { type: 'string', short: 'f', multiple: true },
  'set-json': { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  'set-string': { type: 'string', multiple: true },
  'set-file': { type: 'string', multiple: true },
  'set-literal': { type: 'string', multiple: true },
} as const;

type HelmValueFlagName = keyof typeof HELM_VALUE_OPTIONS;

/** One value flag as given on the command line: `--set a=1` is `{ name: 'set', value: 'a=1' }`. */
export interface HelmValueFlag {
  readonly name: HelmValueFlagName;
  readonly value: string;
}

/**
 * The order in which Helm 3's MergeValues applies the kinds of flag, whatever
 * their order on the command line: the values files, then --set-json, --set,
 * --set-string, --set-file and --set-literal.
 */
const MERGE_ORDER: readonly HelmValueFlagName[] = ['values', 'set-json', 'set', 'set-string', 'set-file', 'set-literal'];

/** Helm's value flags among a command's options (parseCommandArgs's `given`), in command-line order. */
export function helmValueFlags(given: readonly { readonly name: string; readonly value?: string }[]): HelmValueFlag[] {
  return given.flatMap(({ name, value }) =>
    Object.hasOwn(HELM_VALUE_OPTIONS, name) && value !== undefined ? [{ name: name as HelmValueFlagName, value }] : [],
  );
}

/** What reading the flags touches. */
export interface HelmValuesIo {
  /** A file's text; throws a Node error (with `code`) when it cannot be read. */
  readFile(path: string): string;
  /** All of standard input. */
  readStdin(): string;
}

/** A problem tied to where it came from: `values.yaml:3:5`, `--set a=b`. */
export interface SourcedFinding {
  readonly source: string;
  readonly finding: Finding;
}

/** One values file or flag: where a value came from, to point a finding at it. */
export interface ValuesOverlay {
  /** `values.yaml`, `--set a.b=c`. */
  readonly source: string;
  /** Whether it set the value at `path`, a value above it, or one below it. */
  covers(path: StrvalsPath): boolean;
  /** `file:line:col` of `path` in a values file. */
  locate?(path: StrvalsPath): string;
  /** Its values are file content that findings must not echo (`--set-file`). */
  readonly secret: boolean;
  /** A values file's own tree, for checks of the file as a whole. */
  readonly fileValues?: PlainObject;
}

export interface HelmValues {
  /** The user's values, merged; nulls kept. */
  readonly values: PlainObject;
  readonly overlays: readonly ValuesOverlay[];
  readonly findings: readonly SourcedFinding[];
}

const STDIN = '-';

/** The flags' values, merged in Helm's order (MERGE_ORDER, each kind in the order given), with where each came from. */
export function readHelmValues(flags: readonly HelmValueFlag[], io: HelmValuesIo): HelmValues {
  const findings: SourcedFinding[] = [];
  const overlays: ValuesOverlay[] = [];
  let stdinUser: string | undefined;
  // Helm reads stdin for each `-`, and every read after the first gets nothing.
  // Refusing the second use says so instead of rendering without those values.
  const read = (path: string, flag: string): { text: string } | { problem: string } => {
    if (path.trim() === STDIN) {
      if (stdinUser !== undefined) {
        return { problem: `reads standard input, which ${stdinUser} already read` };
      }
      stdinUser = flag;
      return attempt(() => io.readStdin());
    }
    return attempt(() => io.readFile(path));
  };

  let values: PlainObject = {};
  const mergeFile = (path: string) => {
    const source = path.trim() === STDIN ? '(stdin)' : path;
    const text = read(path, `-f ${path}`);
    if ('problem' in text) {
      findings.push({ source, finding: { path: [], problem: text.problem, hint: 'check the path given to -f' } });
      return;
    }
    const parsed = parseValuesFile(text.text, source);
    findings.push(...parsed.findings);
    if (parsed.values !== undefined) {
      values = mergeMaps(values, parsed.values);
      const fileValues = parsed.values;
      overlays.push({ source, covers: (path) => treeCovers(fileValues, path), locate: parsed.locate, secret: false, fileValues });
    }
  };
  const applyStrvals = (flag: Exclude<HelmValueFlagName, 'values'>, text: string) => {
    const source = `--${flag} ${text}`;
    const flavour: StrvalsFlavour = flag === 'set-file' ? { kind: flag, readFile: (path): FileValue => read(path, source) } : { kind: flag };
    const { problems, assigned } = parseStrvalsInto(text, values, flavour);
    for (const { setEarlier, ...finding } of problems) {
      const earlier = setEarlier ? overlayOf(finding.path, overlays) : undefined;
      const named = earlier === undefined ? finding : { ...finding, problem: finding.problem.replace(EARLIER_INPUT, earlier.locate?.(finding.path) ?? earlier.source) };
      findings.push({ source, finding: named });
    }
    overlays.push({
      source,
      covers: (path) => assigned.some((set) => isPrefix(set, path) || isPrefix(path, set)),
      secret: flag === 'set-file',
    });
  };

  // sort is stable: each kind keeps the command line's order.
  const ordered = [...flags].sort((a, b) => MERGE_ORDER.indexOf(a.name) - MERGE_ORDER.indexOf(b.name));
  for (const { name, value } of ordered) {
    if (name === 'values') {
      mergeFile(value);
    } else {
      applyStrvals(name, value);
    }
  }
  return { values, overlays, findings };
}

/** The latest overlay that set `path`, where the user must fix it; undefined when none did. */
export function overlayOf(path: StrvalsPath, overlays: readonly ValuesOverlay[]): ValuesOverlay | undefined {
  for (let i = overlays.length - 1; i >= 0; i -= 1) {
    if (overlays[i].covers(path)) {
      return overlays[i];
    }
  }
  return undefined;
}

/**
 * A finding placed at the overlay that set its value: the file's line and
 * column, or the flag. A value that came from a file by --set-file is never echoed.
 */
export function placeFinding(finding: Finding, overlays: readonly ValuesOverlay[], fallback: string): SourcedFinding {
  const overlay = overlayOf(finding.path, overlays);
  if (overlay === undefined) {
    return { source: fallback, finding };
  }
  const { value: _value, ...withoutValue } = finding;
  return { source: overlay.locate?.(finding.path) ?? overlay.source, finding: overlay.secret ? withoutValue : finding };
}

/** Helm's mergeMaps between values files: maps merge key by key; anything else, null included, replaces. */
export function mergeMaps(base: PlainObject, overlay: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(base)) {
    putOwn(out, key, value);
  }
  for (const [key, value] of Object.entries(overlay)) {
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    putOwn(out, key, isPlainObject(value) && isPlainObject(existing) ? mergeMaps(existing, value) : value);
  }
  return out;
}

function parseValuesFile(
  text: string,
  source: string,
): { readonly values?: PlainObject; readonly locate?: (path: StrvalsPath) => string; readonly findings: SourcedFinding[] } {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  if (document.errors.length > 0) {
    // The error's code and place only: the parser's message can quote the
    // text, and a file named by mistake may be a secret.
    return {
      findings: document.errors.map((error) => ({
        source: at(error.pos[0]),
        finding: { path: [], problem: `is not valid YAML (${error.code.toLowerCase().replace(/_/g, ' ')})`, hint: 'fix the YAML syntax' },
      })),
    };
  }
  // An alias without an anchor or an alias bomb would make toJS throw, and a
  // foreign tag would silently become text: each is placed at its line.
  const plain = yamlToJs(document);
  if ('problems' in plain) {
    // Without the field: a file named by mistake may be a secret, and its keys with it.
    return { findings: plain.problems.map(({ offset, path: _path, ...finding }) => ({ source: at(offset), finding: { path: [], ...finding } })) };
  }
  const values = plain.value;
  if (values === null || values === undefined) {
    return { values: {}, findings: [] };
  }
  if (!isPlainObject(values)) {
    const kind = Array.isArray(values) ? 'a list' : `a ${typeof values}`;
    return {
      findings: [{ source, finding: { path: [], problem: `holds ${kind}, not a map of values`, allowed: "a YAML map, like a chart's values.yaml", hint: 'check that -f names a values file' } }],
    };
  }
  const located = new YamlSource(source, document, lines);
  return {
    values,
    locate: (path) => {
      const { line, col } = located.locate(path, true);
      return `${source}:${line}:${col}`;
    },
    findings: [],
  };
}

/** A file's tree sets `path` when it has it, or replaced a value above it with a non-map. */
function treeCovers(tree: PlainObject, path: StrvalsPath): boolean {
  for (let depth = 1; depth <= path.length; depth += 1) {
    const prefix = path.slice(0, depth);
    const parent = valueAt(tree, prefix.slice(0, -1));
    const key = prefix[prefix.length - 1];
    if (typeof parent !== 'object' || parent === null || !Object.hasOwn(parent, key)) {
      return false;
    }
    if (!isPlainObject((parent as Record<string | number, PlainValue>)[key])) {
      return true;
    }
  }
  return path.length > 0 || Object.keys(tree).length > 0;
}

function isPrefix(prefix: StrvalsPath, path: StrvalsPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

function attempt(read: () => string): { text: string } | { problem: string } {
  try {
    return { text: read() };
  } catch (err) {
    // The errno code only: nothing from the file, and Node's message repeats the path.
    return { problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
