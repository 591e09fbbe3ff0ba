import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../lib/finding';
import { readCaExtensions } from '../lib/x509-extensions';
import type { MeshTopology } from '../topology/schema';

/**
 * The four files of a cluster's `cacerts` Secret, keyed as Citadel mounts them
 * (`--signing-cert=/etc/cacerts/ca-cert.pem`, `--signing-key=...ca-key.pem`,
 * `--root-cert=...root-cert.pem`, `--cert-chain=...cert-chain.pem`).
 */
export interface CaBundle {
  readonly 'ca-cert.pem': string;
  readonly 'ca-key.pem': string;
  readonly 'root-cert.pem': string;
  readonly 'cert-chain.pem': string;
}

/** A file the topology names: where, as written, and its text or why it could not be read. */
export interface CaFile {
  /** The topology field that names it, for example `['clusters', 2, 'cacerts', 'caKey']`. */
  readonly path: readonly (string | number)[];
  /** The path as written in the topology; findings show this, never the content. */
  readonly file: string;
  readonly text?: string;
  /** Why it could not be read (an errno code), when text is absent. */
  readonly readError?: string;
}

export interface ClusterCaFiles {
  readonly caCert: CaFile;
  readonly caKey: CaFile;
  readonly certChain: CaFile;
}

/** The parsed root when it is usable as the mesh's trust anchor, and what is wrong with it. */
export function checkRootCert(root: CaFile, now: Date): { readonly cert?: X509Certificate; readonly findings: Finding[] } {
  if (root.text === undefined) {
    return { findings: [unreadable(root)] };
  }
  const [cert] = parseCertificates(root.text);
  if (cert === undefined) {
    return { findings: [notPem(root, 'certificate')] };
  }
  const findings = [...expiryFindings(root, cert, now)];
  const notCa = whyNotACa(cert);
  if (notCa !== undefined) {
    findings.push({
      path: root.path,
      value: root.file,
      problem: `holds ${describeCert(cert)}, ${notCa.reason}, so it cannot anchor the mesh`,
      hint: notCa.extension === 'keyUsage' ? 're-issue the root with keyUsage=critical,keyCertSign,cRLSign' : 'point istio.ca.rootCert at the root CA certificate of the mesh',
    });
  }
  // Citadel gives root-cert.pem to every workload as the anchor that peers'
  // chains must end in, and an anchor verifies with its own key. One that does
  // not is an intermediate or a leaf: usually the CA or chain file of the PKI
  // named where the root belongs.
  if (!cert.verify(cert.publicKey)) {
    findings.push({
      path: root.path,
      value: root.file,
      problem: `holds ${describeCert(cert)}, which is not self-signed (issued by ${oneLine(cert.issuer)}), so it is not a root`,
      allowed: 'a self-signed root CA certificate, whose signature verifies with its own key',
      hint: `point istio.ca.rootCert at the certificate of ${oneLine(cert.issuer)}, or at the top of its chain`,
    });
  }
  return { cert, findings };
}

/** What is wrong with one cluster's CA files, and whether its CA certificate is signed by the root. */
export interface ClusterCaCheck {
  readonly findings: Finding[];
  /** Undefined when ca-cert.pem could not be read or parsed, so nothing was verified. */
  readonly signedByRoot?: boolean;
}

/**
 * Checks one cluster's CA against the shared root with the root's key, not its
 * name: a certificate that merely names the root as issuer proves nothing,
 * and a mismatch would only show at run time, as failing mTLS between clusters.
 */
