import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caKeysGitWouldCommit } from '../../inputs/ca-key-paths';
import { parseTopology } from '../../topology/load';

const cacerts = (dir: string) => `{caCert: ${dir}/ca-cert.pem, caKey: ${dir}/ca-key.pem, certChain: ${dir}/cert-chain.pem}`;
const TOPOLOGY = `istio: {ca: {selfSigned: false, rootCert: pki/root-cert.pem}}
controlPlane: {pilot: 10.8.0.12, policy: 10.8.0.13, telemetry: 10.8.0.14}
clusters:
  - {name: primary, role: primary, podCIDR: 10.8.0.0/16, serviceCIDR: 10.96.0.0/16, apiServer: "https://p:6443", cacerts: ${cacerts('secrets/primary')}}
  - {name: east, role: remote, podCIDR: 10.9.0.0/16, serviceCIDR: 10.97.0.0/16, apiServer: "https://e:6443", cacerts: ${cacerts('pki/east')}}
`;
const { topology } = parseTopology(TOPOLOGY, 'mesh.yaml');

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** A topology folder, a git repository when asked, that ignores secrets/ only. */
function folder(git: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'ca-key-paths-'));
  folders.push(dir);
  if (git) {
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, '.gitignore'), 'secrets/\n');
  }
  mkdirSync(join(dir, 'pki', 'east'), { recursive: true });
  return dir;
}

describe('caKeysGitWouldCommit', () => {
  it('fails when a cluster CA key sits in a path git would commit, naming the path only', () => {
    // GIVEN a repository that ignores secrets/ but not pki/
    const dir = folder(true);
    // WHEN
    const findings = caKeysGitWouldCommit(topology, dir);
    // THEN east's key is an error; the primary's, under secrets/, is fine
    expect(findings).toEqual([
      {
        path: ['clusters', 1, 'cacerts', 'caKey'],
        value: 'pki/east/ca-key.pem',
        problem: 'is a path git would commit, and it holds the private key of the cluster CA',
        allowed: 'a git-ignored path, or one outside the repository',
        hint: 'move the key and write under secrets/ (ignored) or add it to .gitignore; if it was ever committed, issue a new cluster CA',
      },
    ]);
  });

  it('accepts keys outside any repository', () => {
    expect(caKeysGitWouldCommit(topology, folder(false))).toEqual([]);
  });
});
