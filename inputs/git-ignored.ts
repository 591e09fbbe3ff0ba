import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Whether git would leave a file out of a commit, as far as that matters for a
 * file holding a token:
 * - `ignored`: inside a work tree, matched by an ignore rule and not tracked;
 * - `not-ignored`: inside a work tree, and `git add .` would take it, or it is
 *   tracked already (an ignore rule does not untrack a file);
 * - `outside-git`: no work tree around it, or no git to ask; nothing commits it
 *   by accident.
 */
export type GitIgnoreStatus = 'ignored' | 'not-ignored' | 'outside-git';

/** The one hint for a token file that git could commit. */
export const GIT_IGNORE_HINT = 'write under secrets/ (ignored) or add it to .gitignore';

/**
 * Asks git about `path`, which need not exist yet (a kubeconfig is checked
 * before it is written). The questions go to the repository that holds the
 * path's nearest existing folder, so a nested repository answers for itself.
 */
export function gitIgnoreStatus(path: string): GitIgnoreStatus {
  const absolute = resolve(path);
  const dir = nearestExistingFolder(dirname(absolute));
  if (!insideWorkTree(dir)) {
    return 'outside-git';
  }
  try {
    execFileSync('git', ['-C', dir, 'check-ignore', '-q', absolute], { stdio: 'ignore' });
    return 'ignored';
  } catch (err) {
    // check-ignore exits 1 for "not ignored" and 128 for a failure.
    if ((err as { status?: number }).status === 1) {
      return 'not-ignored';
    }
    throw new Error(`\`git -C ${dir} check-ignore ${absolute}\` failed (exit ${(err as { status?: number }).status ?? 'unknown'}): check the repository with \`git status\``);
  }
}

function insideWorkTree(dir: string): boolean {
  try {
    const answer = execFileSync('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // "false" inside a .git folder, where nothing is committed either.
    return answer.trim() === 'true';
  } catch (err) {
    // No git installed (ENOENT), or not a repository (exit 128): nothing to leak into.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as { status?: number }).status === 128) {
      return false;
    }
    throw err;
  }
}

function nearestExistingFolder(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) {
    current = dirname(current);
  }
  return current;
}
