import { isPlainObject, ownValue, putOwn, type PlainObject, type PlainValue } from './deep-merge';

/**
 * Helm 3's `strvals`, the grammar of `--set`, `--set-string`, `--set-json`,
 * `--set-file` and `--set-literal`: `a.b=c,d[0]=e,f={x,y}`. Chart-independent:
 * it builds plain values; the chart's own checks come after.
 *
 * Each assignment is parsed into the values already given (as Helm's
 * `ParseInto` does), so a key that earlier input made a value cannot become a
 * map or a list here: Helm fails on that too.
 *
 * Where Helm is silent or loose, this is strict, because each case is a typo
 * that Helm would turn into a different install without a word:
 * - an empty key (`=x`, `a..b=x`), which Helm drops;
 * - a key without a value at the end (`a`, `a[0]`, `a[1`), which Helm drops;
 * - list indexes count toward the nesting cap like dotted names do, so that
 *   `a[0][0]...` cannot recurse without bound (Helm counts dotted names only);
 * - an integer Helm would read as 64-bit but JavaScript cannot hold exactly.
 */

/** Helm's `strvals.MaxIndex`: a larger list index is refused rather than allocated. */
export const HELM_MAX_INDEX = 65536;
/** Helm's `strvals.MaxNestedNameLevel`. */
export const HELM_MAX_NESTING = 30;
/**
 * How deeply a `--set-json` value may nest. Go's encoding/json stops at 10000;
 * no chart needs a hundredth of that, and the merge and checks recurse.
 */
export const MAX_JSON_DEPTH = 1000;

export type StrvalsPath = readonly (string | number)[];

/** A problem with one flag's text, in the shape of the project's Finding. */
export interface StrvalsProblem {
  readonly path: StrvalsPath;
  readonly problem: string;
  readonly allowed?: string;
  readonly hint: string;
  /** The problem is with a value that input before this flag set: the caller can say which input, in place of EARLIER_INPUT. */
  readonly setEarlier?: true;
}

/** How a problem names the input that set a value before, when it cannot know which. */
export const EARLIER_INPUT = 'an earlier file or flag';

/** What a value read from a `--set-file` path is: its text, or why it cannot be read (never its content). */
export type FileValue = { readonly text: string } | { readonly problem: string };

/** How the text after `=` becomes a value; one per flag. */
export type StrvalsFlavour =
  /** `--set`: true/false/null and integers are typed, case-insensitively as Helm does. */
  | { readonly kind: 'set' }
  /** `--set-string`: every value is a string. */
  | { readonly kind: 'set-string' }
  /** `--set-json`: each value is JSON. */
  | { readonly kind: 'set-json' }
  /** `--set-file`: each value is a path, replaced by that file's text. */
  | { readonly kind: 'set-file'; readonly readFile: (path: string) => FileValue }
  /** `--set-literal`: one assignment; everything after the first `=` is the value, commas and backslashes included. */
  | { readonly kind: 'set-literal' };

export interface StrvalsResult {
  /** Problems; Helm stops at the first, and so does this. */
  readonly problems: readonly StrvalsProblem[];
  /** Every path an assignment set, in order: to tell later which flag set a value. */
  readonly assigned: readonly StrvalsPath[];
}

const SYNTAX = 'path=value, paths dotted (a.b.c) with list indexes (a[0].b), assignments separated by commas, lists as {x,y}; escape , . = [ with \\';
const LITERAL_SYNTAX = 'one path=value; the value is taken as written, commas included';

/**
 * Parses one flag's text into `into` (mutated, as Helm's ParseInto does).
 * On a problem, `into` may hold the assignments before it; callers that found
 * problems render nothing.
 */
export function parseStrvalsInto(text: string, into: PlainObject, flavour: StrvalsFlavour): StrvalsResult {
  const parser = new Parser(text, flavour);
  if (text === '') {
    return { problems: [parser.problem('is empty', 'give at least one assignment, for example global.hub=docker.io/istio')], assigned: [] };
  }
  try {
    while (parser.assignment(into, [], 0)) {
      // one assignment per turn, until the text ends
    }
  } catch (err) {
    if (err instanceof StrvalsSyntaxError) {
      return { problems: [err.problem], assigned: parser.assigned };
    }
    throw err;
  }
  return { problems: [], assigned: parser.assigned };
}