export function checkClusterCa(root: X509Certificate, rootFile: CaFile, files: ClusterCaFiles, now: Date): ClusterCaCheck {
  const findings: Finding[] = [];
  const chain = checkCertChain(root, rootFile, files, now, findings);
  const { cert: caCert, signedByRoot } = checkCaCert(root, rootFile, files.caCert, chain, now, findings);
  if (caCert !== undefined) {
    checkCaKey(caCert, files, findings);
    findings.push(...pathLengthFindings(root, rootFile, files, caCert, chain));
    // Citadel appends the chain to every certificate it signs, so the chain
    // must start with the certificate it signs with.
    if (chain !== undefined && chain.certs[0].fingerprint256 !== caCert.fingerprint256) {
      findings.push({
        path: files.certChain.path,
        value: files.certChain.file,
        problem: `starts with ${describeCert(chain.certs[0])}, not with the CA certificate ${JSON.stringify(files.caCert.file)} (${describeCert(caCert)})`,
        hint: 'write the chain from ca-cert.pem up to the root: ca-cert.pem first, then each intermediate',
      });
    }
  }
  // Sorted by field so the report reads in file order whatever was checked first.
  const order = [files.caCert.path, files.caKey.path, files.certChain.path];
  return { findings: findings.sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path)), signedByRoot };
}

function checkCaCert(
  root: X509Certificate,
  rootFile: CaFile,
  file: CaFile,
  chain: ParsedChain | undefined,
  now: Date,
  findings: Finding[],
): { readonly cert?: X509Certificate; readonly signedByRoot?: boolean } {
  if (file.text === undefined) {
    findings.push(unreadable(file));
    return {};
  }
  const certs = parseCertificates(file.text);
  const [cert] = certs;
  if (cert === undefined) {
    findings.push(notPem(file, 'certificate'));
    return {};
  }
  if (certs.length > 1) {
    // Citadel signs with the first and would hand out a key pair that does not
    // match the rest; the chain belongs in cert-chain.pem.
    findings.push({
      path: file.path,
      value: file.file,
      problem: `holds ${certs.length} certificates, not one`,
      allowed: "the cluster CA's own certificate only",
      hint: 'keep only the cluster CA certificate in it, and put the chain up to the root in certChain (cert-chain.pem)',
    });
  }
  const notCa = whyNotACa(cert);
  if (notCa !== undefined) {
    findings.push({
      path: file.path,
      value: file.file,
      problem: `holds ${describeCert(cert)}, ${notCa.reason}, so Citadel cannot sign workload certificates with it`,
      hint: 'issue the cluster CA with basicConstraints=critical,CA:TRUE and keyUsage keyCertSign from the shared root',
    });
  }
  // Signed by the root itself, or through the intermediates of a chain that
  // starts with this certificate and reaches the root.
  const throughChain = chain !== undefined && chain.reachesRoot && chain.certs[0].fingerprint256 === cert.fingerprint256;
  const signedByRoot = cert.verify(root.publicKey) || throughChain;
  if (!signedByRoot) {
    findings.push({ path: file.path, value: file.file, ...notSignedByRoot(cert, root, rootFile) });
  }
  findings.push(...expiryFindings(file, cert, now));
  return { cert, signedByRoot };
}

function checkCaKey(caCert: X509Certificate, files: ClusterCaFiles, findings: Finding[]): void {
  const file = files.caKey;
  if (file.text === undefined) {
    findings.push(unreadable(file));
    return;
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(file.text);
  } catch {
    // No details from the parser: they could quote the key.
    findings.push({
      path: file.path,
      value: file.file,
      problem: 'is not an unencrypted PEM private key',
      allowed: 'a PEM private key without a passphrase (BEGIN PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY), as Citadel reads it at start',
      hint: 'export the key without a passphrase, for example `openssl pkey -in KEY -out ca-key.pem`',
    });
    return;
  }
  if (!caCert.checkPrivateKey(key)) {
    findings.push({
      path: file.path,
      value: file.file,
      problem: `is not the private key of ${JSON.stringify(files.caCert.file)} (${describeCert(caCert)})`,
      hint: 'point caKey at the key the CA certificate was issued for, or re-issue the certificate for this key',
    });
  }
}

interface ParsedChain {
  readonly certs: readonly X509Certificate[];
  readonly reachesRoot: boolean;
}

