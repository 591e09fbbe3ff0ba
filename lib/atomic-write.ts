import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file with exactly `mode`: the `mode` option of writeFileSync passes
 * through the umask, which may only remove bits, so a chmod follows.
 */
export function writeFileWithMode(path: string, content: string, mode: number, flag = 'w'): void {
  writeFileSync(path, content, { mode, flag });
  chmodSync(path, mode);
}

/**
 * Replaces `path` in one rename: the content goes to a temporary file beside
 * it (same folder, so the same file system), which then takes its place. A
 * reader sees the old file or the new one, never half of either, and a file
 * meant to be private has its mode from its first byte. On failure the
 * temporary file is removed and the error thrown; `path` is as it was.
 */
export function writeFileAtomically(path: string, content: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileWithMode(temp, content, mode, 'wx');
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * Replaces the folder `target` with one that `fill` writes, as close to
 * atomically as a file system allows: `fill` writes beside the target, then
 * two renames swap the folders. A failure in `fill` leaves the previous folder
 * as it was.
 */
export function replaceFolderAtomically(target: string, fill: (staged: string) => void): void {
  const staged = `${target}.staging-${process.pid}`;
  const previous = `${target}.previous-${process.pid}`;
  rmSync(staged, { recursive: true, force: true });
  try {
    fill(staged);
  } catch (err) {
    rmSync(staged, { recursive: true, force: true });
    throw err;
  }
  const hadPrevious = existsSync(target);
  if (hadPrevious) {
    renameSync(target, previous);
  }
  renameSync(staged, target);
  if (hadPrevious) {
    rmSync(previous, { recursive: true, force: true });
  }
}
