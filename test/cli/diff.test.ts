import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { CliIo } from '../../cli/cli-io';
import { mesh } from '../../cli/mesh';
import { synth } from '../../main';
import { shortHash } from '../../output/diff/secret-redaction';
import { secureTopology } from '../support/secure-topology';
import { PROJECT_ROOT, readTree } from '../support/synth-run';
import { TestPki } from '../support/test-pki';

const EXAMPLE = readFileSync(join(PROJECT_ROOT, 'mesh.yaml'), 'utf8');
const folders: string[] = [];
// The mTLS cases need a shared CA; its private keys live only in this run's temp folders.
const pki = new TestPki();
const root = pki.root('mesh-root');
const cas = Object.fromEntries(['primary', 'remote-east', 'remote-west'].map((name) => [name, pki.issue(`${name}-ca`, root)]));

afterAll(() => {
  folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
  pki.cleanup();
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

/** Runs synth itself on the folder's mesh.yaml, writing dist/ and its siblings there. */
function synthIn(dir: string): void {
  const log: string[] = [];
  const status = synth({ CDK8S_OUTDIR: join(dir, 'dist'), MESH_TOPOLOGY: join(dir, 'mesh.yaml') }, (line) => log.push(line));
  if (status !== 0) {
    throw new Error(log.join('\n'));
  }
}

/** A project clone: the topology (and any files it names), its output synthesized and committed, as users keep it. */
function committedProject(topology: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-diff-'));
  folders.push(dir);
  writeFileSync(join(dir, 'mesh.yaml'), topology);
  writeFileSync(join(dir, '.gitignore'), 'secrets/\n*-secrets/\npki/\n');
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(source, join(dir, path));
  }
  synthIn(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'mesh');
  return dir;
}

function edit(dir: string, change: (text: string) => string): void {
  const file = join(dir, 'mesh.yaml');
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

function runDiff(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; out: string; err: string } {
  const io: CliIo & { out: string; err: string } = {
    out: '',
    err: '',
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    env,
    cwd: dir,
  };
  const status = mesh(['diff', ...args], io);
  return { status, out: io.out, err: io.err };
}

interface JsonDiff {
  summary: { added: number; removed: number; changed: number };
  clusters: { cluster: string; added: number; removed: number; changed: number; objects: { change: string; set: string; kind: string; namespace: string; name: string; fields: { path: string; change: string; old?: unknown; new?: unknown }[] }[] }[];
}

function jsonDiff(dir: string, args: string[] = []): JsonDiff {
  const result = runDiff(dir, [...args, '--format', 'json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.out) as JsonDiff;
}

/** `cluster: ~ Kind ns/name field=old→new` lines, a compact form of what changed. */
function changeLines(diff: JsonDiff): string[] {
  return diff.clusters.flatMap((c) =>
    c.objects.flatMap((o) => {
      const object = `${c.cluster} ${o.change} ${o.set} ${o.kind} ${o.namespace === '' ? '' : `${o.namespace}/`}${o.name}`;
      return o.fields.length === 0 ? [object] : o.fields.map((f) => `${object} ${f.path} ${f.change}${'old' in f ? ` ${JSON.stringify(f.old)}` : ''}${'new' in f ? ` → ${JSON.stringify(f.new)}` : ''}`);
    }),
  );
}

/** The shared-CA topology with its PKI files in place, as a project's mesh.yaml. */
function secureProject(mtlsEnabled: boolean): string {
  const topology = secureTopology((t) => {
    t.istio.mtlsEnabled = mtlsEnabled;
  });
  const files: Record<string, string> = { 'pki/root-cert.pem': root.cert };
  for (const [name, ca] of Object.entries(cas)) {
    files[`pki/${name}/ca-cert.pem`] = ca.cert;
    files[`pki/${name}/ca-key.pem`] = ca.key;
    files[`pki/${name}/cert-chain.pem`] = ca.cert;
  }
  return committedProject(stringify(topology), files);
}

describe('mesh diff: golden diffs of real topology edits', () => {
  it('a pod IP changed: the remotes that dial Pilot by IP, and nothing else', () => {
    // GIVEN the example mesh, committed with its output
    const dir = committedProject(EXAMPLE);
    // WHEN `discover --write` moved Pilot to a new pod IP
    edit(dir, (t) => t.replace('pilot: 10.8.0.12', 'pilot: 10.8.3.12'));
    // THEN remote-east's selector-less Endpoints and remote-west's mesh config changed, in place
    expect(changeLines(jsonDiff(dir))).toEqual([
      'remote-east changed apply Endpoints istio-system/istio-pilot subsets[0].addresses[0].ip changed "10.8.0.12" → "10.8.3.12"',
      'remote-west changed apply ConfigMap istio-system/istio data.mesh.defaultConfig.discoveryAddress changed "10.8.0.12:15007" → "10.8.3.12:15007"',
    ]);
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });

  it('mTLS turned on: a MeshPolicy and DestinationRules added on every remote, and mutual TLS in the primary\'s own', () => {
    // GIVEN a mesh with a shared CA and mTLS off
    const dir = secureProject(false);
    // WHEN mTLS is turned on
    edit(dir, (t) => t.replace('mtlsEnabled: false', 'mtlsEnabled: true'));
    // THEN
    const diff = jsonDiff(dir);
    const lines = changeLines(diff);
    expect(lines).toContain('remote-east added apply MeshPolicy default');
    expect(lines).toContain('remote-west added apply MeshPolicy default');
    expect(lines.filter((l) => /^remote-\S+ added apply DestinationRule /.test(l))).toHaveLength(4);
    // the primary's post-install policy turns from permissive to mutual TLS, with its DestinationRules
    expect(lines).toContain('primary added apply DestinationRule istio-system/default');
    // with their CRDs, in the step applied first
    expect(lines).toContain('remote-east added crds CustomResourceDefinition meshpolicies.authentication.istio.io');
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });

  it('a remote added: all of its objects, in its apply and uninstall sets', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) =>
      t.replace(
        'clusters:\n',
        'clusters:\n  - name: remote-north\n    role: remote\n    podCIDR: 10.11.0.0/16\n    serviceCIDR: 10.99.0.0/16\n    apiServer: https://remote-north.k8s.example.com:6443\n',
      ),
    );
    const diff = jsonDiff(dir);
    const north = diff.clusters.find((c) => c.cluster === 'remote-north')!;
    expect(north.removed + north.changed).toBe(0);
    expect(north.objects.every((o) => o.change === 'added')).toBe(true);
    expect(new Set(north.objects.map((o) => o.set))).toEqual(new Set(['apply', 'uninstall']));
    expect(diff.summary).toEqual({ added: north.added, removed: 0, changed: 0, clusters: 4, clustersChanged: 1 });
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });

  it('a remote removed: all of its objects', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => t.slice(0, t.indexOf('  - name: remote-west')));
    const diff = jsonDiff(dir);
    const west = diff.clusters.find((c) => c.cluster === 'remote-west')!;
    expect(west.objects.length).toBeGreaterThan(10);
    expect(west.objects.every((o) => o.change === 'removed')).toBe(true);
    expect(diff.summary.added + diff.summary.changed).toBe(0);
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });

  it('a service added: its Service in every cluster, and its Namespace where none was', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => `${t}\nservices:\n  - name: reviews\n    namespace: bookinfo\n    ports:\n      - name: http\n        port: 9080\n    selector:\n      app: reviews\n`);
    const lines = changeLines(jsonDiff(dir));
    for (const cluster of ['primary', 'remote-east', 'remote-west']) {
      expect(lines).toContain(`${cluster} added apply Service bookinfo/reviews`);
    }
    expect(lines).toContain('remote-west added apply Namespace bookinfo');
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });

  it('exposure switched to gateway: the gateway on the primary, selector-less Services on the remotes, mesh configs by name', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => t.replace('exposure: podIP', 'exposure: gateway\n  gateway:\n    address: 10.0.2.1'));
    const lines = changeLines(jsonDiff(dir));
    expect(lines).toContain('primary added apply Gateway istio-system/istio-control-plane');
    expect(lines).toContain('remote-west changed apply ConfigMap istio-system/istio data.mesh.defaultConfig.discoveryAddress changed "10.8.0.12:15007" → "istio-pilot.istio-system:15007"');
    expect(runDiff(dir, []).out).toMatchSnapshot();
  });
});