/** Internal: unwinds the recursive descent at the first problem, as Helm's returned errors do. */
class StrvalsSyntaxError extends Error {
  constructor(readonly problem: StrvalsProblem) {
    super(problem.problem);
  }
}

type Path = (string | number)[];

const KEY_STOP = new Set(['=', '[', ',', '.']);
const LITERAL_KEY_STOP = new Set(['=', '[', '.']);
const AFTER_INDEX_STOP = new Set(['[', '.', '=']);

class Parser {
  private position = 0;
  /** Where the current top-level assignment began, to quote it. */
  private start = 0;
  readonly assigned: Path[] = [];
  private readonly literal: boolean;

  constructor(
    private readonly text: string,
    private readonly flavour: StrvalsFlavour,
  ) {
    this.literal = flavour.kind === 'set-literal';
  }

  problem(problem: string, hint: string, path: StrvalsPath = []): StrvalsProblem {
    return { path, problem, allowed: this.literal ? LITERAL_SYNTAX : SYNTAX, hint };
  }

  private fail(problem: string, hint: string, path: StrvalsPath = []): never {
    throw new StrvalsSyntaxError(this.problem(problem, hint, path));
  }

  /** Characters up to one of `stop` (consumed, returned as `last`) or the end (`last` undefined); `\x` is x, except in --set-literal. */
  private until(stop: ReadonlySet<string>): { readonly chars: string; readonly last?: string } {
    let chars = '';
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      this.position += 1;
      if (stop.has(char)) {
        return { chars, last: char };
      }
      if (char === '\\' && !this.literal) {
        // A trailing backslash escapes nothing, and Helm drops it.
        if (this.position < this.text.length) {
          chars += this.text[this.position];
          this.position += 1;
        }
        continue;
      }
      chars += char;
    }
    return { chars };
  }

  private get at(): string {
    return `at character ${this.position}`;
  }

  /**
   * Helm's `key`: one name segment of an assignment, recursing on `.` and `[`.
   * Returns false when the text has ended cleanly (no more assignments).
   */
  assignment(data: PlainObject, path: Path, depth: number): boolean {
    if (path.length === 0) {
      this.start = this.position;
    }
    const { chars: key, last } = this.until(this.literal ? LITERAL_KEY_STOP : KEY_STOP);
    const here = [...path, key];
    if (last === undefined && key === '' && path.length === 0) {
      return false;
    }
    if (last === undefined) {
      const written = this.text.slice(this.start);
      this.fail(`has no value for key "${written}"`, `write ${written}=<value>; separate assignments with commas, and escape a comma inside a value as \\,`, here);
    }
    if (key === '') {
      this.fail(`has an empty key ${this.at}`, 'write the full dotted path, for example global.proxy.image=proxyv2, and no comma before an assignment', path);
    }
    switch (last) {
      case '=':
        putOwn(data, key, this.value(here));
        this.assigned.push(here);
        return true;
      case ',':
        this.fail(`has no value for key "${describePath(here)}" ${this.at}`, `write ${describePath(here)}=<value>; to put a comma inside a value, escape it as \\,`, here);
      case '.': {
        this.deeper(depth + 1, here);
        const existing = ownValue(data, key);
        if (existing !== undefined && !isPlainObject(existing)) {
          this.conflict(here, existing, 'a map');
        }
        const inner: PlainObject = existing ?? {};
        this.assignment(inner, here, depth + 1);
        putOwn(data, key, inner);
        return true;
      }
      default: {
        // '[': a list index follows.
        const index = this.index(here);
        const existing = ownValue(data, key);
        if (existing !== undefined && !Array.isArray(existing)) {
          this.conflict(here, existing, 'a list');
        }
        putOwn(data, key, this.listItem(existing ?? [], index, [...here, index], depth + 1));
        return true;
      }
    }
  }

  /** Helm's `listItem`: what follows `name[i]`: `=value`, `[j]...` or `.key...`. */
  private listItem(list: PlainValue[], index: number, path: Path, depth: number): PlainValue[] {
    this.deeper(depth, path);
    const { chars, last } = this.until(AFTER_INDEX_STOP);
    if (chars !== '') {
      this.fail(`has unexpected text "${chars}" after the list index ${this.at}`, 'follow a list index with =value, .key or another [index]', path);
    }
    if (last === undefined) {
      this.fail(`has no value for ${describePath(path)}`, `write ${describePath(path)}=<value>`, path);
    }
    if (last === '=') {
      setIndex(list, index, this.value(path));
      this.assigned.push(path);
    } else if (last === '[') {
      const inner = this.index(path);
      const existing = list[index];
      if (existing !== undefined && existing !== null && !Array.isArray(existing)) {
        this.conflict(path, existing, 'a list');
      }
      setIndex(list, index, this.listItem(Array.isArray(existing) ? existing : [], inner, [...path, inner], depth + 1));
    } else {
      // Helm replaces a non-map item here without a word ("indices out of order").
      const existing = list[index];
      const inner: PlainObject = isPlainObject(existing) ? existing : {};
      this.assignment(inner, path, depth);
      setIndex(list, index, inner);
    }
    return list;
  }

  /** Fails when `depth` levels are more than Helm allows. */
  private deeper(depth: number, path: Path): void {
    if (depth > HELM_MAX_NESTING) {
      this.fail(
        `nests deeper than ${HELM_MAX_NESTING} levels ${this.at}`,
        `Helm refuses names nested more than ${HELM_MAX_NESTING} levels; no chart value is that deep: check the path`,
        path,
      );
    }
  }

  /** The index inside `[...]`, as Go's strconv.Atoi reads it. */
  private index(path: Path): number {
    const { chars, last } = this.until(new Set([']']));
    if (last === undefined) {
      this.fail(`has a list index with no closing ] ${this.at}`, 'close the index, for example global.imagePullSecrets[0]=regcred', path);
    }
    if (!/^[+-]?\d+$/.test(chars)) {
      this.fail(`has a bad list index "${chars}" ${this.at}`, 'write a list index as a non-negative integer, for example global.imagePullSecrets[0]=regcred', path);
    }
    const index = Number(chars);
    if (index < 0) {
      this.fail(`has a negative list index ${chars} ${this.at}`, 'list indexes start at 0', path);
    }
    if (index > HELM_MAX_INDEX) {
      this.fail(`has the list index ${chars}, above Helm's maximum of ${HELM_MAX_INDEX}, ${this.at}`, 'give the list item by a smaller index, or the whole list with --set-json or a values file', path);
    }
    return index;
  }

  private conflict(path: Path, existing: PlainValue, wanted: string): never {
    // The kind only: the value may have come from a file that must not be echoed.
    const what = existing === null ? 'null' : Array.isArray(existing) ? 'a list' : isPlainObject(existing) ? 'a map' : `a ${typeof existing}`;
    throw new StrvalsSyntaxError({
      ...this.problem(`is already ${what} from ${EARLIER_INPUT}, so it cannot also be ${wanted} ${this.at}`, `set ${describePath(path)} one way only: as a whole value, or key by key`, path),
      setEarlier: true,
    });
  }

  /** The value after `=`, as the flavour reads it. */
  private value(path: Path): PlainValue {
    switch (this.flavour.kind) {
      case 'set-literal': {
        const rest = this.text.slice(this.position);
        this.position = this.text.length;
        return rest;
      }
      case 'set-json':
        return this.jsonValue(path);
      default: {
        if (this.text[this.position] === '{') {
          this.position += 1;
          return this.list(path);
        }
        return this.scalar(this.until(new Set([','])).chars, path);
      }
    }
  }

  /** Helm's `valList`: `{a,b}`; items are typed like scalars. A comma after `}` is consumed. */
  private list(path: Path): PlainValue[] {
    const items: PlainValue[] = [];
    for (;;) {
      const { chars, last } = this.until(new Set([',', '}']));
      if (last === undefined) {
        this.fail(`has a list with no closing } for ${describePath(path)}`, 'close the list, for example global.imagePullSecrets={regcred,other}', path);
      }
      items.push(this.scalar(chars, path));
      if (last === '}') {
        if (this.text[this.position] === ',') {
          this.position += 1;
        }
        return items;
      }
    }
  }

  private scalar(raw: string, path: Path): PlainValue {
    switch (this.flavour.kind) {
      case 'set-string':
        return raw;
      case 'set-file': {
        const read = this.flavour.readFile(raw);
        if ('problem' in read) {
          this.fail(`names the file ${JSON.stringify(raw)} for ${describePath(path)}, which ${read.problem}`, 'give a readable file; its whole text becomes the value', path);
        }
        return read.text;
      }
      default:
        return this.typed(raw, path);
    }
  }

  /** Helm's `typedVal`. */
  private typed(raw: string, path: Path): PlainValue {
    if (equalFold(raw, 'true')) {
      return true;
    }
    if (equalFold(raw, 'false')) {
      return false;
    }
    if (equalFold(raw, 'null')) {
      return null;
    }
    if (raw === '0') {
      return 0;
    }
    // strconv.ParseInt(val, 10, 64), tried only when the text does not start
    // with 0, so `0755` and `007` stay strings while `+5` and `-007` are numbers.
    if (raw !== '' && raw[0] !== '0' && /^[+-]?\d+$/.test(raw)) {
      const big = BigInt(raw);
      if (big >= -(2n ** 63n) && big < 2n ** 63n) {
        if (!Number.isSafeInteger(Number(big))) {
          this.fail(
            `sets ${describePath(path)} to ${raw}, which Helm reads as a 64-bit integer but this tool cannot hold exactly`,
            `pass it with --set-string ${describePath(path)}=${raw} if the chart takes text, or use a smaller number`,
            path,
          );
        }
        return Number(big);
      }
      // Outside int64 ParseInt fails, and Helm keeps the text.
    }
    return raw;
  }

  /** Helm's JSON branch: empty (up to a comma or the end) is null; otherwise one JSON value, then optional blanks and a comma. */
  private jsonValue(path: Path): PlainValue {
    if (this.skipBlanksAndComma()) {
      return null;
    }
    const start = this.position;
    const end = jsonValueEnd(this.text, start);
    if (typeof end !== 'number') {
      this.fail(`has ${end} in the JSON value of ${describePath(path)} at character ${start + 1}`, 'write the value as JSON, for example a={"b":[1,2]} (quote the whole flag for your shell)', path);
    }
    let value: PlainValue;
    try {
      value = JSON.parse(this.text.slice(start, end)) as PlainValue;
    } catch {
      // JSON.parse's message quotes the text; the position is enough.
      this.fail(`has a JSON value for ${describePath(path)} at character ${start + 1} that is not valid JSON`, 'write the value as JSON: strings in double quotes, no trailing commas', path);
    }
    this.position = end;
    this.skipBlanksAndComma();
    return value;
  }

  /** Helm's `emptyVal`: skips blanks; true at the end or after a comma (consumed). */
  private skipBlanksAndComma(): boolean {
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === ',') {
        this.position += 1;
        return true;
      }
      if (!/\s/.test(char)) {
        return false;
      }
      this.position += 1;
    }
    return true;
  }
}