/** Each certificate must be signed by the next, and the last by the root (or be the root). */
function checkCertChain(root: X509Certificate, rootFile: CaFile, files: ClusterCaFiles, now: Date, findings: Finding[]): ParsedChain | undefined {
  const file = files.certChain;
  if (file.text === undefined) {
    findings.push(unreadable(file));
    return undefined;
  }
  const certs = parseCertificates(file.text);
  if (certs.length === 0) {
    findings.push(notPem(file, 'certificate chain'));
    return undefined;
  }
  const at = (problem: string, hint: string): Finding => ({ path: file.path, value: file.file, problem, hint });
  let reachesRoot = true;
  certs.forEach((cert, i) => {
    const next = certs[i + 1];
    if (next !== undefined) {
      if (!cert.verify(next.publicKey)) {
        reachesRoot = false;
        findings.push(
          at(
            `is broken at certificate ${i + 1} (${describeCert(cert)}): it is not signed by certificate ${i + 2} (${describeCert(next)})`,
            'order the chain from ca-cert.pem up to the root, each certificate followed by its issuer',
          ),
        );
      }
    } else if (cert.fingerprint256 !== root.fingerprint256 && !cert.verify(root.publicKey)) {
      reachesRoot = false;
      const { problem, hint } = notSignedByRoot(cert, root, rootFile);
      findings.push(at(`does not chain to the shared root: its last certificate ${problem}`, hint));
    }
    findings.push(...expiryFindings(file, cert, now, `certificate ${i + 1} (${oneLine(cert.subject)})`));
    // Every certificate above the cluster CA signs another one: each must be a CA.
    const notCa = i > 0 ? whyNotACa(cert) : undefined;
    if (notCa !== undefined) {
      findings.push(at(`has certificate ${i + 1} (${describeCert(cert)}), ${notCa.reason}, so it cannot sign certificate ${i}`, 'put only CA certificates above ca-cert.pem in the chain, each issued with basicConstraints CA:TRUE and keyUsage keyCertSign'));
    }
  });
  return { certs, reachesRoot };
}

/** Why a certificate cannot sign others, naming the extension that says so; undefined when it can. */
function whyNotACa(cert: X509Certificate): { readonly extension: 'basicConstraints' | 'keyUsage'; readonly reason: string } | undefined {
  const { basicConstraints, keyUsage } = readCaExtensions(cert.raw);
  if (basicConstraints === undefined || !basicConstraints.ca) {
    const has = basicConstraints === undefined ? 'it has no basicConstraints extension' : 'its basicConstraints says CA:FALSE';
    return { extension: 'basicConstraints', reason: `which is not a CA certificate (basicConstraints CA:TRUE is missing: ${has})` };
  }
  if (keyUsage !== undefined && !keyUsage.keyCertSign) {
    return { extension: 'keyUsage', reason: 'whose keyUsage lacks keyCertSign (basicConstraints CA:TRUE is there)' };
  }
  return undefined;
}

/**
 * pathLen along the path of every workload certificate Citadel will issue:
 * root, the chain's intermediates, the cluster CA, then the leaf. A CA's
 * pathLenConstraint caps the CA certificates below it (RFC 5280 6.1.4); the
 * leaf is not a CA and does not count, so the cluster CA itself may have
 * pathlen:0, while a root with pathlen:0 above it makes every workload
 * certificate fail verification ("path length constraint exceeded").
 * Empty when the path is broken anyway: its own findings say so.
 */
