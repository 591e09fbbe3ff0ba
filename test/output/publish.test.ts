import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CDK8S_STAGING_DIR, outputLayout } from '../../output/layout';
import { publishTrees } from '../../output/publish';

describe('publishTrees', () => {
  it('replaces the whole folder, so files of removed clusters disappear', () => {
    // GIVEN a previous output with a cluster that no longer exists
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    mkdirSync(join(dir, 'dist', 'old-remote'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'old-remote', 'x.yaml'), 'old');
    // WHEN the new output is published
    publishTrees([{ dir: join(dir, 'dist'), files: [{ path: 'primary/primary.k8s.yaml', content: 'new' }] }]);
    // THEN only the new files are there
    expect(existsSync(join(dir, 'dist', 'old-remote'))).toBe(false);
    expect(readFileSync(join(dir, 'dist', 'primary', 'primary.k8s.yaml'), 'utf8')).toBe('new');
  });

  it('writes secret files 0600 in 0700 folders, whatever the umask', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    const previous = process.umask(0o000);
    try {
      publishTrees([{ dir: join(dir, 'dist-secrets'), files: [{ path: 'primary/s.yaml', content: 'token', secret: true }] }]);
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'dist-secrets', 'primary', 's.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'dist-secrets', 'primary')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'dist-secrets')).mode & 0o777).toBe(0o700);
  });

  it('leaves a folder that holds its tree already as it is', () => {
    // GIVEN a published tree with a secret
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    const tree = { dir: join(dir, 'dist-secrets'), files: [{ path: 'primary/s.yaml', content: 'token', secret: true }] };
    publishTrees([tree]);
    const before = statSync(join(dir, 'dist-secrets', 'primary', 's.yaml'));
    // WHEN the same tree is published again
    publishTrees([tree]);
    // THEN the folder was not replaced: the same file, never rewritten
    const after = statSync(join(dir, 'dist-secrets', 'primary', 's.yaml'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it.each([
    ['a file has other content', (dist: string) => writeFileSync(join(dist, 'primary', 's.yaml'), 'edited')],
    ['a file has another mode', (dist: string) => chmodSync(join(dist, 'primary', 's.yaml'), 0o644)],
    ['a secret folder has another mode', (dist: string) => chmodSync(join(dist, 'primary'), 0o755)],
    ['an extra file is there', (dist: string) => writeFileSync(join(dist, 'primary', 'extra.yaml'), 'x')],
    ['an extra folder is there', (dist: string) => mkdirSync(join(dist, 'old-remote'))],
  ])('replaces a folder that holds its tree but for one thing: %s', (_, change) => {
    // GIVEN a published tree, then changed on disk
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    const dist = join(dir, 'dist-secrets');
    const tree = { dir: dist, files: [{ path: 'primary/s.yaml', content: 'token', secret: true }] };
    publishTrees([tree]);
    change(dist);
    // WHEN the tree is published again
    publishTrees([tree]);
    // THEN the folder holds the tree exactly
    expect(readFileSync(join(dist, 'primary', 's.yaml'), 'utf8')).toBe('token');
    expect(statSync(join(dist, 'primary', 's.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dist, 'primary')).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dist, 'primary', 'extra.yaml'))).toBe(false);
    expect(existsSync(join(dist, 'old-remote'))).toBe(false);
  });

  it('removes a folder whose tree is now empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    mkdirSync(join(dir, 'dist-secrets', 'primary'), { recursive: true });
    publishTrees([{ dir: join(dir, 'dist-secrets'), files: [] }]);
    expect(existsSync(join(dir, 'dist-secrets'))).toBe(false);
  });

  it('fails when a path would leave its folder, and leaves the previous folder intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'keep.yaml'), 'keep');
    expect(() => publishTrees([{ dir: join(dir, 'dist'), files: [{ path: '../escape.yaml', content: 'x' }] }])).toThrow(/leaves its folder/);
    expect(readFileSync(join(dir, 'dist', 'keep.yaml'), 'utf8')).toBe('keep');
    expect(existsSync(join(dir, 'escape.yaml'))).toBe(false);
  });
});

describe('outputLayout', () => {
  it('puts crds, secrets and uninstall folders beside the output folder', () => {
    expect(outputLayout('dist')).toEqual({ crds: 'dist-crds', apply: 'dist', secrets: 'dist-secrets', uninstall: 'dist-uninstall' });
    expect(outputLayout('/tmp/x/out')).toEqual({
      crds: '/tmp/x/out-crds',
      apply: '/tmp/x/out',
      secrets: '/tmp/x/out-secrets',
      uninstall: '/tmp/x/out-uninstall',
    });
  });
});

describe('cdk8s.yaml', () => {
  it('stages into the folder the app treats as staging, and keeps the online import spec', () => {
    const config = parse(readFileSync(join(__dirname, '..', '..', 'cdk8s.yaml'), 'utf8'));
    expect(config.output).toBe(CDK8S_STAGING_DIR);
    expect(config.imports).toEqual(['k8s@1.27.0']);
    expect(config.app).not.toMatch(/ts-node(?!.*transpile)|tsc/);
  });
});