/** Helm's `setIndex`: grows the list with nulls (Go's nil) up to the index. */
function setIndex(list: PlainValue[], index: number, value: PlainValue): void {
  while (list.length <= index) {
    list.push(null);
  }
  list[index] = value;
}

/** Go's strings.EqualFold for the ASCII words Helm compares with: `ſ` (long s) folds to s, as in Go. */
function equalFold(text: string, word: string): boolean {
  return text.length === word.length && text.toUpperCase() === word.toUpperCase();
}

function describePath(path: StrvalsPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Where the one JSON value starting at `start` (after blanks) ends, as Go's
 * json.Decoder finds it in a longer text, or what is wrong. Only the extent:
 * JSON.parse checks the value itself.
 */
function jsonValueEnd(text: string, start: number): number | string {
  let i = start;
  while (i < text.length && /\s/.test(text[i])) {
    i += 1;
  }
  const first = text[i];
  if (first !== '{' && first !== '[' && first !== '"') {
    // A number, true, false or null: up to the first character that cannot continue it.
    const match = /^[-+.\w]+/.exec(text.slice(i));
    return match ? i + match[0].length : 'no value';
  }
  let depth = 0;
  let inString = false;
  for (; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i += 1;
      } else if (char === '"') {
        inString = false;
        if (depth === 0) {
          return i + 1;
        }
      }
      continue;
    }
    if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) {
        return `more than ${MAX_JSON_DEPTH} levels of nesting`;
      }
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return inString ? 'an unterminated string' : 'an unclosed { or [';
}
