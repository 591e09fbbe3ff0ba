import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CliIo } from '../../cli/cli-io';
import { mesh } from '../../cli/mesh';
import { fakeKubectl } from '../support/fake-kubectl';
import { TestPki } from '../support/test-pki';

// A made-up token, assembled at run time so no token-looking literal sits in the repository.
const TOKEN = ['eyJfake', 'istio-multi', 'token-for-tests'].join('.');

const pki = new TestPki();
const caFile = pki.root('remote-east-apiserver-ca').cert;
const caPem = readFileSync(caFile, 'utf8');
const folders: string[] = [];
afterAll(() => {
  pki.cleanup();
  folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
});

function meshYaml(namespace = 'istio-system', eastKubeconfig?: string): string {
  return `istio:
  namespace: ${namespace}
controlPlane:
  pilot: 10.8.0.12
clusters:
  - name: primary
    role: primary
    podCIDR: 10.8.0.0/16
    serviceCIDR: 10.96.0.0/16
    apiServer: https://primary.example.com:6443
  - name: remote-east
    role: remote
    podCIDR: 10.9.0.0/16
    serviceCIDR: 10.97.0.0/16
    apiServer: https://10.9.0.1:6443
${eastKubeconfig ? `    kubeconfig: ${eastKubeconfig}\n` : ''}`;
}

/** A project folder holding mesh.yaml (unless `mesh` is null) and a token file. */
function project(mesh: string | null = meshYaml()): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-cli-'));
  folders.push(dir);
  if (mesh !== null) {
    writeFileSync(join(dir, 'mesh.yaml'), mesh);
  }
  writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
  writeFileSync(join(dir, 'ca.crt'), caPem);
  return dir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Run {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env, cwd };
  const code = mesh(['kubeconfig', ...argv], io);
  // Whatever happened, the token was not printed.
  expect(stdout + stderr).not.toContain(TOKEN);
  return { code, stdout, stderr };
}

const explicit = ['--cluster', 'remote-east', '--server', 'https://10.9.0.1:6443', '--ca-file', 'ca.crt', '--token-file', 'token'];

/** Every file under dir, relative, skipping the inputs the test wrote. */
function written(dir: string): string[] {
  const inputs = new Set(['mesh.yaml', 'token', 'ca.crt']);
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !inputs.has(f)).sort();
}