describe('mesh diff', () => {
  it('reports no changes, exit 0 with or without --exit-code', () => {
    const dir = committedProject(EXAMPLE);
    expect(runDiff(dir, ['--exit-code'])).toEqual({ status: 0, out: 'mesh diff HEAD → working tree: no changes in 3 clusters\n', err: expect.any(String) });
  });

  it('exits 1 on changes with --exit-code, as git diff does, and 0 without', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => t.replace('zipkin: 10.8.0.16', 'zipkin: 10.8.0.26'));
    expect(runDiff(dir, ['--exit-code']).status).toBe(1);
    expect(runDiff(dir, []).status).toBe(0);
  });

  it('compares with any revision, such as the branch a pull request targets', () => {
    // GIVEN main, and a branch with a commit that changed the topology and its output
    const dir = committedProject(EXAMPLE);
    git(dir, 'checkout', '-q', '-b', 'feature');
    edit(dir, (t) => t.replace('policy: 10.8.0.13', 'policy: 10.8.0.23'));
    synthIn(dir);
    git(dir, 'commit', '-q', '-am', 'move policy');
    // THEN against HEAD nothing changed; against main, as against HEAD~1, the policy address did
    expect(runDiff(dir, ['--exit-code']).status).toBe(0);
    const againstMain = changeLines(jsonDiff(dir, ['main']));
    expect(againstMain).toEqual(changeLines(jsonDiff(dir, ['HEAD~1'])));
    expect(againstMain).toEqual([
      'remote-east changed apply ConfigMap istio-system/istio data.mesh.mixerCheckServer changed "10.8.0.13:15004" → "10.8.0.23:15004"',
      'remote-west changed apply ConfigMap istio-system/istio data.mesh.mixerCheckServer changed "10.8.0.13:15004" → "10.8.0.23:15004"',
    ]);
  });

  it('never touches dist/ or any other file of the project', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => t.replace('pilot: 10.8.0.12', 'pilot: 10.8.3.12'));
    const before = readTree(dir);
    expect(runDiff(dir, ['--format', 'markdown']).status).toBe(0);
    expect(readTree(dir)).toEqual(before);
    expect(git(dir, 'status', '--porcelain')).toBe(' M mesh.yaml\n');
  });

  it('reads MESH_TOPOLOGY', () => {
    const dir = committedProject(EXAMPLE);
    writeFileSync(join(dir, 'other.yaml'), EXAMPLE.replace('telemetry: 10.8.0.14', 'telemetry: 10.8.0.24'));
    const result = runDiff(dir, ['--exit-code'], { MESH_TOPOLOGY: 'other.yaml' });
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/mixerReportServer: "10\.8\.0\.14:15004" → "10\.8\.0\.24:15004"/);
  });

  it('takes a folder of earlier output, with its secrets tree, and shows only short hashes of Secret data', () => {
    // GIVEN earlier output with a shared CA, kept as a folder with its dist-secrets/ sibling
    const dir = secureProject(true);
    const earlier = join(dir, 'earlier');
    for (const tree of ['dist', 'dist-secrets', 'dist-uninstall']) {
      cpSync(join(dir, tree), join(earlier, tree), { recursive: true });
    }
    // WHEN remote-east's CA key and certificate are re-issued
    const renewed = pki.issue('remote-east-ca-2', root);
    copyFileSync(renewed.cert, join(dir, 'pki/remote-east/ca-cert.pem'));
    copyFileSync(renewed.cert, join(dir, 'pki/remote-east/cert-chain.pem'));
    copyFileSync(renewed.key, join(dir, 'pki/remote-east/ca-key.pem'));
    const result = runDiff(dir, ['earlier/dist', '--format', 'json']);
    // THEN its cacerts Secret changed in three data keys, each shown as hashes only
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.out) as JsonDiff;
    const east = diff.clusters.find((c) => c.cluster === 'remote-east')!;
    expect(east.objects.map((o) => `${o.change} ${o.set} ${o.kind} ${o.name}`)).toEqual(['changed secrets Secret cacerts']);
    const b64 = (file: string) => readFileSync(file).toString('base64');
    expect(east.objects[0].fields).toEqual([
      { path: 'data["ca-cert.pem"]', change: 'changed', old: shortHash(b64(cas['remote-east'].cert)), new: shortHash(b64(renewed.cert)) },
      { path: 'data["ca-key.pem"]', change: 'changed', old: shortHash(b64(cas['remote-east'].key)), new: shortHash(b64(renewed.key)) },
      { path: 'data["cert-chain.pem"]', change: 'changed', old: shortHash(b64(cas['remote-east'].cert)), new: shortHash(b64(renewed.cert)) },
    ]);
    for (const format of ['text', 'markdown', 'json']) {
      const out = runDiff(dir, ['earlier/dist', '--format', format]).out;
      expect(out).not.toContain(b64(renewed.key).slice(0, 40));
      expect(out).not.toContain(b64(cas['remote-east'].key).slice(0, 40));
      expect(out).not.toMatch(/PRIVATE KEY/);
    }
  });

  it('compares no secrets tree with a git revision, where there is none', () => {
    const dir = secureProject(true);
    const diff = JSON.parse(runDiff(dir, ['--format', 'json']).out) as { compared: string[] };
    expect(diff.compared).toEqual(['apply', 'crds', 'uninstall']);
  });

  it('colours text only when stdout is a terminal, and never with NO_COLOR', () => {
    const dir = committedProject(EXAMPLE);
    edit(dir, (t) => t.replace('pilot: 10.8.0.12', 'pilot: 10.8.3.12'));
    const run = (tty: boolean, env: NodeJS.ProcessEnv = {}) => {
      let out = '';
      mesh(['diff'], { stdout: (t) => void (out += t), stderr: () => undefined, env, cwd: dir, stdoutIsTTY: tty });
      return out;
    };
    expect(run(true)).toMatch(/\u001b\[33m/);
    expect(run(false)).not.toMatch(/\u001b\[/);
    expect(run(true, { NO_COLOR: '1' })).not.toMatch(/\u001b\[/);
  });

  it('prints its usage on --help', () => {
    const result = runDiff(PROJECT_ROOT, ['--help']);
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/^usage: npm run --silent mesh -- diff \[BASE\]/);
  });
});

