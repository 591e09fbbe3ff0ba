import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { CliError } from '../../lib/cli-error';
import { buildKubeconfig, checkKubeconfigInput, formatKubeconfigFinding, parseKubeconfig, type KubeconfigInput } from '../../pki/kubeconfig';
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

  it("warns, and still builds, when the server differs from the cluster's declared apiServer", () => {
    const declared = { apiServer: 'https://east.internal:6443', field: "mesh.yaml's clusters[1].apiServer" };

    const { warnings } = buildKubeconfig(input, undefined, declared);

    expect(warnings.map(formatKubeconfigFinding)).toEqual([
      'warning: --server "https://10.9.0.1:6443" differs from mesh.yaml\'s clusters[1].apiServer "https://east.internal:6443", the address Pilot on the primary dials: ' +
        "if Pilot reaches the remote at https://east.internal:6443, make that the server (`mesh kubeconfig --server https://east.internal:6443`); otherwise correct mesh.yaml's clusters[1].apiServer",
    ]);
    expect(checkKubeconfigInput(input, undefined, { ...declared, apiServer: input.server })).toEqual([]);
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

describe('parseKubeconfig', () => {
  const built = buildKubeconfig(input).yaml;

  /** The built kubeconfig with one edit, written back as YAML. */
  function variant(edit: (config: any) => void): string {
    const config = parse(built);
    edit(config);
    return stringify(config);
  }

  it('reads back what buildKubeconfig writes', () => {
    expect(parseKubeconfig(built, 'remote-east')).toEqual({ input: { ...input, token: TOKEN }, findings: [] });
  });

  it('warns when the server differs from the declared apiServer', () => {
    const { findings } = parseKubeconfig(built, 'remote-east', { apiServer: 'https://east.internal:6443', field: 'clusters[1].apiServer' });

    expect(findings).toEqual([
      expect.objectContaining({ path: ['clusters[0].cluster.server'], value: 'https://10.9.0.1:6443', severity: 'warning' }),
    ]);
  });

  it('fails when the file is not YAML, without quoting it', () => {
    const { input: read, findings } = parseKubeconfig(`users:\n- user: {token: ${TOKEN}\n  name: [x\n`, 'remote-east');

    expect(read).toBeUndefined();
    expect(findings).toEqual([expect.objectContaining({ path: [] })]);
    expect(findings[0].problem).toMatch(/^is not valid YAML \([A-Z_]+ at line \d+, column \d+\)$/);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });

  // An alias bomb: each line repeats the one above ten times, so four short lines expand to 10,000 nodes.
  const BOMB = ['&a [x, x, x, x, x, x, x, x, x, x]', ...['a', 'b', 'c'].map((level, i) => `&${'bcd'[i]} [${`*${level}, `.repeat(9)}*${level}]`)];
  it.each([
    ['an alias without an anchor', (file: string) => file.replace('current-context: remote-east', 'current-context: *nope'), /^is not plain YAML data \(line 13, column 18\): the YAML alias \*nope has no anchor &nope before it$/, undefined],
    ['an alias bomb', (file: string) => `${file}${BOMB.map((level, i) => `bomb${i}: ${level}\n`).join('')}`, /^is not plain YAML data \(line 20, column 12\): the YAML aliases from here on are expanded more than 100 times/, 'at most 100'],
    ['a tag outside the core schema', (file: string) => file.replace('server: https', 'server: !foo https'), /^is not plain YAML data \(line 7, column 20\): the YAML tag !foo is not one of the core schema's$/, expect.stringContaining('!!str')],
  ])('fails when the file holds %s, at its line and column, without quoting the file', (_case, edit, problem, allowed) => {
    // GIVEN a kubeconfig as mesh kubeconfig writes it, edited by hand
    const file = edit(built);
    expect(file).not.toBe(built);

    // WHEN read back
    const { input: read, findings } = parseKubeconfig(file, 'remote-east');

    // THEN one finding about the whole file, with the place and the fix, and nothing of the token or CA
    expect(read).toBeUndefined();
    expect(findings).toEqual([{ path: [], problem: expect.stringMatching(problem), ...(allowed !== undefined && { allowed }), hint: expect.any(String) }]);
    expect(JSON.stringify(findings)).not.toMatch(new RegExp(`${TOKEN}|${Buffer.from(caPem).toString('base64').slice(0, 20)}`));
  });

  it('fails when the file is empty or not a mapping', () => {
    expect(parseKubeconfig('', 'remote-east').findings).toEqual([expect.objectContaining({ path: [], problem: 'is empty' })]);
    expect(parseKubeconfig('- a\n', 'remote-east').findings).toEqual([expect.objectContaining({ path: [], problem: 'is not a YAML mapping' })]);
  });

  it('fails when the cluster, context and user are named after another cluster', () => {
    // GIVEN remote-west's kubeconfig, read as remote-east's
    const west = buildKubeconfig({ ...input, name: 'remote-west' }).yaml;

    const { input: read, findings } = parseKubeconfig(west, 'remote-east');

    expect(read).toBeUndefined();
    expect(findings.map((f) => [f.path[0], f.value])).toEqual([
      ['clusters[0].name', 'remote-west'],
      ['contexts[0].name', 'remote-west'],
      ['users[0].name', 'remote-west'],
      ['contexts[0].context.cluster', 'remote-west'],
      ['contexts[0].context.user', 'remote-west'],
      ['current-context', 'remote-west'],
    ]);
    expect(findings[0].problem).toBe('is not the cluster name "remote-east"');
  });

  it('fails when a list holds more or fewer than one entry', () => {
    const twoClusters = variant((c) => c.clusters.push({ ...c.clusters[0], name: 'other' }));
    const noUsers = variant((c) => delete c.users);

    expect(parseKubeconfig(twoClusters, 'remote-east').findings).toEqual([
      expect.objectContaining({ path: ['clusters'], problem: 'holds 2 entries, not exactly one' }),
    ]);
    expect(parseKubeconfig(noUsers, 'remote-east').findings).toEqual([
      expect.objectContaining({ path: ['users'], problem: 'holds 0 entries, not exactly one' }),
    ]);
  });

  it('fails when another context is current', () => {
    const file = variant((c) => (c['current-context'] = 'admin@remote-east'));

    expect(parseKubeconfig(file, 'remote-east').findings).toEqual([
      expect.objectContaining({ path: ['current-context'], value: 'admin@remote-east' }),
    ]);
  });

  it('fails on the server, CA and token by the rules of checkKubeconfigInput, naming the fields and never the secrets', () => {
    const file = variant((c) => {
      c.clusters[0].cluster.server = 'http://10.9.0.1:6443';
      c.clusters[0].cluster['certificate-authority-data'] = Buffer.from('not a certificate').toString('base64');
      c.users[0].user.token = '';
    });

    const { findings } = parseKubeconfig(file, 'remote-east');

    expect(findings.map((f) => [f.path[0], f.problem])).toEqual([
      ['clusters[0].cluster.server', 'is not an https:// URL'],
      ['clusters[0].cluster.certificate-authority-data', 'is not a PEM X.509 certificate'],
      ['users[0].user.token', 'is empty'],
    ]);
  });

  it('fails when the CA is given as a file path or the token is missing', () => {
    const file = variant((c) => {
      delete c.clusters[0].cluster['certificate-authority-data'];
      c.clusters[0].cluster['certificate-authority'] = '/etc/ca.crt';
      c.users[0].user = { tokenFile: '/var/run/token' };
    });

    expect(parseKubeconfig(file, 'remote-east').findings.map((f) => f.path[0])).toEqual([
      'clusters[0].cluster.certificate-authority-data',
      'users[0].user.token',
    ]);
  });

  it('never puts the token or the CA in a finding', () => {
    const file = variant((c) => {
      c.clusters[0].cluster.server = 'ftp://x';
      c.clusters[0].cluster['certificate-authority-data'] = Buffer.from('CA-MARKER').toString('base64');
    });

    const { findings } = parseKubeconfig(file, 'remote-east');

    expect(findings).toHaveLength(2);
    expect(JSON.stringify(findings)).not.toMatch(new RegExp(`${TOKEN}|CA-MARKER|${Buffer.from('CA-MARKER').toString('base64')}`));
  });
});