describe('kubeconfigCommand, explicit mode', () => {
  it('writes the kubeconfig to secrets/<name>.kubeconfig beside mesh.yaml, mode 0600 in a 0700 folder', () => {
    const dir = project();

    const result = run(dir, explicit);

    expect(result).toEqual({
      code: 0,
      stdout: 'wrote the kubeconfig of cluster remote-east to secrets/remote-east.kubeconfig (mode 0600)\n',
      stderr: '',
    });
    const file = join(dir, 'secrets', 'remote-east.kubeconfig');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    const config = parse(readFileSync(file, 'utf8'));
    expect(config['current-context']).toBe('remote-east');
    expect(config.users).toEqual([{ name: 'remote-east', user: { token: TOKEN } }]);
    expect(config.clusters[0].cluster).toEqual({ 'certificate-authority-data': Buffer.from(caPem).toString('base64'), server: 'https://10.9.0.1:6443' });
    expect(written(dir)).toEqual(['secrets', 'secrets/remote-east.kubeconfig']);
  });

  it("writes to the cluster's kubeconfig path from mesh.yaml, resolved against its folder", () => {
    const dir = project(null);
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'mesh.yaml'), meshYaml('istio-system', 'creds/east.kubeconfig'));

    const result = run(dir, explicit, { MESH_TOPOLOGY: 'conf/mesh.yaml' });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('conf/creds/east.kubeconfig');
    expect(statSync(join(dir, 'conf', 'creds', 'east.kubeconfig')).mode & 0o777).toBe(0o600);
  });

  it('writes to --out when given, replacing an older file', () => {
    const dir = project();
    writeFileSync(join(dir, 'east.kubeconfig'), 'old', { mode: 0o644 });

    const result = run(dir, [...explicit, '--out', 'east.kubeconfig']);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('wrote the kubeconfig of cluster remote-east to east.kubeconfig (mode 0600)\n');
    expect(readFileSync(join(dir, 'east.kubeconfig'), 'utf8')).toContain('current-context: remote-east');
    expect(statSync(join(dir, 'east.kubeconfig')).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(written(dir)).toEqual(['east.kubeconfig']);
  });

  it('falls back to secrets/<name>.kubeconfig, and says so, when there is no topology file', () => {
    const dir = project(null);

    const result = run(dir, explicit);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: no topology file at mesh.yaml: writing to the default secrets/remote-east.kubeconfig\n');
    expect(existsSync(join(dir, 'secrets', 'remote-east.kubeconfig'))).toBe(true);
  });

  it('warns about a loopback server and still writes', () => {
    const dir = project();

    const result = run(dir, [...explicit.slice(0, 2), '--server', 'https://127.0.0.1:6443', ...explicit.slice(4)]);

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: --server "https:\/\/127.0.0.1:6443" is a loopback address/);
  });

  it("warns when the server differs from the cluster's apiServer in mesh.yaml, and still writes", () => {
    const dir = project();

    const result = run(dir, [...explicit.slice(0, 2), '--server', 'https://east.public.example.com', ...explicit.slice(4)]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: --server "https://east.public.example.com" differs from mesh.yaml\'s clusters[1].apiServer "https://10.9.0.1:6443", the address Pilot on the primary dials: ' +
        "if Pilot reaches the remote at https://10.9.0.1:6443, make that the server (`mesh kubeconfig --server https://10.9.0.1:6443`); otherwise correct mesh.yaml's clusters[1].apiServer\n",
    );
  });

  it('tightens an existing secrets/ folder to 0700', () => {
    // GIVEN a secrets/ folder made by hand, readable by others
    const dir = project();
    mkdirSync(join(dir, 'secrets'), { mode: 0o755 });
    chmodSync(join(dir, 'secrets'), 0o755);

    const result = run(dir, explicit);

    expect(result.code).toBe(0);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it('leaves the mode of any other existing folder alone', () => {
    const dir = project();
    chmodSync(dir, 0o755);

    expect(run(dir, [...explicit, '--out', 'east.kubeconfig']).code).toBe(0);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it('prints its usage with --help', () => {
    const result = run(project(), ['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run --silent mesh -- kubeconfig --cluster NAME/);
  });
});

describe('kubeconfigCommand in a git work tree', () => {
  /** A project that is also a git repository ignoring secrets/. */
  function repoProject(): string {
    const dir = project();
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, '.gitignore'), 'secrets/\n');
    return dir;
  }

  it('writes under an ignored folder', () => {
    const dir = repoProject();

    const result = run(dir, explicit);

    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'secrets', 'remote-east.kubeconfig'))).toBe(true);
  });

  it('fails when the file would not be git-ignored, writing nothing', () => {
    const dir = repoProject();

    const result = run(dir, [...explicit, '--out', 'creds/east.kubeconfig']);

    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: creds/east.kubeconfig is not git-ignored, so the token could be committed: write under secrets/ (ignored) or add it to .gitignore\n',
    });
    expect(existsSync(join(dir, 'creds'))).toBe(false);
  });

  it("fails when mesh.yaml's kubeconfig path is not git-ignored", () => {
    const dir = repoProject();
    writeFileSync(join(dir, 'mesh.yaml'), meshYaml('istio-system', 'east.kubeconfig'));

    const result = run(dir, explicit);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: east.kubeconfig is not git-ignored/);
    expect(existsSync(join(dir, 'east.kubeconfig'))).toBe(false);
  });
});

