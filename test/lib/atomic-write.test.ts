import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFolderAtomically, writeFileAtomically, writeFileWithMode } from '../../lib/atomic-write';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writeFileWithMode sets the mode exactly, whatever the umask', () => {
    const previous = process.umask(0o077);
    try {
      writeFileWithMode(join(dir, 'f'), 'x', 0o644);
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'f')).mode & 0o777).toBe(0o644);
  });

  test('writeFileAtomically replaces the file with the new content and mode, and leaves no temporary file', () => {
    // GIVEN an existing file
    writeFileSync(join(dir, 'config'), 'old', { mode: 0o644 });
    // WHEN
    writeFileAtomically(join(dir, 'config'), 'new', 0o600);
    // THEN
    expect(readFileSync(join(dir, 'config'), 'utf8')).toBe('new');
    expect(statSync(join(dir, 'config')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  test('fails when the target cannot be replaced, leaving it and no temporary file', () => {
    // GIVEN a folder where the file should go
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'inside'), 'kept');
    // WHEN / THEN
    expect(() => writeFileAtomically(join(dir, 'config'), 'new', 0o600)).toThrow();
    expect(readdirSync(dir)).toEqual(['config']);
    expect(readFileSync(join(dir, 'config', 'inside'), 'utf8')).toBe('kept');
  });

  test('replaceFolderAtomically swaps in the new folder', () => {
    // GIVEN a folder with a stale file
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'stale'), 'x');
    // WHEN
    replaceFolderAtomically(join(dir, 'out'), (staged) => {
      mkdirSync(staged);
      writeFileSync(join(staged, 'fresh'), 'y');
    });
    // THEN only the new content, and nothing left beside it
    expect(readdirSync(join(dir, 'out'))).toEqual(['fresh']);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  test('fails when the folder cannot be filled, leaving the previous one as it was', () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'previous'), 'x');
    expect(() =>
      replaceFolderAtomically(join(dir, 'out'), (staged) => {
        mkdirSync(staged);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(readdirSync(join(dir, 'out'))).toEqual(['previous']);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
