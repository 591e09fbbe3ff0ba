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
  it('fails when a kubeconfig context holds a line break (it ended the comment of helm-template.sh and ran the rest as a command)', () => {
    // GIVEN the shrunk case: seed 8, run 112, odd-string on the primary's context
    const text = [
      'istio:',
      '  namespace: istio-system',
      '  hub: registry.example.com:5000/mirror/istio',
      '  tag: 1.0.6',
      '  controlPlaneSecurityEnabled: true',
      '  mtlsEnabled: true',
      '  ca:',
      '    selfSigned: false',
      '    rootCert: root-cert.pem',
      'controlPlane:',
      '  exposure: podIP',
      '  pilot: fd00:d356::f9',
      '  policy: fd00:d356::fa',
      '  zipkin: fd00:d356::fc',
      '  statsd:',
      '    enabled: true',
      '    host: fd00:d356::fd',
      '    port: 9125',
      'clusters:',
      '  - name: m2',
      '    role: remote',
      '    podCIDR: fd00:10::/64',
      '    serviceCIDR: fd00:2a7::/64',
      '    apiServer: https://m2.k8s.example.com:6443',
      '    cacerts:',
      '      caCert: ca-0-cert.pem',
      '      caKey: ca-0-key.pem',
      '      certChain: ca-0-cert.pem',
      '    context: ctx-a',
      '    injectionNamespaces:',
      '      - shop',
      '    pilotSelectorlessService: true',
      '  - name: go--a5-7',
      '    role: primary',
      '    podCIDR: fd00:d356::/64',
      '    serviceCIDR: fd00:65d::/64',
      '    apiServer: https://go--a5-7.k8s.example.com:6444',
      '    cacerts:',
      '      caCert: ca-1-cert.pem',
      '      caKey: ca-1-key.pem',
      '      certChain: ca-1-cert.pem',
      '    context: |-',
      '      line',
      '      break',
      '  - name: l485',
      '    role: remote',
      '    podCIDR: fd00:58c5::/64',
      '    serviceCIDR: fd00:4d36::/64',
      '    apiServer: https://l485.k8s.example.com:6445',
      '    cacerts:',
      '      caCert: ca-2-cert.pem',
      '      caKey: ca-2-key.pem',
      '      certChain: ca-2-cert.pem',
      '    pilotSelectorlessService: true',
      '    values:',
      '      global:',
      '        proxy:',
      '          includeIPRanges: fd00:4d36::/64',
      '          excludeInboundPorts: ""',
      '        imagePullPolicy: Always',
      'services:',
      '  - name: a0',
      '    namespace: ns-aa',
      '    ports:',
      '      - port: 1',
      '        name: http-a0',
      '        protocol: TCP',
      '    selector:',
      '      a0: A',
      ''
    ].join('\n');
    // WHEN synth runs on it
    const outcome = synthShrunk(text, 'odd-string', 'clusters[1].context = "line\\nbreak"');
    // THEN it is rejected at the context, and every fuzz property holds
    expect(outcome.violations).toEqual([]);
    expect(outcome.errors).toEqual([
      'mesh.yaml:42:14: clusters[1].context: "line\\nbreak" is not a kubeconfig context name (allowed: one line of printable characters, as `kubectl config get-contexts -o name` prints it): copy the name from `kubectl config get-contexts -o name`',
    ]);
  });
});
