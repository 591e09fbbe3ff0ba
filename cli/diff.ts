import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readMeshInputs } from '../inputs/mesh-inputs';
import { formatDiffJson } from '../output/diff/diff-json';
import { formatDiffMarkdown } from '../output/diff/diff-markdown';
import { ANSI, formatDiffText, PLAIN } from '../output/diff/diff-text';
import type { DiffLabels } from '../output/diff/diff-wording';
import { diffMeshOutputs, hasChanges, isClusterOutputFile, OutputReadError, type MeshDiff, type OutputText } from '../output/diff/mesh-diff';
import { OUTPUT_SETS, type OutputSet } from '../output/diff/object-identity';
import { DEFAULT_OUTPUT_DIR, outputLayout, type OutputLayout } from '../output/layout';
import { DuplicateObjectError } from '../output/object-identities';
import { synthesizeMesh } from '../output/synthesize';
import { loadTopology, topologyPath } from '../inputs/topology-file';
import { parseCommandArgs } from '../lib/command-args';
import { describeFinding } from '../lib/finding';
import { CliError } from '../lib/cli-error';
import type { CliIo } from './cli-io';

const USAGE = `usage: npm run --silent mesh -- diff [BASE] [--format text|markdown|json] [--exit-code]
Compares the output at BASE with what synth writes for the working tree's topology, object by object.
BASE is a git revision (default HEAD) or a folder of earlier output (such as a copy of dist/).
Offline; writes nothing but the diff on stdout.
Exit status: 0, or with --exit-code 0 without changes and 1 with changes; 2 on error.
`;

const FORMATS = {
  text: (diff: MeshDiff, labels: DiffLabels, colour: boolean) => formatDiffText(diff, labels, colour ? ANSI : PLAIN),
  markdown: (diff: MeshDiff, labels: DiffLabels) => formatDiffMarkdown(diff, labels),
  json: (diff: MeshDiff, labels: DiffLabels) => formatDiffJson(diff, labels),
} as const;

type Format = keyof typeof FORMATS;

interface Options {
  readonly base: string;
  readonly format: Format;
  readonly exitCode: boolean;
}

/** One version of the output: its files and the trees it has. */
interface OutputVersion {
  readonly files: OutputText[];
  readonly sets: readonly OutputSet[];
}

/**
 * `mesh diff`: what a change to the topology does to the output, object by
 * object, without a cluster. The working tree is synthesized in memory, never
 * to dist/. As `git diff`: exit 0 unless something fails (2); with
 * `--exit-code`, 1 when there are changes. Nothing reaches stdout on error.
 */
