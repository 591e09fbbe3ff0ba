import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CliError } from '../../cli/cli-error';
import { buildKubeconfig, checkKubeconfigInput, formatKubeconfigFinding, type KubeconfigInput } from '../../pki/kubeconfig';
import { TestPki } from '../support/test-pki';

const pki = new TestPki();
const caPem = readFileSync(pki.root('remote-east-apiserver-ca').cert, 'utf8');
afterAll(() => pki.cleanup());

// A made-up token, assembled at run time so no token-looking literal sits in the repository.
const TOKEN = ['fake', 'token', 'for', 'tests'].join('.');

const input: KubeconfigInput = { name: 'remote-east', server: 'https://10.9.0.1:6443', caPem, token: `${TOKEN}\n` };

describe('buildKubeconfig', () => {
  it('names the cluster, context and user after the cluster, with the CA, server and token', () => {
    const { yaml, warnings } = buildKubeconfig(input);

    expect(warnings).toEqual([]);
    expect(parse(yaml)).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'remote-east', cluster: { 'certificate-authority-data': Buffer.from(caPem).toString('base64'), server: 'https://10.9.0.1:6443' } },
      ],
      contexts: [{ name: 'remote-east', context: { cluster: 'remote-east', user: 'remote-east' } }],
      'current-context': 'remote-east',
      preferences: {},
      // The trailing newline of a token file is not part of the token.
      users: [{ name: 'remote-east', user: { token: TOKEN } }],
    });
  });

  it('is byte-identical for the same input', () => {
    expect(buildKubeconfig(input).yaml).toBe(buildKubeconfig({ ...input }).yaml);
  });

  it('warns, and still builds, when the server is a loopback address', () => {
    for (const server of ['https://127.0.0.1:6443', 'https://localhost:6443', 'https://[::1]:6443']) {
      const { yaml, warnings } = buildKubeconfig({ ...input, server });

      expect(parse(yaml).clusters[0].cluster.server).toBe(server);
      expect(warnings).toEqual([expect.objectContaining({ path: ['--server'], value: server, severity: 'warning' })]);
      expect(formatKubeconfigFinding(warnings[0])).toMatch(/^warning: --server ".*" is a loopback address, which Pilot on the primary cannot use/);
    }
  });

  it('fails when the name is not a DNS-1123 label', () => {
    const findings = checkKubeconfigInput({ ...input, name: 'Remote_East' });

    expect(findings).toEqual([expect.objectContaining({ path: ['--cluster'], value: 'Remote_East' })]);
    expect(findings[0].hint).toMatch(/"remote-east"/);
  });

  it('fails when the server is not an https:// URL', () => {
    for (const server of ['http://10.9.0.1:6443', '10.9.0.1:6443', '']) {
      expect(checkKubeconfigInput({ ...input, server })).toEqual([
        expect.objectContaining({ path: ['--server'], problem: 'is not an https:// URL' }),
      ]);
    }
  });

  it('fails when the CA is not an X.509 certificate', () => {
    const broken = caPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');

    for (const caPem of ['', 'not a certificate', broken]) {
      expect(checkKubeconfigInput({ ...input, caPem })).toEqual([
        expect.objectContaining({ path: ['--ca-file'], problem: 'is not a PEM X.509 certificate' }),
      ]);
    }
  });

  it('fails when the token is empty', () => {
    expect(checkKubeconfigInput({ ...input, token: ' \n' })).toEqual([expect.objectContaining({ path: ['--token-file'], problem: 'is empty' })]);
  });

  it('throws one CliError listing every error, without the token', () => {
    const bad = { ...input, name: 'a_b', server: 'http://x' };

    expect(() => buildKubeconfig(bad)).toThrow(CliError);
    try {
      buildKubeconfig(bad);
    } catch (err) {
      const message = (err as CliError).message;
      expect(message.split('\n')).toHaveLength(2);
      expect(message).toMatch(/^--cluster "a_b" is not a DNS-1123 label/);
      expect(message).not.toContain(TOKEN);
      expect((err as CliError).exitCode).toBe(2);
    }
  });
});
