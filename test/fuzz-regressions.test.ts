import { checkSynth } from './support/fuzz/fuzz-case';
import { mutationNamed } from './support/fuzz/mutations';
import { FuzzWorkspace } from './support/fuzz/workspace';

// Failures the fuzzer found (test/fuzz.test.ts, npm run fuzz), each as
// fast-check shrank it: the smallest mesh.yaml that showed it, run through
// the whole synth path with every fuzz property checked, and the located
// error the fix gives.

describe('synth on the fuzzer-shrunk topologies', () => {
  const workspace = new FuzzWorkspace();
  afterAll(() => workspace.cleanup());

  /** Synth of the text in the fuzz workspace, with the mutation that produced it, so it must be rejected. */
  function synthShrunk(text: string, mutation: string, note: string) {
    const outcome = checkSynth(workspace, { text, kubeconfigs: [], applied: [{ mutation: mutationNamed(mutation), note }] });
    const file = workspace.topologyFile;
    return { ...outcome, errors: outcome.errors.map((e) => e.replace(file, 'mesh.yaml')) };
  }

  it('fails when a replica count exceeds int32 (it reached Deployment.spec.replicas, which Kubernetes 1.27 rejects)', () => {
    // GIVEN the shrunk case: seed 1207, odd-number on clusters[1].values.security.replicaCount
    const text = [
      'istio:',
      '    namespace: mesh-control',
      '    mtlsEnabled: true',
      '    ca:',
      '        selfSigned: false',
      '        rootCert: root-cert.pem',
      'controlPlane:',
      '    exposure: gateway',
      '    gateway:',
      '        address: 192.0.2.1',
      'clusters:',
      '    - name: eu-1',
      '      role: primary',
      '      podCIDR: fd00:1::/64',
      '      serviceCIDR: fd00:2::/64',
      '      apiServer: https://eu-1.k8s.example.com:6443',
      '      cacerts:',
      '          caCert: ca-0-cert.pem',
      '          caKey: ca-0-key.pem',
      '          certChain: ca-0-root-chain.pem',
      '    - name: c0',
      '      role: remote',
      '      podCIDR: fd00:3::/64',
      '      serviceCIDR: fd00:4::/64',
      '      apiServer: https://c0.k8s.example.com:6444',
      '      cacerts:',
      '          caCert: ca-1-cert.pem',
      '          caKey: ca-1-key.pem',
      '          certChain: ca-1-root-chain.pem',
      '      values:',
      '          security:',
      '              replicaCount: 9007199254740991',
      '',
    ].join('\n');
    // WHEN synth runs on it
    const outcome = synthShrunk(text, 'odd-number', 'clusters[1].values.security.replicaCount = 9007199254740991');
    // THEN it is rejected at the value, and every fuzz property holds
    expect(outcome.violations).toEqual([]);
    expect(outcome.errors).toEqual([
      'mesh.yaml:32:29: clusters[1].values.security.replicaCount: 9007199254740991 is too large (allowed: at most 2147483647): use a smaller value',
    ]);
  });
});
