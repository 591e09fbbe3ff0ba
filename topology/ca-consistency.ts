import type { Finding } from '../lib/finding';
import type { MeshTopology } from './schema';

/**
 * Rules that tie the mesh's security settings to its certificate authority.
 * Pure: it looks at the topology only; the certificate files themselves are
 * checked by `ca-bundle.ts`.
 *
 * A CA mismatch between clusters does not fail the install: it fails every
 * cross-cluster mTLS handshake at run time. Hence these rules are errors.
 */
export function checkCaConsistency(topology: MeshTopology): Finding[] {
  const { istio, clusters } = topology;
  const { selfSigned, rootCert } = istio.ca;
  const securityOn = istio.mtlsEnabled || istio.controlPlaneSecurityEnabled;
  const flags = [istio.mtlsEnabled && 'istio.mtlsEnabled', istio.controlPlaneSecurityEnabled && 'istio.controlPlaneSecurityEnabled'].filter(Boolean);
  const enabled = flags.join(' and ');
  const isTrue = flags.length > 1 ? 'are true' : 'is true';
  const need = flags.length > 1 ? 'need' : 'needs';
  const findings: Finding[] = [];

  if (securityOn && selfSigned) {
    findings.push({
      path: ['istio', 'ca', 'selfSigned'],
      value: true,
      // Each Citadel would mint its own root, so a workload in one cluster
      // cannot verify the certificate of a workload in another.
      problem: `lets every cluster's Citadel make its own root, but ${enabled} ${need} one root shared by all clusters`,
      allowed: `false while ${enabled} ${isTrue}`,
      hint: 'set istio.ca.selfSigned: false, name the shared root in istio.ca.rootCert and give every cluster its cacerts files',
    });
  }

  // With selfSigned false, Citadel signs with the cacerts Secret; without it
  // Citadel cannot start, so the shared CA is needed whenever either holds.
  if (securityOn || !selfSigned) {
    const why = securityOn ? `${enabled} ${isTrue}` : 'istio.ca.selfSigned is false';
    if (rootCert === undefined) {
      findings.push({
        path: ['istio', 'ca', 'rootCert'],
        problem: `is missing, but ${why}, so every cluster needs a CA signed by one shared root`,
        allowed: 'a PEM file of the shared root certificate, relative to the topology file',
        hint: 'add istio.ca.rootCert, for example pki/root-cert.pem',
      });
    }
    clusters.forEach((cluster, i) => {
      if (cluster.cacerts === undefined) {
        findings.push({
          path: ['clusters', i, 'cacerts'],
          problem: `is missing for cluster ${JSON.stringify(cluster.name)}, but ${why}, so its Citadel needs the cacerts Secret`,
          allowed: 'caCert, caKey and certChain files of a CA signed by istio.ca.rootCert',
          hint: `add cacerts with caCert, caKey and certChain to cluster ${JSON.stringify(cluster.name)}, for example pki/${cluster.name}/ca-cert.pem, ca-key.pem and cert-chain.pem`,
        });
      }
    });
  } else {
    // Citadel with selfSigned true never reads cacerts: files named here would
    // be shipped and silently ignored.
    if (rootCert !== undefined) {
      findings.push({
        path: ['istio', 'ca', 'rootCert'],
        value: rootCert,
        problem: 'is ignored while istio.ca.selfSigned is true',
        hint: 'set istio.ca.selfSigned: false to use the shared root, or remove istio.ca.rootCert',
        severity: 'warning',
      });
    }
    clusters.forEach((cluster, i) => {
      if (cluster.cacerts !== undefined) {
        findings.push({
          path: ['clusters', i, 'cacerts'],
          problem: `of cluster ${JSON.stringify(cluster.name)} is ignored while istio.ca.selfSigned is true`,
          hint: 'set istio.ca.selfSigned: false to use these files, or remove cacerts',
          severity: 'warning',
        });
      }
    });
  }
  return findings;
}
