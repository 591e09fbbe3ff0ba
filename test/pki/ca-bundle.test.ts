import { execFileSync } from 'node:child_process';
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

  it('fails when a cluster CA has basicConstraints CA:TRUE but its keyUsage lacks keyCertSign, naming keyUsage', () => {
    // GIVEN a CA that basicConstraints calls a CA and keyUsage forbids to sign
    const ca = pki.issue('east-no-certsign', root, { keyUsage: 'digitalSignature,cRLSign' });
    const dir = meshFolder(clusterFiles('remote-east', caFiles(ca)));

    // WHEN
    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    // THEN the extension that is wrong is the one named
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['clusters', 1, 'cacerts', 'caCert'],
        problem:
          'holds the certificate of O=Test, CN=east-no-certsign, whose keyUsage lacks keyCertSign (basicConstraints CA:TRUE is there), so Citadel cannot sign workload certificates with it',
      }),
    ]);
    expect(bundles.has('remote-east')).toBe(false);
  });

  it('fails when the root lacks keyCertSign, naming keyUsage', () => {
    const noCertSign = pki.root('root-no-certsign', { keyUsage: 'cRLSign' });
    const dir = meshFolder({ 'pki/root-cert.pem': noCertSign.cert });

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings[0]).toMatchObject({ path: ['istio', 'ca', 'rootCert'], hint: 're-issue the root with keyUsage=critical,keyCertSign,cRLSign' });
    expect(findings[0].problem).toMatch(/whose keyUsage lacks keyCertSign .*so it cannot anchor the mesh$/);
  });

  describe('pathLen along root, cluster CA and the workload certificates Citadel issues', () => {
    /** What `openssl verify` says of a workload certificate issued by `ca`, as Citadel would issue it. */
    function opensslVerifiesWorkload(rootCa: Issued, ca: Issued, intermediates: Issued[] = []): boolean {
      const leaf = pki.issue(`workload-of-${ca.subject.replace(/\W/g, '')}`, ca, { isCa: false });
      const untrusted = pki.chain(`untrusted-${ca.subject.replace(/\W/g, '')}`, ca, ...intermediates);
      try {
        execFileSync('openssl', ['verify', '-CAfile', rootCa.cert, '-untrusted', untrusted, leaf.cert], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    }

    it('fails when the root has pathlen:0 above the cluster CAs, at each cluster, as openssl verify does', () => {
      // GIVEN a root that allows no CA below it, and a CA per cluster under it
      const tightRoot = pki.root('root-pathlen-0', { pathLen: 0 });
      const east = pki.issue('east-under-pathlen-0', tightRoot);
      const replace: Record<string, string> = { 'pki/root-cert.pem': tightRoot.cert };
      for (const name of ['primary', 'remote-east', 'remote-west']) {
        Object.assign(replace, clusterFiles(name, caFiles(east)));
      }
      const dir = meshFolder(replace);

      // WHEN
      const { findings, bundles } = readCaBundles(secureTopology(), dir);

      // THEN every cluster CA is refused at its own line, and openssl agrees that its workloads would not verify
      expect(opensslVerifiesWorkload(tightRoot, east)).toBe(false);
      expect(findings.map((f) => f.path.join('.'))).toEqual(['clusters.0.cacerts.caCert', 'clusters.1.cacerts.caCert', 'clusters.2.cacerts.caCert']);
      expect(findings[1].problem).toBe(
        'is a CA certificate below the shared root istio.ca.rootCert "pki/root-cert.pem", whose basicConstraints pathlen:0 allows no CA certificate below it, so every workload certificate Citadel issues with this CA fails verification (path length constraint exceeded)',
      );
      expect(findings[1].hint).toMatch(/^re-issue the root with pathlen:1 or more, or without pathlen/);
      expect(bundles.size).toBe(0);
    });

    it('accepts a cluster CA with pathlen:0, since what it signs are leaves, as openssl verify does', () => {
      // GIVEN a cluster CA that allows no CA below it
      const ca = pki.issue('east-pathlen-0', root, { pathLen: 0 });
      const dir = meshFolder(clusterFiles('remote-east', caFiles(ca)));

      // WHEN
      const { findings, bundles } = readCaBundles(secureTopology(), dir);

      // THEN it is fine
      expect(opensslVerifiesWorkload(root, ca)).toBe(true);
      expect(findings).toEqual([]);
      expect(bundles.has('remote-east')).toBe(true);
    });

    it('counts the intermediates of cert-chain.pem: a root with pathlen:1 allows one CA below it, not two', () => {
      // GIVEN root (pathlen:1) -> intermediate -> cluster CA, and the same root directly above a CA
      const root1 = pki.root('root-pathlen-1', { pathLen: 1 });
      const intermediate = pki.issue('inter-under-pathlen-1', root1);
      const deep = pki.issue('east-two-below', intermediate);
      const direct = pki.issue('west-one-below', root1);
      const dir = meshFolder({
        'pki/root-cert.pem': root1.cert,
        ...clusterFiles('primary', caFiles(direct)),
        ...clusterFiles('remote-east', caFiles(deep, pki.chain('east-two-below', deep, intermediate))),
        ...clusterFiles('remote-west', caFiles(direct)),
      });

      // WHEN
      const { findings } = readCaBundles(secureTopology(), dir);

      // THEN only the cluster two CAs below the root fails, as with openssl
      expect(opensslVerifiesWorkload(root1, deep, [intermediate])).toBe(false);
      expect(opensslVerifiesWorkload(root1, direct)).toBe(true);
      expect(findings).toEqual([expect.objectContaining({ path: ['clusters', 1, 'cacerts', 'caCert'] })]);
      expect(findings[0].problem).toMatch(/^is 2 CA certificates below the shared root .* pathlen:1 allows at most 1 CA certificate below it/);
    });

    it('fails when an intermediate of cert-chain.pem has a pathlen too small for the CAs below it', () => {
      // GIVEN root -> intermediate (pathlen:0) -> intermediate -> cluster CA
      const upper = pki.issue('upper-pathlen-0', root, { pathLen: 0 });
      const lower = pki.issue('lower-inter', upper);
      const ca = pki.issue('east-under-lower', lower);
      const dir = meshFolder(clusterFiles('remote-east', caFiles(ca, pki.chain('east-under-lower', ca, lower, upper))));

      const { findings } = readCaBundles(secureTopology(), dir);

      expect(opensslVerifiesWorkload(root, ca, [lower, upper])).toBe(false);
      expect(findings).toEqual([expect.objectContaining({ path: ['clusters', 1, 'cacerts', 'certChain'] })]);
      expect(findings[0].problem).toMatch(/^has certificate 3 \(the certificate of O=Test, CN=upper-pathlen-0\) with basicConstraints pathlen:0, which allows no CA certificate below it, but 2 follow it/);
    });
  });

  it('fails when cert-chain.pem holds a certificate above the CA that is not a CA', () => {
    const leafAbove = pki.issue('leaf-in-chain', root, { isCa: false });
    const ca = cas['remote-east'];
    const dir = meshFolder(clusterFiles('remote-east', caFiles(ca, pki.chain('east-leaf-above', ca, leafAbove))));

    const { findings } = readCaBundles(secureTopology(), dir);

    expect(findings.filter((f) => f.problem.includes('cannot sign certificate 1'))).toEqual([
      expect.objectContaining({ path: ['clusters', 1, 'cacerts', 'certChain'], problem: expect.stringMatching(/^has certificate 2 \(the certificate of O=Test, CN=leaf-in-chain\), which is not a CA certificate/) }),
    ]);
  });

  it('fails when ca-cert.pem holds two certificates, and does not copy it through', () => {
    // GIVEN the CA and the root concatenated into ca-cert.pem
    const ca = cas['remote-east'];
    const dir = meshFolder(clusterFiles('remote-east', { caCert: pki.chain('east-ca-and-root', ca, root) }));

    const { findings, bundles } = readCaBundles(secureTopology(), dir);

    expect(findings).toEqual([
      expect.objectContaining({ path: ['clusters', 1, 'cacerts', 'caCert'], value: 'pki/remote-east/ca-cert.pem', problem: 'holds 2 certificates, not one' }),
    ]);
    expect(bundles.has('remote-east')).toBe(false);
    expect(bundles.has('remote-west')).toBe(true);
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
