import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mesh } from '../../cli/mesh';
import type { CliIo } from '../../cli/cli-io';
import { TestPki } from '../support/test-pki';

function captureIo(cwd = process.cwd(), env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    env,
    cwd,
  };
  return io;
}

describe('mesh', () => {
  it('lists the commands on --help', () => {
    const io = captureIo();
    expect(mesh(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/render-remote/);
    expect(io.out).toMatch(/^  render-primary /m);
    expect(io.out).toMatch(/kubeconfig/);
    expect(io.out).toMatch(/discover/);
    expect(io.out).toMatch(/^  diff /m);
  });

  it('fails when the command is unknown, with exit code 2 and the usage on stderr', () => {
    const io = captureIo();
    expect(mesh(['rendr-remote'], io)).toBe(2);
    expect(io.err).toMatch(/^unknown command "rendr-remote"\nusage: /);
    expect(io.out).toBe('');
  });

  it('fails when no command is given', () => {
    const io = captureIo();
    expect(mesh([], io)).toBe(2);
    expect(io.err).toMatch(/usage: npm run --silent mesh -- <command>/);
  });

  it('runs render-remote with its arguments', () => {
    const io = captureIo();
    expect(mesh(['render-remote', '--set', 'global.remotePilotAddress=10.8.0.12'], io)).toBe(0);
    expect(io.out).toMatch(/discoveryAddress: 10\.8\.0\.12:15007/);
  });

  it('runs render-primary with its arguments, reading -f relative to the working folder', () => {
    // GIVEN a values file in the working folder
    const dir = mkdtempSync(join(tmpdir(), 'mesh-render-primary-'));
    writeFileSync(join(dir, 'values.yaml'), 'global:\n  hub: mirror.example/istio\n');
    try {
      // WHEN rendered by the mesh command
      const io = captureIo(dir);
      // THEN the file's hub reaches the images
      expect(mesh(['render-primary', '-f', 'values.yaml'], io)).toBe(0);
      expect(io.out).toMatch(/image: mirror\.example\/istio\/citadel:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a command\'s CliError into its message and exit code', () => {
    const io = captureIo();
    expect(mesh(['discover'], io)).toBe(2);
    expect(io.err).toMatch(/--context is required/);
  });
});

describe('mesh, given a secret file where an input belongs', () => {
  // GIVEN files that are secrets, not inputs, each marked so that any echo shows
  const MARK = 'S3CRET';
  const secrets: Record<string, string | Buffer> = {
    shadow: `root:$6$${MARK}salt$hash:19000:0:99999:7:::\n`,
    'broken-yaml': `password: [${MARK}\n`,
    'yaml-map': `token: ${MARK}-a\nglobal: ${MARK}-b\n`,
    'one-string': `${MARK}-just-one-line-of-text\n`,
    // Assembled, so that the repository's own leak scan does not see a key here.
    'key.pem': ['BEGIN', 'END'].map((edge) => `-----${edge} ${'PRIVATE'} KEY-----`).join(`\n${MARK}MIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n`),
    binary: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff]), Buffer.from(MARK)]),
  };
  const pki = new TestPki('mesh-secret-inputs-');
  const dir = mkdtempSync(join(tmpdir(), 'mesh-secret-inputs-'));
  const caFile = pki.root('apiserver-ca').cert;
  writeFileSync(join(dir, 'ca.crt'), readFileSync(caFile));
  writeFileSync(join(dir, 'token'), 'eyJfake.token.for-tests\n');
  for (const [name, content] of Object.entries(secrets)) {
    writeFileSync(join(dir, name), content);
  }
  afterAll(() => {
    pki.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const kubeconfig = ['kubeconfig', '--cluster', 'remote-east', '--server', 'https://10.9.0.1:6443', '--out', 'out.kubeconfig'];
  const slots: Record<string, (file: string) => { argv: string[]; env?: NodeJS.ProcessEnv }> = {
    'render-remote -f': (file) => ({ argv: ['render-remote', '--set', 'global.remotePilotAddress=10.8.0.12', '-f', file] }),
    'render-remote --set-file': (file) => ({ argv: ['render-remote', '--set-file', `global.remotePilotAddress=${file}`] }),
    'render-primary -f': (file) => ({ argv: ['render-primary', '-f', file] }),
    'kubeconfig --ca-file': (file) => ({ argv: [...kubeconfig, '--ca-file', file, '--token-file', 'token'] }),
    'kubeconfig --token-file': (file) => ({ argv: [...kubeconfig, '--ca-file', 'ca.crt', '--token-file', file] }),
  };
  // One line of printable ASCII is what a token is: such a file is written as the token, and still never printed.
  const tokenLike = new Set(['kubeconfig --token-file shadow', 'kubeconfig --token-file one-string']);
  const cases = Object.keys(slots).flatMap((slot) => Object.keys(secrets).map((file) => [slot, file] as const));

  it.each(cases)('%s %s: names the file when it refuses it, and prints none of its content', (slot, file) => {
    // WHEN the command reads it
    const { argv, env } = slots[slot](file);
    const io = captureIo(dir, env);
    const code = mesh(argv, io);

    // THEN it is refused, by its path, and nothing of it is printed
    if (tokenLike.has(`${slot} ${file}`)) {
      expect(code).toBe(0);
    } else {
      expect(code).toBe(2);
      expect(io.err).toContain(file);
    }
    expect(io.out + io.err).not.toContain(MARK);
  });
});
