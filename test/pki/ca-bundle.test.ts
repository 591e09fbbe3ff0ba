import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCaBundles } from '../../pki/ca-bundle';
import { secureTopology } from '../support/secure-topology';
import { TestPki, type Issued } from '../support/test-pki';

// GIVEN one shared root and a CA per cluster signed by it, made by openssl for this run.
const pki = new TestPki();
const root = pki.root('mesh-root');
const cas = Object.fromEntries(['primary', 'remote-east', 'remote-west'].map((name) => [name, pki.issue(`${name}-ca`, root)]));
const folders: string[] = [];

afterAll(() => {
  pki.cleanup();
  folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
});

/** A topology folder with every file in place; `replace` maps a topology-relative path to a source file, or to text. */
function meshFolder(replace: Record<string, string | { text: string } | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ca-bundle-'));
  folders.push(dir);
  const files: Record<string, string | { text: string } | null> = { 'pki/root-cert.pem': root.cert };
  for (const [name, ca] of Object.entries(cas)) {
    files[`pki/${name}/ca-cert.pem`] = ca.cert;
    files[`pki/${name}/ca-key.pem`] = ca.key;
    files[`pki/${name}/cert-chain.pem`] = ca.cert;
  }
  for (const [path, source] of Object.entries({ ...files, ...replace })) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (source === null) {
      continue;
    } else if (typeof source === 'string') {
      copyFileSync(source, target);
    } else {
      writeFileSync(target, source.text);
    }
  }
  return dir;
}

function caFiles(ca: Issued, chain = ca.cert) {
  return { caCert: ca.cert, caKey: ca.key, certChain: chain };
}

