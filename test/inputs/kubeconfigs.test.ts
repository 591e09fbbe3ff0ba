import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { kubeconfigPathOf, readKubeconfigs } from '../../inputs/kubeconfigs';
import { buildKubeconfig, type KubeconfigInput } from '../../pki/kubeconfig';
import { describeFinding } from '../../lib/finding';
import { parseTopology } from '../../topology/load';
import { TestPki } from '../support/test-pki';

const TOPOLOGY = `controlPlane:
  pilot: 10.8.0.12
clusters:
  - {name: primary, role: primary, podCIDR: 10.8.0.0/16, serviceCIDR: 10.96.0.0/16, apiServer: "https://p:6443"}
  - {name: east, role: remote, podCIDR: 10.9.0.0/16, serviceCIDR: 10.97.0.0/16, apiServer: "https://e:6443", context: ctx-east}
  - {name: west, role: remote, podCIDR: 10.10.0.0/16, serviceCIDR: 10.98.0.0/16, apiServer: "https://w:6443", kubeconfig: creds/west.yaml}
`;

// A made-up token, assembled at run time so no token-looking literal sits in the repository.
const TOKEN = ['fake', 'istio-multi', 'token'].join('.');

const pki = new TestPki();
const caPem = readFileSync(pki.root('apiserver-ca').cert, 'utf8');
const folders: string[] = [];
afterAll(() => {
  pki.cleanup();
  folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
});

/** The kubeconfig `mesh kubeconfig` writes for a remote, at its declared apiServer unless told otherwise. */
function kubeconfigOf(name: 'east' | 'west', edit: Partial<KubeconfigInput> = {}): string {
  return buildKubeconfig({ name, server: `https://${name[0]}:6443`, caPem, token: TOKEN, ...edit }).yaml;
}

/** A topology folder holding the given files, by path relative to it. */
function meshFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfigs-'));
  folders.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const both = () => ({ 'secrets/east.kubeconfig': kubeconfigOf('east'), 'creds/west.yaml': kubeconfigOf('west') });