export function diffCommand(argv: string[], io: CliIo): number {
  const options = parseOptions(argv);
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const head = synthesizeWorkingTree(io);
  const base = isFolder(resolve(io.cwd, options.base)) ? readFolderOutput(resolve(io.cwd, options.base), options.base) : readGitOutput(options.base, io.cwd);
  // A tree the base lacks is not compared: dist-secrets/ is never in git, and older revisions predate some trees.
  const sets = OUTPUT_SETS.filter((set) => base.sets.includes(set));
  let diff: MeshDiff;
  try {
    diff = diffMeshOutputs(base.files, head.files, sets);
  } catch (err) {
    if (err instanceof OutputReadError) {
      throw new CliError(err.message);
    }
    throw err;
  }
  const labels = { base: options.base, head: 'working tree' };
  const colour = options.format === 'text' && io.stdoutIsTTY === true && !io.env.NO_COLOR;
  io.stdout(FORMATS[options.format](diff, labels, colour));
  return options.exitCode && hasChanges(diff) ? 1 : 0;
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  const parsed = parseCommandArgs(
    'diff',
    argv,
    { format: { type: 'string' }, 'exit-code': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const,
    'use --format or --exit-code; see --help',
    true,
  );
  if ('problem' in parsed) {
    throw new CliError(describeFinding(parsed.problem));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return 'help';
  }
  const format = values.format ?? 'text';
  if (!(format in FORMATS)) {
    throw new CliError(`--format ${JSON.stringify(format)} is not a format: use ${Object.keys(FORMATS).join(', ')}`);
  }
  if (positionals.length > 1) {
    throw new CliError(`diff takes one BASE, got ${positionals.map((p) => JSON.stringify(p)).join(' and ')}: give a git revision or a folder`);
  }
  return { base: positionals[0] ?? 'HEAD', format: format as Format, exitCode: values['exit-code'] ?? false };
}

/** The output of the topology in the working tree (MESH_TOPOLOGY or mesh.yaml), in memory. */
function synthesizeWorkingTree(io: CliIo): OutputVersion {
  // A topology error reaches the dispatcher (cli/mesh.ts), which reports it.
  const loaded = loadTopology(topologyPath(io.env), { cwd: io.cwd });
  const inputs = readMeshInputs(loaded);
  [...loaded.warnings, ...inputs.warnings].forEach((line) => io.stderr(`${line}\n`));

  const layout = outputLayout(DEFAULT_OUTPUT_DIR);
  let trees: ReturnType<typeof synthesizeMesh>;
  try {
    trees = synthesizeMesh(loaded.topology, inputs, layout);
  } catch (err) {
    if (err instanceof DuplicateObjectError) {
      throw new CliError(`diff: ${err.message}; nothing was compared`);
    }
    throw err;
  }
  const files = trees.flatMap((tree) => {
    const set = setOf(layout, tree.dir);
    return tree.files.map((file) => ({ set, path: file.path, content: file.content, source: `working tree:${join(tree.dir, file.path)}` }));
  });
  return { files, sets: OUTPUT_SETS };
}

function setOf(layout: OutputLayout, dir: string): OutputSet {
  const set = OUTPUT_SETS.find((s) => layout[s] === dir);
  if (set === undefined) {
    throw new Error(`internal error: output tree ${dir} is not in the layout`);
  }
  return set;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A folder of earlier output, such as a copy of dist/, and whichever of its sibling trees exist (dist-secrets/ included). */
function readFolderOutput(folder: string, given: string): OutputVersion {
  const layout = outputLayout(folder);
  const files: OutputText[] = [];
  const sets: OutputSet[] = [];
  for (const set of OUTPUT_SETS) {
    if (!isFolder(layout[set])) {
      continue;
    }
    sets.push(set);
    for (const cluster of readdirSync(layout[set]).sort()) {
      if (!isFolder(join(layout[set], cluster))) {
        continue;
      }
      for (const file of readdirSync(join(layout[set], cluster)).sort()) {
        const path = `${cluster}/${file}`;
        if (isClusterOutputFile(path)) {
          const full = join(layout[set], path);
          files.push({ set, path, content: readFileSync(full, 'utf8'), source: relative(process.cwd(), full) || full });
        }
      }
    }
  }
  if (!files.some((f) => f.set === 'apply')) {
    throw new CliError(`${given}: holds no cluster folder with YAML output (<cluster>/*.yaml): give the folder synth wrote, such as a copy of dist/`);
  }
  return { files, sets };
}

/** The committed output trees at a git revision, read with one `git cat-file --batch`, without a checkout. */
function readGitOutput(revision: string, cwd: string): OutputVersion {
  git(['rev-parse', '--git-dir'], cwd, () => `${JSON.stringify(revision)} is not a folder, and ${cwd} is not in a git repository: give a folder of earlier output, or run diff inside the project's clone`);
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd, () =>
    `${JSON.stringify(revision)} is neither a folder nor a git revision here: give a branch, tag or commit (for example origin/main after git fetch), or a folder of earlier output`,
  ).trim();
  const prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
  const layout = outputLayout(DEFAULT_OUTPUT_DIR);
  const listed = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', ...OUTPUT_SETS.map((s) => layout[s])], cwd).split('\0').filter((p) => p !== '');
  const wanted = listed.flatMap((path) => {
    const set = OUTPUT_SETS.find((s) => path.startsWith(`${layout[s]}/`));
    const below = set === undefined ? '' : path.slice(layout[set].length + 1);
    return set !== undefined && isClusterOutputFile(below) ? [{ set, path, below }] : [];
  });
  if (!wanted.some((w) => w.set === 'apply')) {
    throw new CliError(`${revision}: has no committed ${layout.apply}/<cluster>/ output${prefix === '' ? '' : ` below ${prefix}`}: give a revision where synth's output was committed, or a folder of earlier output`);
  }
  const batch = execFileSync('git', ['cat-file', '--batch'], {
    cwd,
    input: wanted.map((w) => `${commit}:${prefix}${w.path}\n`).join(''),
    maxBuffer: 1 << 30,
  });
  const files: OutputText[] = [];
  let offset = 0;
  for (const w of wanted) {
    const end = batch.indexOf(0x0a, offset);
    const header = batch.subarray(offset, end).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (header[1] !== 'blob' || !Number.isInteger(size)) {
      throw new CliError(`${revision}:${w.path}: git could not read it (${header.slice(1).join(' ')})`);
    }
    files.push({ set: w.set, path: w.below, content: batch.subarray(end + 1, end + 1 + size).toString('utf8'), source: `${revision}:${w.path}` });
    offset = end + 1 + size + 1;
  }
  return { files, sets: OUTPUT_SETS.filter((set) => wanted.some((w) => w.set === set)) };
}

/** git's stdout; on failure a CliError with `explain()`, or git's own first line of stderr. */
function git(args: string[], cwd: string, explain?: () => string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (err) {
    const error = err as NodeJS.ErrnoException & { stderr?: string };
    if (error.code === 'ENOENT') {
      throw new CliError('git is not on PATH: install it, or give a folder of earlier output as BASE');
    }
    throw new CliError(explain?.() ?? `git ${args[0]} failed: ${(error.stderr ?? '').split('\n')[0] || error.message}`);
  }
}
