import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { replaceFolderAtomically, writeFileWithMode } from '../lib/atomic-write';

/** One file of the output: where it goes below its tree, its text, and whether it holds credentials. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
  /** Written 0600 in a 0700 folder: it holds a token or a private key. */
  readonly secret?: boolean;
}

/** An output tree, such as dist/ or dist-secrets/, as a whole. */
export interface OutputTree {
  readonly dir: string;
  readonly files: readonly OutputFile[];
}

/**
 * Replaces each tree's folder with its new content, as close to atomically as
 * a file system allows: the tree is written beside its target, then swapped in
 * by two renames. A failure while writing leaves the previous folder as it was.
 * A folder that holds its tree already is left as it is: replacing it would
 * change nothing but the timestamps, and costs a folder per cluster made and
 * removed (removing one took milliseconds on the reference machine's disk).
 */
export function publishTrees(trees: readonly OutputTree[]): void {
  for (const tree of trees) {
    const target = resolve(tree.dir);
    if (tree.files.length === 0) {
      // Nothing of this kind any more: a stale folder would be applied by mistake.
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    if (!holdsTree(target, tree.files)) {
      replaceFolderAtomically(target, (staged) => writeTree(staged, tree.files));
    }
  }
}

/**
 * Writes published trees again into cdk8s's output folder, so `cdk8s synth`
 * lists what was written. From memory: copying the folders back from disk
 * (fs.cpSync) took as long as publishing them.
 */
export function mirrorTrees(trees: readonly OutputTree[], into: string): void {
  for (const tree of trees.filter((t) => t.files.length > 0)) {
    writeTree(join(into, basename(tree.dir)), tree.files);
  }
}

/** Where `file` goes below `root`. */
function targetOf(root: string, file: OutputFile): string {
  const target = join(root, file.path);
  if (!target.startsWith(root + '/')) {
    throw new Error(`internal error: output path ${file.path} leaves its folder`);
  }
  return target;
}

// Secrets must be 0600 whatever the umask.
const modeOf = (file: OutputFile) => (file.secret ? 0o600 : 0o644);

/**
 * Whether `root` holds exactly what writeTree would write there: these files,
 * with their content and mode, no other file or folder, and the folders of
 * secrets 0700.
 */
function holdsTree(root: string, files: readonly OutputFile[]): boolean {
  const wanted = new Map(files.map((file) => [targetOf(root, file), file]));
  const folders = new Set([root, ...[...wanted.keys()].flatMap((target) => foldersBelow(root, target))]);
  let found = 0;
  const holds = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).every((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        return folders.has(path) && holds(path);
      }
      const file = wanted.get(path);
      found++;
      return entry.isFile() && file !== undefined && modeBits(path) === modeOf(file) && readFileSync(path, 'utf8') === file.content;
    });
  const secretFolders = files.some((f) => f.secret) ? [root, ...files.filter((f) => f.secret).map((f) => dirname(targetOf(root, f)))] : [];
  return statSync(root, { throwIfNoEntry: false })?.isDirectory() === true && holds(root) && found === wanted.size && secretFolders.every((dir) => modeBits(dir) === 0o700);
}

/** The folders between `root` and the file `target`, nearest to `root` first. */
function foldersBelow(root: string, target: string): string[] {
  const folders: string[] = [];
  for (let dir = dirname(target); dir !== root; dir = dirname(dir)) {
    folders.unshift(dir);
  }
  return folders;
}

const modeBits = (path: string) => statSync(path).mode & 0o777;

function writeTree(root: string, files: readonly OutputFile[]): void {
  const anySecret = files.some((f) => f.secret);
  mkdirSync(root, { recursive: true, mode: anySecret ? 0o700 : 0o755 });
  for (const file of files) {
    const target = targetOf(root, file);
    mkdirSync(dirname(target), { recursive: true, mode: file.secret ? 0o700 : 0o755 });
    writeFileWithMode(target, file.content, modeOf(file));
    if (file.secret) {
      chmodSync(dirname(target), 0o700);
    }
  }
  if (anySecret) {
    chmodSync(root, 0o700);
  }
}
