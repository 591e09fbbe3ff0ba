import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describeFinding, formatPath } from '../lib/finding';
import { YamlSource } from '../lib/yaml-source';
import { yamlToJs } from '../lib/yaml-to-js';
import { meshTopologySchema, type MeshTopology } from './schema';
import { checkTopologyDocument, type StageScope } from './stages';

/** Every error of a topology file, formatted one per line, and the warnings that came with them. */
export class TopologyError extends Error {
  constructor(
    readonly errors: readonly string[],
    readonly warnings: readonly string[] = [],
  ) {
    super(errors.join('\n'));
    this.name = 'TopologyError';
  }
}

export interface LoadedTopology {
  /** The file as the user named it; error messages use this form. */
  readonly file: string;
  /** Its folder: relative paths in the topology resolve against it. */
  readonly dir: string;
  /** The text as read, for a command that edits it in place. */
  readonly text: string;
  readonly topology: MeshTopology;
  readonly source: YamlSource;
  /** Findings of severity warning, formatted. */
  readonly warnings: readonly string[];
}

/**
 * Parses and validates topology text: YAML first (syntax and repeated keys),
 * then the stages of `checkTopologyDocument` in `scope`. Pure: it reads
 * nothing but its input. Every problem is collected before it throws, so one
 * run reports them all, in file order.
 */
export function parseTopology(text: string, file: string, scope: StageScope = 'document'): LoadedTopology {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const source = new YamlSource(file, document, lines);

  if (document.errors.length > 0) {
    // Duplicate keys are independent of each other; after the first syntax
    // error the parser's other complaints mostly follow from it.
    const duplicates = document.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    const syntax = document.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    const reported = [...duplicates, ...syntax.slice(0, 1)].sort((a, b) => a.pos[0] - b.pos[0]);
    throw new TopologyError(
      reported.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        const more = error === syntax[0] && syntax.length > 1 ? ` (${syntax.length - 1} more syntax errors follow, most from this one)` : '';
        return `${file}:${line}:${col}: ${yamlProblem(error.code, error.message, text, error.pos[0])}${more}`;
      }),
    );
  }

  // Aliases and tags are checked before toJS, which throws on an alias
  // without an anchor and silently turns an unknown tag into a string.
  const plain = yamlToJs(document);
  if ('problems' in plain) {
    throw new TopologyError(
      plain.problems.map(({ offset, ...problem }) => {
        const { line, col } = lines.linePos(offset);
        return `${file}:${line}:${col}: ${formatPath(problem.path)}: ${describeFinding(problem)}`;
      }),
    );
  }
  const notTopology = notATopology(plain.value);
  if (notTopology !== undefined) {
    const { line, col } = source.locate([]);
    throw new TopologyError([`${file}:${line}:${col}: ${notTopology}`]);
  }
  const { topology, findings } = checkTopologyDocument(plain.value, scope);
  const { errors, warnings } = source.report(findings);
  if (errors.length > 0 || topology === undefined) {
    throw new TopologyError(errors, warnings);
  }
  return { file, dir: dirname(resolve(file)), text, topology, source, warnings };
}

/**
 * Why a document is not a topology at all, when it is not: empty, not a map,
 * or a map with none of the topology's keys (a file named by mistake, such as
 * a password file). The file's content is not echoed: it may be a secret.
 */
function notATopology(document: unknown): string | undefined {
  const keys = Object.keys(meshTopologySchema.shape);
  const allowed = `a map with the keys ${keys.join(', ')}`;
  const hint = 'point MESH_TOPOLOGY at your mesh.yaml, or start from the mesh.yaml of the README';
  if (document === null || document === undefined) {
    return `(document): the file holds no YAML value (allowed: ${allowed}): ${hint}`;
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    return `(document): the file is not a mesh topology: it holds ${kindOf(document)}, not a map (allowed: ${allowed}): ${hint}`;
  }
  const own = Object.keys(document);
  if (!own.some((key) => keys.includes(key))) {
    return `(document): the file is not a mesh topology: it is a map of ${own.length} ${own.length === 1 ? 'key' : 'keys'}, none of them a topology key (allowed: ${allowed}): ${hint}`;
  }
  return undefined;
}

/** What a non-map document is, without its content: `a string of 31 characters`. */
function kindOf(value: unknown): string {
  if (typeof value === 'string') {
    return `a string of ${value.length} ${value.length === 1 ? 'character' : 'characters'}`;
  }
  if (Array.isArray(value)) {
    return `a list of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  return `a ${typeof value}`;
}

function yamlProblem(code: string, message: string, text: string, offset: number): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^\s:#][^:#]*?(?=\s*:)/.exec(text.slice(offset))?.[0] ?? '';
    const earlier = earlierKeyLine(text, offset, key);
    const where = earlier === undefined ? '' : ` (first at line ${earlier})`;
    return `key ${JSON.stringify(key)} appears twice in the same map${where}: keep one; YAML would silently use only one of them`;
  }
  return `YAML syntax error (${code}): ${first}: fix the syntax at this position`;
}

/** The line where a repeated key first appears in its map: the nearest line above at the same indentation with that key. */
function earlierKeyLine(text: string, offset: number, key: string): number | undefined {
  const before = text.slice(0, offset).split('\n');
  const column = before[before.length - 1].length;
  for (let i = before.length - 2; i >= 0; i--) {
    const line = before[i];
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      continue;
    }
    if (indent < column || (indent === column && line.trimStart().startsWith('- '))) {
      // a parent key, or the start of this list item: the map began here
      return line.slice(indent).replace(/^- /, '').startsWith(`${key}:`) ? i + 1 : undefined;
    }
    if (indent === column && line.slice(indent).startsWith(`${key}:`)) {
      return i + 1;
    }
  }
  return undefined;
}
