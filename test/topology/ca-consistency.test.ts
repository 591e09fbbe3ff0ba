import { checkCaConsistency } from '../../topology/ca-consistency';
import { describeFinding } from '../../lib/finding';
import { secureTopology } from '../support/secure-topology';

describe('checkCaConsistency', () => {
  it('accepts a secure mesh with a shared root, cacerts everywhere and pilot names resolvable', () => {
    expect(checkCaConsistency(secureTopology())).toEqual([]);
  });

  it('accepts a mesh without mTLS or control-plane security and no CA files', () => {
    const topology = secureTopology((t) => {
      t.istio = { namespace: 'istio-system', ca: { selfSigned: true } };
      t.clusters.forEach((c) => delete c.cacerts);
    });

    expect(checkCaConsistency(topology)).toEqual([]);
  });

  it('fails when mTLS is on and Citadel is self-signed', () => {
    const topology = secureTopology((t) => {
      t.istio.controlPlaneSecurityEnabled = false;
      t.istio.ca.selfSigned = true;
    });

    const findings = checkCaConsistency(topology);

    expect(findings).toEqual([
      expect.objectContaining({ path: ['istio', 'ca', 'selfSigned'], value: true, allowed: 'false while istio.mtlsEnabled is true' }),
    ]);
    expect(findings[0].hint).toMatch(/set istio.ca.selfSigned: false/);
  });

  it('fails when both mTLS and control-plane security are on and Citadel is self-signed, in the plural', () => {
    const topology = secureTopology((t) => {
      t.istio.ca.selfSigned = true;
    });

    const findings = checkCaConsistency(topology).filter((f) => f.path.join('.') === 'istio.ca.selfSigned');

    expect(findings).toHaveLength(1);
    expect(findings[0].problem).toBe(
      "lets every cluster's Citadel make its own root, but istio.mtlsEnabled and istio.controlPlaneSecurityEnabled need one root shared by all clusters",
    );
  });

  it('fails when control-plane security is on and the root is missing', () => {
    const topology = secureTopology((t) => {
      t.istio.mtlsEnabled = false;
      delete t.istio.ca.rootCert;
    });

    const findings = checkCaConsistency(topology);

    expect(findings.map((f) => f.path)).toEqual([['istio', 'ca', 'rootCert']]);
    expect(findings[0].problem).toMatch(/istio.controlPlaneSecurityEnabled is true/);
  });

  it('fails when a cluster has no cacerts while security is on', () => {
    const topology = secureTopology((t) => {
      delete t.clusters[2].cacerts;
    });

    const findings = checkCaConsistency(topology);

    expect(findings).toHaveLength(1);
    expect(findings[0].path).toEqual(['clusters', 2, 'cacerts']);
    expect(describeFinding(findings[0])).toMatch(
      /is missing for cluster "remote-west", but istio.mtlsEnabled and istio.controlPlaneSecurityEnabled are true.*add cacerts/,
    );
  });

  it('fails when Citadel is not self-signed but a cluster has no cacerts, even with security off', () => {
    // Citadel with selfSigned=false reads its signing key from cacerts and cannot start without it.
    const topology = secureTopology((t) => {
      t.istio.mtlsEnabled = false;
      t.istio.controlPlaneSecurityEnabled = false;
      delete t.clusters[0].cacerts;
    });

    const findings = checkCaConsistency(topology);

    expect(findings.map((f) => f.path)).toEqual([['clusters', 0, 'cacerts']]);
    expect(findings[0].problem).toMatch(/istio.ca.selfSigned is false/);
  });

  it('warns when CA files are named while Citadel is self-signed', () => {
    const topology = secureTopology((t) => {
      t.istio = { namespace: 'istio-system', ca: { selfSigned: true, rootCert: 'pki/root-cert.pem' } };
    });

    const findings = checkCaConsistency(topology);

    expect(findings.map((f) => [f.path, f.severity])).toEqual([
      [['istio', 'ca', 'rootCert'], 'warning'],
      [['clusters', 0, 'cacerts'], 'warning'],
      [['clusters', 1, 'cacerts'], 'warning'],
      [['clusters', 2, 'cacerts'], 'warning'],
    ]);
  });
});