describe('kubeconfigCommand, live mode', () => {
  /**
   * kubectlJson runs `kubectl` from the real process's PATH, which a Jest test
   * cannot change (its process.env is a copy), so these tests run the command
   * in a child process whose PATH finds the fake first.
   */
  function runLive(cwd: string, argv: string[], answers: Record<string, unknown>): Run & { calls: string[] } {
    const fake = fakeKubectl(answers);
    folders.push(fake.dir);
    const script = `const { mesh } = require(${JSON.stringify(require.resolve('../../cli/mesh'))});
process.exitCode = mesh(${JSON.stringify(['kubeconfig', ...argv])}, {
  stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env, cwd: ${JSON.stringify(cwd)},
});`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: fake.env, encoding: 'utf8' });
    expect(child.stdout + child.stderr).not.toContain(TOKEN);
    const calls = readFileSync(fake.callLog, 'utf8').trim().split('\n');
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, calls };
  }

  /** The two answers of a reachable remote whose istio-multi Secret sits in `namespace`. */
  function liveCluster(namespace: string, secret: unknown): Record<string, unknown> {
    return {
      '--context east-admin config view --minify --raw -o json': { clusters: [{ name: 'east', cluster: { server: 'https://10.9.0.1:6443' } }] },
      [`--context east-admin -n ${namespace} get secret istio-multi-token -o json`]: secret,
    };
  }

  const tokenSecret = {
    kind: 'Secret',
    type: 'kubernetes.io/service-account-token',
    data: { 'ca.crt': Buffer.from(caPem).toString('base64'), token: Buffer.from(TOKEN).toString('base64') },
  };

  it("reads the server from the context and the CA and token from istio-multi's Secret in istio.namespace", () => {
    const dir = project(meshYaml('mesh-system'));

    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('mesh-system', tokenSecret));

    expect(result.code).toBe(0);
    const config = parse(readFileSync(join(dir, 'secrets', 'remote-east.kubeconfig'), 'utf8'));
    expect(config.clusters[0].cluster.server).toBe('https://10.9.0.1:6443');
    expect(config.clusters[0].cluster['certificate-authority-data']).toBe(Buffer.from(caPem).toString('base64'));
    expect(config.users[0].user.token).toBe(TOKEN);
    expect(result.calls).toEqual([
      '--context east-admin config view --minify --raw -o json',
      '--context east-admin -n mesh-system get secret istio-multi-token -o json',
    ]);
  });

  it('reads the Secret from --namespace when given', () => {
    const dir = project();
    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin', '--namespace', 'other-ns'], liveCluster('other-ns', tokenSecret));

    expect(result.code).toBe(0);
    expect(result.calls[1]).toBe('--context east-admin -n other-ns get secret istio-multi-token -o json');
  });

  it('fails when the token Secret has no token yet, writing nothing', () => {
    const dir = project();
    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('istio-system', { kind: 'Secret', data: { 'ca.crt': tokenSecret.data['ca.crt'] } }));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Secret istio-system\/istio-multi-token in context "east-admin" has no "token": apply the remote's output first/);
    expect(written(dir)).toEqual([]);
  });

  it('fails when the Secret does not exist, writing nothing', () => {
    const dir = project();
    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('elsewhere', tokenSecret));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/get secret istio-multi-token -o json` failed: Error from server \(NotFound\)/);
    expect(written(dir)).toEqual([]);
  });

  it("fails when the Secret's token is not strict base64, without echoing it", () => {
    const dir = project();
    // Base64url characters, no padding, and a character outside both alphabets.
    for (const token of [Buffer.from(TOKEN).toString('base64url'), `${tokenSecret.data.token}!`, tokenSecret.data.token.replace(/=+$/, '')]) {
      const secret = { data: { ...tokenSecret.data, token } };
      const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('istio-system', secret));

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: "token" of Secret istio-system\/istio-multi-token in context "east-admin" is not valid base64/);
      expect(result.stderr).not.toContain(token);
      expect(written(dir)).toEqual([]);
    }
  });

  it("fails when the Secret's token decodes to something that is not a token", () => {
    const dir = project();
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0a, 0x42]).toString('base64');
    const secret = { data: { ...tokenSecret.data, token: garbage } };
    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('istio-system', secret));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: token of Secret istio-system\/istio-multi-token in context "east-admin" holds binary data or characters outside printable ASCII/);
    expect(written(dir)).toEqual([]);
  });

  it("fails when the Secret's CA is not a certificate, naming the Secret's key", () => {
    const dir = project();
    const secret = { data: { ...tokenSecret.data, 'ca.crt': Buffer.from('junk').toString('base64') } };
    const result = runLive(dir, ['--cluster', 'remote-east', '--context', 'east-admin'], liveCluster('istio-system', secret));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: ca\.crt of Secret istio-system\/istio-multi-token in context "east-admin" is not a PEM X.509 certificate/);
    expect(written(dir)).toEqual([]);
  });
});

describe('kubeconfigCommand, bad input: exit 2 and nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['the name is not a DNS-1123 label', ['--cluster', 'Remote_East', ...explicit.slice(2), '--out', 'x.kubeconfig'], /--cluster "Remote_East" is not a DNS-1123 label/],
    ['the server is not https', [...explicit.slice(0, 2), '--server', 'http://10.9.0.1:6443', ...explicit.slice(4)], /--server "http:\/\/10.9.0.1:6443" is not an https:\/\/ URL/],
    ['the CA file is not a certificate', [...explicit.slice(0, 4), '--ca-file', 'token', ...explicit.slice(6)], /--ca-file "token" is not a PEM X.509 certificate/],
    ['the token file is empty', [...explicit.slice(0, 6), '--token-file', 'empty'], /--token-file "empty" is empty/],
    ['the token file is missing', [...explicit.slice(0, 6), '--token-file', 'nope'], /--token-file "nope" cannot be read \(ENOENT\)/],
    ['the token file holds two lines', [...explicit.slice(0, 6), '--token-file', 'two-lines'], /^error: --token-file "two-lines" holds 2 lines, not one \(allowed: one line of printable ASCII/],
    ['the token holds a space', [...explicit.slice(0, 6), '--token-file', 'spaced'], /--token-file "spaced" holds spaces or tabs/],
    ['the token file is binary', [...explicit.slice(0, 6), '--token-file', 'binary'], /--token-file "binary" holds binary data or characters outside printable ASCII/],
    ['the token file is a PEM certificate', [...explicit.slice(0, 6), '--token-file', 'ca.crt'], /--token-file "ca.crt" is a PEM block \(a certificate or a key\), not a token/],
    ['--cluster is missing', explicit.slice(2), /--cluster NAME is required/],
    ['an explicit input is missing', explicit.slice(0, 6), /--token-file is missing/],
    ['both modes are mixed', [...explicit, '--context', 'east-admin'], /--context .* cannot be combined with --server, --ca-file, --token-file/],
    ['--namespace comes without --context', [...explicit, '--namespace', 'x'], /--namespace only applies with --context/],
    ['a flag is unknown', [...explicit, '--force'], /"--force" is not an option of kubeconfig/],
    ['the cluster is not in mesh.yaml', ['--cluster', 'remote-north', ...explicit.slice(2)], /"remote-north" is not a cluster of mesh.yaml \(remotes: remote-east\)/],
    ['the cluster is the primary', ['--cluster', 'primary', ...explicit.slice(2)], /"primary" is the primary in mesh.yaml/],
  ];

  it.each(cases)('fails when %s', (_, argv, message) => {
    const dir = project();
    const badTokens: Record<string, string | Buffer> = {
      empty: '\n',
      'two-lines': `${TOKEN}\n${TOKEN}\n`,
      spaced: `Bearer ${TOKEN}\n`,
      binary: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0xff]),
    };
    for (const [file, content] of Object.entries(badTokens)) {
      writeFileSync(join(dir, file), content);
    }

    const result = run(dir, argv);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    // Only the file's path and what is wrong: none of its content.
    expect(result.stderr).not.toContain(caPem.split('\n')[1]);
    expect(result.stderr).not.toContain('ELF');
    expect(written(dir).filter((f) => !(f in badTokens))).toEqual([]);
  });

  it('fails when mesh.yaml is invalid, with its error', () => {
    const dir = project('clusters: 3\n');

    const result = run(dir, explicit);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: mesh.yaml:1:/);
    expect(written(dir)).toEqual([]);
  });
});
