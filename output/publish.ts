import { chmodSync, mkdirSync, rmSync } from 'node:fs';
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
 */
export function publishTrees(trees: readonly OutputTree[]): void {
  for (const tree of trees) {
    const target = resolve(tree.dir);
    if (tree.files.length === 0) {
      // Nothing of this kind any more: a stale folder would be applied by mistake.
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    replaceFolderAtomically(target, (staged) => writeTree(staged, tree.files));
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

function writeTree(root: string, files: readonly OutputFile[]): void {
  const anySecret = files.some((f) => f.secret);
  mkdirSync(root, { recursive: true, mode: anySecret ? 0o700 : 0o755 });
  for (const file of files) {
    const target = join(root, file.path);
    if (!target.startsWith(root + '/')) {
      throw new Error(`internal error: output path ${file.path} leaves its folder`);
    }
    mkdirSync(dirname(target), { recursive: true, mode: file.secret ? 0o700 : 0o755 });
    // Secrets must be 0600 whatever the umask.
    writeFileWithMode(target, file.content, file.secret ? 0o600 : 0o644);
    if (file.secret) {
      chmodSync(dirname(target), 0o700);
    }
  }
  if (anySecret) {
    chmodSync(root, 0o700);
  }
}
