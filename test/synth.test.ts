import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdk8sSynth, PROJECT_ROOT, readTree, removeScratchProjects, scratchProject } from './support/synth-run';

const COMMITTED_TREES = ['dist-crds', 'dist', 'dist-uninstall'];

describe('npx cdk8s synth', () => {
  afterAll(removeScratchProjects);

  it('writes exactly the committed output for the example mesh (golden)', () => {
    // GIVEN the example mesh.yaml
    const dir = scratchProject();
    copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
    // WHEN synth writes into a fresh folder
    const result = cdk8sSynth(dir, ['--output', join(dir, 'out', 'dist')]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    // THEN every committed tree is byte-identical to what synth writes now
    for (const tree of COMMITTED_TREES) {
      const suffix = tree.replace(/^dist/, '');
      expect({ tree, files: readTree(join(dir, 'out', `dist${suffix}`)) }).toEqual({ tree, files: readTree(join(PROJECT_ROOT, tree)) });
    }
  });

  it('publishes dist/ beside cdk8s.yaml when no --output is given, and is deterministic', () => {
    const dir = scratchProject();
    copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
    expect(cdk8sSynth(dir).status).toBe(0);
    const first = readTree(join(dir, 'dist'));
    expect(cdk8sSynth(dir).status).toBe(0);
    expect(readTree(join(dir, 'dist'))).toEqual(first);
    expect(Object.keys(first)).toContain('remote-east/remote-east.k8s.yaml');
  });

  it('names the folders it published in its summary, with as many files as cdk8s lists from its staging copy', () => {
    // GIVEN the example mesh, synthesized through the staging folder of cdk8s.yaml
    const dir = scratchProject();
    copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
    // WHEN synth runs
    const result = cdk8sSynth(dir);
    // THEN the summary names the folders to apply, not the staging copies
    expect(result.status).toBe(0);
    const summary = result.stderr.split('\n').filter((line) => line.startsWith('synth: '));
    expect(summary).toEqual([
      'synth: wrote 1 file in dist-crds/primary/',
      'synth: wrote 4 files in dist/primary/, dist/remote-east/, dist/remote-west/, dist/MESH.md',
      'synth: wrote 3 files in dist-uninstall/primary/, dist-uninstall/remote-east/, dist-uninstall/remote-west/',
      'synth: the cdk8s.out/ paths cdk8s lists next are staging copies: apply the folders above',
    ]);
    // AND each tree cdk8s lists holds as many manifests as synth published, each a copy of a published one
    // (cdk8s lists YAML files only, so not dist/MESH.md, which the golden test covers)
    const listed = result.stdout.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.slice('  - cdk8s.out/'.length));
    for (const [tree, count] of [['dist-crds', 1], ['dist', 3], ['dist-uninstall', 3]] as const) {
      const published = Object.keys(readTree(join(dir, tree))).filter((path) => path.endsWith('.yaml')).map((path) => `${tree}/${path}`);
      expect(listed.filter((path) => path.startsWith(`${tree}/`)).sort()).toEqual(published.sort());
      expect(published).toHaveLength(count);
    }
    expect(listed.filter((path) => !/^dist(-crds|-uninstall)?\//.test(path))).toEqual([]);
    expect(Object.keys(readTree(join(dir, 'dist')))).toContain('MESH.md');
  });

  it('reads another topology from MESH_TOPOLOGY', () => {
    const dir = scratchProject();
    mkdirSync(join(dir, 'meshes'));
    const text = readFileSync(join(PROJECT_ROOT, 'mesh.yaml'), 'utf8').replace(/name: remote-west/, 'name: remote-north');
    writeFileSync(join(dir, 'meshes', 'other.yaml'), text);
    const result = cdk8sSynth(dir, [], { MESH_TOPOLOGY: 'meshes/other.yaml' });
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'dist', 'remote-north', 'remote-north.k8s.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'remote-west'))).toBe(false);
  });

  it('fails with --output after cdk8s emptied that folder, and says so', () => {
    const dir = scratchProject();
    writeFileSync(join(dir, 'mesh.yaml'), readFileSync(join(PROJECT_ROOT, 'mesh.yaml'), 'utf8').replace('name: remote-west', 'name: Remote_West'));
    const result = cdk8sSynth(dir, ['--output', join(dir, 'out')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/synth: note: cdk8s emptied .*\/out\/ before synth started/);
  });

  it('fails when the topology is invalid, and leaves dist/ and the input exactly as they were', () => {
    // GIVEN a previous good synth
    const dir = scratchProject();
    copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
    expect(cdk8sSynth(dir).status).toBe(0);
    const before = readTree(join(dir, 'dist'));
    const beforeMtime = statSync(join(dir, 'dist')).mtimeMs;
    // WHEN the topology gets two mistakes
    const bad = readFileSync(join(dir, 'mesh.yaml'), 'utf8').replace('name: remote-west', 'name: Remote_West').replace('podCIDR: 10.9.0.0/16', 'podCIDR: 10.9.0.0/33');
    writeFileSync(join(dir, 'mesh.yaml'), bad);
    const result = cdk8sSynth(dir);
    // THEN both are reported at their lines, the exit code is non-zero, and nothing changed
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/mesh\.yaml:41:14: clusters\[1\]\.podCIDR: "10\.9\.0\.0\/33" is not a CIDR block/);
    expect(result.stderr).toMatch(/mesh\.yaml:49:11: clusters\[2\]\.name: "Remote_West" is not a DNS-1123 label/);
    expect(readTree(join(dir, 'dist'))).toEqual(before);
    expect(statSync(join(dir, 'dist')).mtimeMs).toBe(beforeMtime);
    expect(readFileSync(join(dir, 'mesh.yaml'), 'utf8')).toBe(bad);
  });

  it.each([
    ['an undefined YAML alias', (t: string) => t.replace('policy: 10.8.0.13', 'policy: *nope'), {}, /mesh\.yaml:23:11: controlPlane\.policy: the YAML alias \*nope has no anchor &nope before it/],
    ['an unknown YAML tag', (t: string) => t.replace('pilot: 10.8.0.12', 'pilot: !!python/object:os.system ls'), {}, /mesh\.yaml:22:36: controlPlane\.pilot: the YAML tag !!python\/object:os\.system is not one of the core schema's/],
    ['a remote named cacerts', (t: string) => t.replace('name: remote-west', 'name: cacerts'), {}, /mesh\.yaml:49:11: clusters\[2\]\.name: "cacerts" names this remote's kubeconfig Secret on the primary/],
    ['MESH_TOPOLOGY at a password file', (t: string) => t, { MESH_TOPOLOGY: 'shadow' }, /shadow:1:1: \(document\): the file is not a mesh topology: it is a map of 1 key/],
  ])('fails on %s with a located error, no stack trace from the app, and dist/ untouched', (_case, change, env, located) => {
    // GIVEN a previous good synth, and a password-like file beside the topology
    const dir = scratchProject();
    copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
    expect(cdk8sSynth(dir).status).toBe(0);
    const before = readTree(join(dir, 'dist'));
    writeFileSync(join(dir, 'shadow'), 'root:$6$Zq8vN3kLr$notarealhash:19000:0:99999:7:::\n');
    // WHEN the topology, or the file synth reads, is bad
    writeFileSync(join(dir, 'mesh.yaml'), change(readFileSync(join(dir, 'mesh.yaml'), 'utf8')));
    const result = cdk8sSynth(dir, [], env);
    // THEN one located error, the app's own summary, and nothing else changed
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(located);
    expect(result.stderr).toMatch(/synth: 1 error; nothing was written/);
    expect(result.stderr).not.toMatch(/ReferenceError|at parseTopology|Zq8vN3kLr/);
    expect(readTree(join(dir, 'dist'))).toEqual(before);
  });

  describe('fails when a kubeconfig the topology names is not plain YAML data', () => {
    // A made-up token, assembled at run time so no token-looking literal sits in the repository.
    const token = ['fake', 'west', 'token'].join('-');
    const kubeconfig = (currentContext: string) =>
      `apiVersion: v1\nkind: Config\ncurrent-context: ${currentContext}\nusers:\n  - name: remote-west\n    user:\n      token: ${token}\n`;
    // Each line repeats the one above ten times: 10,000 nodes from four short lines.
    const bomb = ['&a [x, x, x, x, x, x, x, x, x, x]', ...['a', 'b', 'c'].map((level, i) => `&${'bcd'[i]} [${`*${level}, `.repeat(9)}*${level}]`)];
    let dir: string;
    let before: Record<string, string>;
    beforeAll(() => {
      // GIVEN a previous good synth of the example mesh
      dir = scratchProject();
      copyFileSync(join(PROJECT_ROOT, 'mesh.yaml'), join(dir, 'mesh.yaml'));
      expect(cdk8sSynth(dir).status).toBe(0);
      before = readTree(join(dir, 'dist'));
      mkdirSync(join(dir, 'secrets'));
    });

    it.each([
      ['an undefined alias', kubeconfig('*nope'), /line 3, column 18\): the YAML alias \*nope has no anchor &nope before it/],
      ['an alias bomb', `${kubeconfig('remote-west')}${bomb.map((level, i) => `bomb${i}: ${level}\n`).join('')}`, /line 9, column 12\): the YAML aliases from here on are expanded more than 100 times/],
      ['a foreign tag', kubeconfig('!foo remote-west'), /line 3, column 23\): the YAML tag !foo is not one of the core schema's/],
    ])('%s: a located error, exit non-zero, no stack trace, no token, dist/ untouched', (_case, text, problem) => {
      // WHEN remote-west's kubeconfig holds it
      writeFileSync(join(dir, 'secrets', 'remote-west.kubeconfig'), text);
      const result = cdk8sSynth(dir);
      // THEN one error at the cluster's line in mesh.yaml, naming the file and the place in it
      expect(result.status).not.toBe(0);
      const located = new RegExp(`mesh\\.yaml:49:5: clusters\\[2\\]\\.kubeconfig: "secrets/remote-west\\.kubeconfig" is not plain YAML data \\(${problem.source}.*: regenerate it with`);
      expect(result.stderr).toMatch(located);
      expect(result.stderr).toMatch(/synth: 1 error; nothing was written/);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(new RegExp(`ReferenceError|${token}`));
      // cdk8s prints its own stack after the app exits non-zero; the app's output before it has none
      const appStderr = result.stderr.split(/^Error: command "/m)[0];
      expect(appStderr).toMatch(/nothing was written\n$/);
      expect(appStderr).not.toMatch(/^\s+at /m);
      expect(readTree(join(dir, 'dist'))).toEqual(before);
    });
  });
});
