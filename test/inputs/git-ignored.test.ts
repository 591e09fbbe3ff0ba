import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gitIgnoreStatus } from '../../inputs/git-ignored';

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'git-ignored-'));
  folders.push(dir);
  return dir;
}

/** A fresh repository whose .gitignore ignores secrets/. */
function repo(): string {
  const dir = tempDir();
  execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  writeFileSync(join(dir, '.gitignore'), 'secrets/\n');
  return dir;
}

describe('gitIgnoreStatus', () => {
  it('says ignored for a path under an ignored folder, before the folder exists', () => {
    const dir = repo();

    expect(gitIgnoreStatus(join(dir, 'secrets', 'east.kubeconfig'))).toBe('ignored');
  });

  it('says not-ignored for a path no rule matches, in any folder of the work tree', () => {
    const dir = repo();
    mkdirSync(join(dir, 'conf'));

    expect(gitIgnoreStatus(join(dir, 'east.kubeconfig'))).toBe('not-ignored');
    expect(gitIgnoreStatus(join(dir, 'conf', 'creds', 'east.kubeconfig'))).toBe('not-ignored');
  });

  it('says not-ignored for a tracked file, even when an ignore rule matches it', () => {
    // GIVEN a file added with -f under the ignored folder
    const dir = repo();
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'east.kubeconfig'), 'x');
    execFileSync('git', ['-C', dir, 'add', '-f', 'secrets/east.kubeconfig'], { stdio: 'ignore' });

    // WHEN / THEN git would commit changes to it
    expect(gitIgnoreStatus(join(dir, 'secrets', 'east.kubeconfig'))).toBe('not-ignored');
  });

  it('answers for the nested repository that holds the path', () => {
    const outer = repo();
    const inner = join(outer, 'inner');
    execFileSync('git', ['init', '-q', inner], { stdio: 'ignore' });

    expect(gitIgnoreStatus(join(inner, 'secrets', 'east.kubeconfig'))).toBe('not-ignored');
  });

  it('says outside-git for a folder that is not in a repository', () => {
    expect(gitIgnoreStatus(join(tempDir(), 'east.kubeconfig'))).toBe('outside-git');
  });

  it('says outside-git when there is no git to ask', () => {
    // GIVEN a PATH without git; Jest cannot change its own process's PATH, so a child runs the function
    const script = `process.stdout.write(require(${JSON.stringify(require.resolve('../../inputs/git-ignored'))}).gitIgnoreStatus(${JSON.stringify(join(repo(), 'x.kubeconfig'))}))`;

    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: resolve(__dirname, '..', '..'),
      env: { PATH: tempDir() },
      encoding: 'utf8',
    });

    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('outside-git');
  });
});