function pathLengthFindings(root: X509Certificate, rootFile: CaFile, files: ClusterCaFiles, caCert: X509Certificate, chain: ParsedChain | undefined): Finding[] {
  let below: X509Certificate[];
  if (chain !== undefined && chain.reachesRoot && chain.certs[0].fingerprint256 === caCert.fingerprint256) {
    below = chain.certs.filter((cert) => cert.fingerprint256 !== root.fingerprint256);
  } else if (caCert.verify(root.publicKey)) {
    below = [caCert];
  } else {
    return [];
  }
  // Top-down: root first, the cluster CA last.
  const path = [root, ...[...below].reverse()];
  const findings: Finding[] = [];
  path.forEach((cert, k) => {
    const casBelow = path.length - 1 - k;
    const limit = readCaExtensions(cert.raw).basicConstraints?.pathLength;
    if (limit === undefined || limit >= casBelow) {
      return;
    }
    const allows = limit === 0 ? 'no CA certificate below it' : `at most ${limit} CA ${limit === 1 ? 'certificate' : 'certificates'} below it`;
    const consequence = 'so every workload certificate Citadel issues with this CA fails verification (path length constraint exceeded)';
    if (k === 0) {
      findings.push({
        path: files.caCert.path,
        value: files.caCert.file,
        problem: `is ${casBelow === 1 ? 'a CA certificate' : `${casBelow} CA certificates`} below the shared root istio.ca.rootCert ${JSON.stringify(rootFile.file)}, whose basicConstraints pathlen:${limit} allows ${allows}, ${consequence}`,
        hint: `re-issue the root with pathlen:${casBelow} or more, or without pathlen; or issue the cluster CA with fewer intermediates`,
      });
    } else {
      const index = below.indexOf(cert) + 1;
      findings.push({
        path: files.certChain.path,
        value: files.certChain.file,
        problem: `has certificate ${index} (${describeCert(cert)}) with basicConstraints pathlen:${limit}, which allows ${allows}, but ${casBelow} follow it down to the cluster CA, ${consequence}`,
        hint: `re-issue that intermediate with pathlen:${casBelow} or more, or without pathlen`,
      });
    }
  });
  return findings;
}

function notSignedByRoot(cert: X509Certificate, root: X509Certificate, rootFile: CaFile): { problem: string; hint: string } {
  const rootName = `istio.ca.rootCert ${JSON.stringify(rootFile.file)}`;
  if (cert.issuer === root.subject) {
    return {
      problem: `(${describeCert(cert)}) names the shared root as its issuer, but its signature does not verify with the key of ${rootName}: it was signed by a different root with the same name`,
      hint: `re-issue it from the root in ${JSON.stringify(rootFile.file)}, or point istio.ca.rootCert at the root that signed it; every cluster must use the same root`,
    };
  }
  return {
    problem: `(${describeCert(cert)}) is not signed by the shared root ${rootName} (${oneLine(root.subject)})`,
    hint: `re-issue it from the root in ${JSON.stringify(rootFile.file)}; every cluster's CA must be signed by the same root`,
  };
}

function expiryFindings(file: CaFile, cert: X509Certificate, now: Date, what = describeCert(cert)): Finding[] {
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (now.getTime() > notAfter.getTime()) {
    return [
      {
        path: file.path,
        value: file.file,
        problem: `holds ${what}, which expired on ${notAfter.toISOString()}`,
        hint: 'issue a new certificate and point the topology at it',
      },
    ];
  }
  if (now.getTime() < notBefore.getTime()) {
    return [
      {
        path: file.path,
        value: file.file,
        problem: `holds ${what}, which is not valid before ${notBefore.toISOString()}`,
        hint: "check the clock of the machine that issued it, or wait until it is valid",
      },
    ];
  }
  return [];
}

function unreadable(file: CaFile): Finding {
  return {
    path: file.path,
    value: file.file,
    problem: `cannot be read (${file.readError ?? 'error'})`,
    hint: "create it or fix the path; it is relative to the topology file's folder",
  };
}

function notPem(file: CaFile, what: string): Finding {
  return {
    path: file.path,
    value: file.file,
    problem: `is not a PEM X.509 ${what}`,
    allowed: 'PEM certificates (-----BEGIN CERTIFICATE-----)',
    hint: 'convert it to PEM, for example `openssl x509 -inform der -in CERT -out cert.pem`',
  };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM file, in order; X509Certificate alone reads only the first. */
function parseCertificates(text: string): X509Certificate[] {
  const certs: X509Certificate[] = [];
  for (const block of text.match(PEM_CERTIFICATE) ?? []) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      return [];
    }
  }
  return certs;
}