/** Replacements for one cluster's three files. */
function clusterFiles(name: string, files: { caCert?: string; caKey?: string; certChain?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (files.caCert) out[`pki/${name}/ca-cert.pem`] = files.caCert;
  if (files.caKey) out[`pki/${name}/ca-key.pem`] = files.caKey;
  if (files.certChain) out[`pki/${name}/cert-chain.pem`] = files.certChain;
  return out;
}

describe('readCaBundles', () => {
  it('returns a bundle per cluster when every CA is signed by the shared root', () => {
    const dir = meshFolder();

    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    expect(findings).toEqual([]);
    expect([...bundles.keys()]).toEqual(['primary', 'remote-east', 'remote-west']);
    const bundle = bundles.get('remote-east')!;
    expect(Object.keys(bundle).sort()).toEqual(['ca-cert.pem', 'ca-key.pem', 'cert-chain.pem', 'root-cert.pem']);
    expect(bundle['ca-cert.pem']).toBe(readFileSync(cas['remote-east'].cert, 'utf8'));
    expect(bundle['ca-key.pem']).toBe(readFileSync(cas['remote-east'].key, 'utf8'));
    expect(bundle['root-cert.pem']).toBe(readFileSync(root.cert, 'utf8'));
  });

  it('accepts an intermediate between the root and the CA when cert-chain.pem carries it, with or without the root', () => {
    const intermediate = pki.issue('intermediate', root);
    const ca = pki.issue('east-under-intermediate', intermediate);
    const withoutRoot = pki.chain('east-inter', ca, intermediate);
    const withRoot = pki.chain('east-inter-root', ca, intermediate, root);

    for (const chain of [withoutRoot, withRoot]) {
      const dir = meshFolder(clusterFiles('remote-east', caFiles(ca, chain)));

      const { findings, bundles } = readCaBundles(secureTopology(), dir);

      expect(findings).toEqual([]);
      expect(bundles.has('remote-east')).toBe(true);
    }
  });

  it('does nothing while Citadel is self-signed, since it then ignores cacerts', () => {
    const dir = meshFolder({ 'pki/root-cert.pem': null });
    const topology = secureTopology((t) => {
      t.istio.ca.selfSigned = true;
    });

    expect(readCaBundles(topology, dir)).toEqual({ findings: [], bundles: new Map() });
  });

  it('fails when a CA is signed by another root', () => {
    // GIVEN remote-west's CA comes from a root that is not the mesh's
    const otherRoot = pki.root('other-root');
    const stray = pki.issue('west-from-other-root', otherRoot);
    const dir = meshFolder(clusterFiles('remote-west', caFiles(stray)));

    // WHEN
    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    // THEN the CA certificate and its chain are named, and no bundle is returned for that cluster
    expect(findings.map((f) => [f.path, f.value])).toEqual([
      [['clusters', 2, 'cacerts', 'caCert'], 'pki/remote-west/ca-cert.pem'],
      [['clusters', 2, 'cacerts', 'certChain'], 'pki/remote-west/cert-chain.pem'],
    ]);
    expect(findings[0].problem).toMatch(/is not signed by the shared root istio\.ca\.rootCert "pki\/root-cert\.pem"/);
    expect(findings[0].hint).toMatch(/re-issue it from the root in "pki\/root-cert.pem"/);
    expect(bundles.has('remote-west')).toBe(false);
    expect(bundles.has('remote-east')).toBe(true);
  });

  it('fails when a CA is signed by a root with the same name but another key', () => {
    // GIVEN a look-alike root: same subject as the mesh root, different key
    const twin = pki.root('twin-root', { subject: root.subject });
    const impostor = pki.issue('east-from-twin', twin);
    const dir = meshFolder(clusterFiles('remote-east', caFiles(impostor)));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings[0]).toMatchObject({ path: ['clusters', 1, 'cacerts', 'caCert'], value: 'pki/remote-east/ca-cert.pem' });
    expect(findings[0].problem).toMatch(/names the shared root as its issuer, but its signature does not verify/);
    expect(findings.every((f) => f.severity === undefined)).toBe(true);
  });

  it('fails when a CA key does not match its certificate', () => {
    const dir = meshFolder({ 'pki/primary/ca-key.pem': cas['remote-east'].key });

    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: ['clusters', 0, 'cacerts', 'caKey'], value: 'pki/primary/ca-key.pem' });
    expect(findings[0].problem).toMatch(/is not the private key of "pki\/primary\/ca-cert.pem"/);
    expect(bundles.has('primary')).toBe(false);
  });

  it('fails when a CA key is not a PEM private key, without quoting the file', () => {
    const dir = meshFolder({ 'pki/primary/ca-key.pem': { text: 'not-a-key-SECRETMARKER' } });

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings).toEqual([
      expect.objectContaining({ path: ['clusters', 0, 'cacerts', 'caKey'], problem: 'is not an unencrypted PEM private key' }),
    ]);
    expect(JSON.stringify(findings)).not.toContain('SECRETMARKER');
  });

  it('never puts key material in a finding', () => {
    const dir = meshFolder({ 'pki/primary/ca-key.pem': cas['remote-east'].key, 'pki/remote-east/ca-cert.pem': cas['primary'].cert });

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings.length).toBeGreaterThan(0);
    const text = JSON.stringify(findings);
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN/);
    expect(text).not.toContain(readFileSync(cas['remote-east'].key, 'utf8').split('\n')[1]);
  });

  it('fails when cert-chain.pem does not reach the root', () => {
    const otherRoot = pki.root('chain-other-root');
    const stray = pki.issue('chain-stray', otherRoot);
    const dir = meshFolder(clusterFiles('remote-east', { certChain: pki.chain('east-bad', cas['remote-east'], stray) }));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings.map((f) => f.path)).toEqual([
      ['clusters', 1, 'cacerts', 'certChain'],
      ['clusters', 1, 'cacerts', 'certChain'],
    ]);
    expect(findings[0].problem).toMatch(/is broken at certificate 1 .* not signed by certificate 2/);
    expect(findings[1].problem).toMatch(/does not chain to the shared root/);
  });

  it('fails when cert-chain.pem does not start with the CA certificate', () => {
    const dir = meshFolder(clusterFiles('remote-east', { certChain: cas['remote-west'].cert }));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings).toHaveLength(1);
    expect(findings[0].path).toEqual(['clusters', 1, 'cacerts', 'certChain']);
    expect(findings[0].problem).toMatch(/not with the CA certificate "pki\/remote-east\/ca-cert.pem"/);
  });

  it('fails when a CA certificate has expired', () => {
    // GIVEN openssl's negative -days: notAfter lies a day in the past
    const expired = pki.issue('east-expired', root, { days: -1, key: cas['remote-east'].key });
    const dir = meshFolder(clusterFiles('remote-east', caFiles(expired)));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings.map((f) => f.path)).toEqual([
      ['clusters', 1, 'cacerts', 'caCert'],
      ['clusters', 1, 'cacerts', 'certChain'],
    ]);
    expect(findings[0].problem).toMatch(/which expired on \d{4}-/);
    expect(findings[1].problem).toMatch(/^holds certificate 1 \(O=Test, CN=east-expired\), which expired on/);
  });

  it('fails when the root has expired at the given time', () => {
    const dir = meshFolder();
    const later = new Date(Date.now() + 400 * 24 * 3600 * 1000);

    const { findings, bundles } = readCaBundles(secureTopology(), dir, later);

    expect(findings[0]).toMatchObject({ path: ['istio', 'ca', 'rootCert'], value: 'pki/root-cert.pem' });
    expect(findings[0].problem).toMatch(/expired on/);
    expect(bundles.size).toBe(0);
  });

  it('fails when a cluster CA certificate is not a CA', () => {
    const leaf = pki.issue('east-leaf', root, { isCa: false });
    const dir = meshFolder(clusterFiles('remote-east', caFiles(leaf)));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings).toHaveLength(1);
    expect(findings[0].path).toEqual(['clusters', 1, 'cacerts', 'caCert']);
    expect(findings[0].problem).toMatch(/is not a CA certificate/);
  });

  it('fails when no cluster CA is signed by the root, naming the root as well as each CA', () => {
    // GIVEN a sound root that issued none of the three cluster CAs
    const unrelated = pki.root('unrelated-root');
    const dir = meshFolder({ 'pki/root-cert.pem': unrelated.cert });

    // WHEN
    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    // THEN the root comes first, and the per-cluster findings stay
    expect(findings[0]).toEqual({
      path: ['istio', 'ca', 'rootCert'],
      value: 'pki/root-cert.pem',
      problem: 'holds the certificate of O=Test, CN=unrelated-root, but no cluster CA is signed by it (none of the 3 CA certificates verifies with its key)',
      hint: 'point istio.ca.rootCert at the root that issued the cluster CAs, or re-issue every cluster CA from this root',
    });
    expect(findings.slice(1).map((f) => f.path.join('.'))).toEqual([
      'clusters.0.cacerts.caCert',
      'clusters.0.cacerts.certChain',
      'clusters.1.cacerts.caCert',
      'clusters.1.cacerts.certChain',
      'clusters.2.cacerts.caCert',
      'clusters.2.cacerts.certChain',
    ]);
    expect(bundles.size).toBe(0);
  });

  it('does not blame the root when the only cluster CA is not signed by it', () => {
    const stray = pki.issue('lone-stray', pki.root('lone-other-root'));
    const dir = meshFolder(clusterFiles('remote-east', caFiles(stray)));
    const topology = secureTopology((t) => {
      t.istio.mtlsEnabled = false;
      t.istio.controlPlaneSecurityEnabled = false;
      [0, 2].forEach((i) => delete t.clusters[i].cacerts);
    });

    const { findings } = readCaBundles(topology, dir);

    expect(findings.map((f) => f.path.join('.'))).toEqual(['clusters.1.cacerts.caCert', 'clusters.1.cacerts.certChain']);
  });

  it('fails when the root is not self-signed', () => {
    // GIVEN an intermediate of the mesh root named as the root
    const intermediate = pki.issue('not-a-root', root);
    const dir = meshFolder({ 'pki/root-cert.pem': intermediate.cert });

    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    const rootFindings = findings.filter((f) => f.path.join('.') === 'istio.ca.rootCert');
    expect(rootFindings).toEqual([
      expect.objectContaining({
        value: 'pki/root-cert.pem',
        problem: 'holds the certificate of O=Test, CN=not-a-root, which is not self-signed (issued by O=Test, CN=mesh-root), so it is not a root',
        hint: 'point istio.ca.rootCert at the certificate of O=Test, CN=mesh-root, or at the top of its chain',
      }),
    ]);
    expect(bundles.size).toBe(0);
  });

  it('fails when the root is not a certificate', () => {
    const dir = meshFolder({ 'pki/root-cert.pem': { text: 'hello\n' } });

    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    expect(findings).toEqual([expect.objectContaining({ path: ['istio', 'ca', 'rootCert'], problem: 'is not a PEM X.509 certificate' })]);
    expect(bundles.size).toBe(0);
  });

  it('fails when a file is missing', () => {
    const dir = meshFolder({ 'pki/remote-west/cert-chain.pem': null });

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings).toEqual([
      {
        path: ['clusters', 2, 'cacerts', 'certChain'],
        value: 'pki/remote-west/cert-chain.pem',
        problem: 'cannot be read (ENOENT)',
        hint: "create it or fix the path; it is relative to the topology file's folder",
      },
    ]);
  });
});