describe('readKubeconfigs', () => {
  const { topology } = parseTopology(TOPOLOGY, 'mesh.yaml');

  it("defaults each remote's kubeconfig to secrets/<name>.kubeconfig", () => {
    const east = topology.clusters[1];
    expect(east.role === 'remote' && kubeconfigPathOf(east)).toBe('secrets/east.kubeconfig');
  });

  it('reads the kubeconfigs that exist, relative to the topology folder', () => {
    // GIVEN only west's kubeconfig
    const west = kubeconfigOf('west');
    const dir = meshFolder({ 'creds/west.yaml': west });

    // WHEN
    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    // THEN west's file is returned as is, and the missing one is a warning naming the command that creates it
    expect([...kubeconfigs]).toEqual([['west', west]]);
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['clusters', 1, 'kubeconfig'],
        severity: 'warning',
        hint: expect.stringContaining('npm run --silent mesh -- kubeconfig --cluster east --context ctx-east'),
      }),
    ]);
  });

  it('fails when a kubeconfig is empty, instead of crashing synth later', () => {
    const dir = meshFolder({ ...both(), 'creds/west.yaml': '' });

    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    expect(findings).toEqual([
      {
        path: ['clusters', 2, 'kubeconfig'],
        value: 'creds/west.yaml',
        problem: 'is empty',
        allowed: 'a kubeconfig: one cluster, context and user, each named "west", and current-context "west"',
        hint: 'regenerate it with `npm run --silent mesh -- kubeconfig --cluster west --context west`',
      },
    ]);
    expect([...kubeconfigs.keys()]).toEqual(['east']);
  });

  it('fails when a kubeconfig is not YAML, without quoting it', () => {
    const dir = meshFolder({ ...both(), 'creds/west.yaml': `users: [{user: {token: ${TOKEN}}\n` });

    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    expect(findings).toEqual([expect.objectContaining({ path: ['clusters', 2, 'kubeconfig'], value: 'creds/west.yaml' })]);
    expect(findings[0].problem).toMatch(/^is not valid YAML \(/);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
    expect(kubeconfigs.has('west')).toBe(false);
  });

  it.each([
    ['an alias without an anchor', 'current-context: *west', /^is not plain YAML data \(line 13, column 18\): the YAML alias \*west has no anchor &west before it$/],
    ['a tag outside the core schema', 'current-context: !foo west', /^is not plain YAML data \(line 13, column 23\): the YAML tag !foo is not one of the core schema's$/],
  ])('fails when a kubeconfig holds %s, at the topology line that names it and the file\'s own line, without quoting it', (_case, line, problem) => {
    // GIVEN west's kubeconfig with one line edited by hand
    const dir = meshFolder({ ...both(), 'creds/west.yaml': kubeconfigOf('west').replace('current-context: west', line) });

    // WHEN
    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    // THEN one error at clusters[2].kubeconfig, fixed by writing the file again; the token never shows
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['clusters', 2, 'kubeconfig'],
        value: 'creds/west.yaml',
        problem: expect.stringMatching(problem),
        hint: 'regenerate it with `npm run --silent mesh -- kubeconfig --cluster west --context west`',
      }),
    ]);
    expect(findings[0].severity).toBeUndefined();
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
    expect([...kubeconfigs.keys()]).toEqual(['east']);
  });

  it('fails when a kubeconfig is named after another cluster', () => {
    const dir = meshFolder({ ...both(), 'creds/west.yaml': kubeconfigOf('east') });

    const { findings } = readKubeconfigs(topology, dir);

    const west = findings.filter((f) => f.path[1] === 2);
    expect(west.map((f) => f.problem)).toEqual([
      'has field clusters[0].name "east", which is not the cluster name "west"',
      'has field contexts[0].name "east", which is not the cluster name "west"',
      'has field users[0].name "east", which is not the cluster name "west"',
      'has field contexts[0].context.cluster "east", which is not the cluster name "west"',
      'has field contexts[0].context.user "east", which is not the cluster name "west"',
      'has field current-context "east", which is not the cluster name "west"',
    ]);
  });

  it('fails when a list of the kubeconfig is empty, in words that agree', () => {
    // GIVEN west's kubeconfig with no clusters
    const edited = kubeconfigOf('west').replace(/^clusters:\n(?:[ -].*\n)+/m, 'clusters: []\n');
    const dir = meshFolder({ ...both(), 'creds/west.yaml': edited });
    // WHEN
    const { findings } = readKubeconfigs(topology, dir);
    // THEN the field is named as a field, not as the subject of "holds"
    expect(findings.filter((f) => f.path[1] === 2).map((f) => f.problem)).toEqual(['has field clusters, which holds 0 entries, not exactly one']);
  });

  it('fails on a bad server, CA or token, naming the field and never the CA or token', () => {
    // GIVEN a kubeconfig edited by hand after mesh kubeconfig wrote it
    const edited = kubeconfigOf('west')
      .replace('server: https://w:6443', 'server: http://w:6443')
      .replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${Buffer.from('junk').toString('base64')}`)
      .replace(`token: ${TOKEN}`, 'token: ""');
    const dir = meshFolder({ ...both(), 'creds/west.yaml': edited });

    // WHEN
    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    // THEN
    expect(findings.map((f) => [f.path, f.value, f.problem, f.severity])).toEqual([
      [['clusters', 2, 'kubeconfig'], 'creds/west.yaml', 'has field clusters[0].cluster.server "http://w:6443", which is not an https:// URL', undefined],
      [['clusters', 2, 'kubeconfig'], 'creds/west.yaml', 'has field clusters[0].cluster.certificate-authority-data, which is not a PEM X.509 certificate', undefined],
      [['clusters', 2, 'kubeconfig'], 'creds/west.yaml', 'has field users[0].user.token, which is empty', undefined],
    ]);
    expect(findings.every((f) => f.hint === 'regenerate it with `npm run --silent mesh -- kubeconfig --cluster west --context west`')).toBe(true);
    expect(JSON.stringify(findings)).not.toMatch(/anVuaw|junk/);
    expect(kubeconfigs.has('west')).toBe(false);
  });

  it("warns, and still returns it, when a kubeconfig's server differs from the cluster's apiServer", () => {
    const dir = meshFolder({ ...both(), 'creds/west.yaml': kubeconfigOf('west', { server: 'https://west.public.example.com' }) });

    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    expect(findings).toHaveLength(1);
    expect(describeFinding(findings[0])).toBe(
      '"creds/west.yaml" has field clusters[0].cluster.server "https://west.public.example.com", which differs from clusters[2].apiServer "https://w:6443", the address Pilot on the primary dials: ' +
        'if Pilot reaches the remote at https://w:6443, make that the server (`mesh kubeconfig --server https://w:6443`); otherwise correct clusters[2].apiServer',
    );
    expect(findings[0].severity).toBe('warning');
    expect(kubeconfigs.has('west')).toBe(true);
  });

  it("fails when two remotes' kubeconfigs use the same server, on the second", () => {
    // GIVEN west's kubeconfig pointing at east's API server, spelled with the default port's trailing slash
    const dir = meshFolder({ ...both(), 'creds/west.yaml': kubeconfigOf('west', { server: 'https://E:6443/' }) });

    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    const errors = findings.filter((f) => f.severity !== 'warning');
    expect(errors).toEqual([
      {
        path: ['clusters', 2, 'kubeconfig'],
        value: 'creds/west.yaml',
        problem: 'has server "https://E:6443/", which the kubeconfig of remote "east" already uses',
        allowed: "each remote's own API server",
        hint: "regenerate it with `npm run --silent mesh -- kubeconfig --cluster west --context west`, pointing at west's API server (https://w:6443)",
      },
    ]);
    expect([...kubeconfigs.keys()]).toEqual(['east']);
  });

  it('fails when a kubeconfig cannot be read', () => {
    const dir = meshFolder(both());
    rmSync(join(dir, 'creds', 'west.yaml'));
    mkdirSync(join(dir, 'creds', 'west.yaml'));

    const { findings } = readKubeconfigs(topology, dir);

    expect(findings).toEqual([expect.objectContaining({ path: ['clusters', 2, 'kubeconfig'], problem: 'cannot be read (EISDIR)' })]);
    expect(findings[0].severity).toBe('error');
  });

  it('warns about a kubeconfig that git does not ignore, and still returns it', () => {
    // GIVEN the topology folder is a repository that ignores secrets/ but not creds/
    const dir = meshFolder(both());
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, '.gitignore'), 'secrets/\n');

    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);

    expect(findings).toEqual([
      {
        path: ['clusters', 2, 'kubeconfig'],
        value: 'creds/west.yaml',
        problem: 'is not git-ignored, so the token could be committed',
        hint: 'write under secrets/ (ignored) or add it to .gitignore',
        severity: 'warning',
      },
    ]);
    expect([...kubeconfigs.keys()]).toEqual(['east', 'west']);
  });

  it('accepts a kubeconfig written by hand with the same layout', () => {
    const handWritten = stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'west',
      clusters: [{ name: 'west', cluster: { server: 'https://w:6443', 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
      contexts: [{ name: 'west', context: { cluster: 'west', user: 'west' } }],
      users: [{ name: 'west', user: { token: TOKEN } }],
    });
    const dir = meshFolder({ ...both(), 'creds/west.yaml': handWritten });

    expect(readKubeconfigs(topology, dir).findings).toEqual([]);
  });
});
