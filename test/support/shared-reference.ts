import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * ../shared is given to CI and to the developers, not to users. Tests that read
 * it call this: it returns the folder, or undefined after saying once, plainly,
 * that the folder is absent and which tests skip.
 */
export const SHARED_DIR = resolve(__dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string | undefined {
  const target = join(SHARED_DIR, ...parts);
  if (existsSync(target)) {
    return target;
  }
  // eslint-disable-next-line no-console
  console.warn(`${target} is absent (it ships with CI, not with the project): skipping the tests that need it`);
  return undefined;
}

/** `describe` when the shared path exists, `describe.skip` otherwise. */
export function describeWithShared(parts: string[], name: string, body: (dir: string) => void): void {
  const dir = sharedPath(...parts);
  if (dir === undefined) {
    describe.skip(`${name} (needs ${join('..', 'shared', ...parts)})`, () => {
      it('is skipped', () => undefined);
    });
    return;
  }
  describe(name, () => body(dir));
}