describe('mesh diff fails with exit 2, a message on stderr and nothing on stdout', () => {
  let dir: string;
  beforeAll(() => {
    dir = committedProject(EXAMPLE);
  });

  const fails = (args: string[], message: RegExp, where = () => dir, env: NodeJS.ProcessEnv = {}) => {
    const result = runDiff(where(), args, env);
    expect(result).toEqual({ status: 2, out: '', err: expect.stringMatching(message) });
  };

  it('fails when BASE is neither a folder nor a revision', () => fails(['no-such-branch'], /error: "no-such-branch" is neither a folder nor a git revision here: give a branch, tag or commit/));
  it('fails when the revision has no committed output', () => {
    // A commit whose tree is empty, as before the first synth was committed.
    const emptyTree = execFileSync('git', ['mktree'], { cwd: dir, input: '', encoding: 'utf8' }).trim();
    const empty = git(dir, 'commit-tree', '-m', 'nothing', emptyTree).trim();
    fails([empty], /has no committed dist\/<cluster>\/ output/);
  });
  it('fails outside a git repository when BASE is not a folder', () => {
    const outside = mkdtempSync(join(tmpdir(), 'mesh-diff-nogit-'));
    folders.push(outside);
    writeFileSync(join(outside, 'mesh.yaml'), EXAMPLE);
    fails(['HEAD'], /"HEAD" is not a folder, and .* is not in a git repository/, () => outside);
  });
  it('fails when the folder holds no output', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    fails(['empty'], /error: empty: holds no cluster folder with YAML output/);
  });
  it('fails when the folder holds a broken file, naming it and the line', () => {
    mkdirSync(join(dir, 'broken', 'primary'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'primary', 'primary.k8s.yaml'), 'apiVersion: v1\nkind: [oops\n');
    fails(['broken'], /broken\/primary\/primary\.k8s\.yaml:\d+:\d+: is not valid YAML/);
  });
  it('fails when the format is unknown', () => fails(['--format', 'html'], /--format "html" is not a format: use text, markdown, json/));
  it('fails when --format has no value', () => fails(['--format'], /"--format" needs a value/));
  it('fails when an option is unknown', () => fails(['--stat'], /"--stat" is not an option of diff/));
  it('fails when two bases are given', () => fails(['HEAD', 'main'], /diff takes one BASE/));
  it('fails when the topology is invalid, with its errors at their lines', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, EXAMPLE.replace('name: remote-west', 'name: Remote_West'));
    fails([], /bad\.yaml:\d+:\d+: clusters\[2\]\.name: "Remote_West" is not a DNS-1123 label[\s\S]*diff: 1 error in the topology; nothing was compared/, () => dir, { MESH_TOPOLOGY: 'bad.yaml' });
  });
  it('fails when the topology file is missing', () => fails([], /error: nope\.yaml: cannot read the topology file \(no such file\)/, () => dir, { MESH_TOPOLOGY: 'nope.yaml' }));
});

test('the scratch projects stay out of the repository', () => {
  expect(existsSync(join(PROJECT_ROOT, 'earlier'))).toBe(false);
});