function describeCert(cert: X509Certificate): string {
  return `the certificate of ${oneLine(cert.subject)}`;
}

/** Node prints subjects one attribute per line. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

/**
 * The edge: reads the shared root and each cluster's cacerts files (relative to
 * `baseDir`, the topology file's folder), checks them, and returns the bundles
 * of the clusters whose files passed. Acts only when `istio.ca.selfSigned` is
 * false: otherwise Citadel ignores cacerts, and `checkCaConsistency` says so.
 * Run `checkCaConsistency` as well; this does not repeat its rules.
 */
export function readCaBundles(
  topology: MeshTopology,
  baseDir: string,
  now: Date = new Date(),
): { findings: Finding[]; bundles: Map<string, CaBundle> } {
  const bundles = new Map<string, CaBundle>();
  const { selfSigned, rootCert } = topology.istio.ca;
  if (selfSigned || rootCert === undefined) {
    return { findings: [], bundles };
  }
  const rootFile = readCaFile(['istio', 'ca', 'rootCert'], rootCert, baseDir);
  const root = checkRootCert(rootFile, now);
  if (root.cert === undefined) {
    return { findings: root.findings, bundles };
  }
  const clusterFindings: Finding[] = [];
  const verdicts: boolean[] = [];
  topology.clusters.forEach((cluster, i) => {
    if (cluster.cacerts === undefined) {
      return;
    }
    const at = (field: 'caCert' | 'caKey' | 'certChain') => readCaFile(['clusters', i, 'cacerts', field], cluster.cacerts![field], baseDir);
    const files = { caCert: at('caCert'), caKey: at('caKey'), certChain: at('certChain') };
    const check = checkClusterCa(root.cert!, rootFile, files, now);
    clusterFindings.push(...check.findings);
    if (check.signedByRoot !== undefined) {
      verdicts.push(check.signedByRoot);
    }
    if (root.findings.length === 0 && check.findings.every((f) => f.severity === 'warning')) {
      bundles.set(cluster.name, {
        'ca-cert.pem': files.caCert.text!,
        'ca-key.pem': files.caKey.text!,
        'root-cert.pem': rootFile.text!,
        'cert-chain.pem': files.certChain.text!,
      });
    }
  });
  const wrongRoot = root.findings.length === 0 ? unusedRootFindings(rootFile, root.cert, verdicts) : [];
  return { findings: [...root.findings, ...wrongRoot, ...clusterFindings], bundles };
}

/**
 * Clusters' CAs are usually issued together from one root; when several exist
 * and not one verifies with the named root, the one wrong file is far more
 * likely istio.ca.rootCert than every CA. The per-cluster findings stay, for
 * the case where the CAs are the mistake. With a single CA either is as likely,
 * and its own finding already says so.
 */
function unusedRootFindings(rootFile: CaFile, root: X509Certificate, verdicts: readonly boolean[]): Finding[] {
  if (verdicts.length < 2 || verdicts.some((signed) => signed)) {
    return [];
  }
  return [
    {
      path: rootFile.path,
      value: rootFile.file,
      problem: `holds ${describeCert(root)}, but no cluster CA is signed by it (none of the ${verdicts.length} CA certificates verifies with its key)`,
      hint: 'point istio.ca.rootCert at the root that issued the cluster CAs, or re-issue every cluster CA from this root',
    },
  ];
}

function readCaFile(path: readonly (string | number)[], file: string, baseDir: string): CaFile {
  try {
    return { path, file, text: readFileSync(resolve(baseDir, file), 'utf8') };
  } catch (err) {
    return { path, file, readError: (err as NodeJS.ErrnoException).code ?? 'error' };
  }
}
