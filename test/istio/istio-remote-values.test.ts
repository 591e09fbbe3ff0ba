import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkIstioRemoteOverlay, ISTIO_REMOTE_DEFAULTS, istioRemoteValuesOverlaySchema, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { describeWithShared } from '../support/shared-reference';

describeWithShared(['reference', 'istio-remote-1.0.7'], 'ISTIO_REMOTE_DEFAULTS against the chart', (dir) => {
  test("equals the chart's values.yaml, subchart blocks included", () => {
    // GIVEN the chart's own defaults; keys it leaves empty (null) are absent or empty lists here
    const chart = parse(readFileSync(join(dir, 'values.yaml'), 'utf8'));
    delete chart.global.proxy.envoyStatsd.host;
    delete chart.global.proxy.envoyStatsd.port;
    chart.global.imagePullSecrets = [];
    // keys the chart's templates read that its values.yaml leaves out, at what their absence means
    chart.global.proxy.privileged = false;
    chart.global.zipkinAddress = '';
    chart.global.omitSidecarInjectorConfigMap = false;
    // THEN every key and default is the chart's
    expect(ISTIO_REMOTE_DEFAULTS).toEqual(chart);
  });
});

describe('istioRemoteValuesOverlaySchema', () => {
  test('accepts a partial tree with the types Helm users write', () => {
    const overlay = {
      global: { remotePilotAddress: '10.8.0.12', proxy: { envoyStatsd: { enabled: true, port: 9125 }, includeIPRanges: '10.0.0.0/8' } },
      security: { selfSigned: false },
    };
    expect(istioRemoteValuesOverlaySchema.parse(overlay)).toEqual(overlay);
    expect(checkIstioRemoteOverlay({})).toEqual([]);
  });

  test('accepts the keys the chart reads beyond its values.yaml, and weights up to 100', () => {
    // GIVEN keys the chart's templates read though its values.yaml does not list them
    const overlay = {
      nameOverride: 'remote',
      global: { proxy: { privileged: true }, zipkinAddress: 'zipkin.istio-system:9411', omitSidecarInjectorConfigMap: true, arch: { amd64: 100, s390x: 0, ppc64le: 4 } },
      security: { nameOverride: 'ca', resources: { requests: { cpu: '50m' } } },
      sidecarInjectorWebhook: { nameOverride: 'injector', resources: { limits: { memory: '64Mi' } } },
    };
    // THEN they pass, and merge
    expect(checkIstioRemoteOverlay(overlay)).toEqual([]);
    const values = mergeIstioRemoteValues(overlay);
    expect(values.security.resources).toEqual({ requests: { cpu: '50m' } });
    expect(values.global.arch).toEqual({ amd64: 100, s390x: 0, ppc64le: 4 });
  });

  test('accepts null where it unsets something optional', () => {
    expect(
      checkIstioRemoteOverlay({
        global: { imagePullSecrets: null, proxy: { resources: null, envoyStatsd: { host: null } }, arch: { s390x: null }, defaultResources: { requests: { cpu: null } } },
      }),
    ).toEqual([]);
  });

  test('fails when a key is unknown, listing the keys allowed there', () => {
    // WHEN a key is misspelt deep in the tree
    const findings = checkIstioRemoteOverlay({ global: { proxy: { envoyStatsd: { hots: 'x' } } } });
    // THEN
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['global', 'proxy', 'envoyStatsd', 'hots'],
        problem: 'is not a value of the istio-remote chart',
        allowed: 'enabled, host, port',
      }),
    ]);
  });

  test('fails when a value has the wrong type, with the default as the example', () => {
    const [finding] = checkIstioRemoteOverlay({ global: { proxy: { envoyStatsd: { port: '9125' } } } });
    expect(finding).toMatchObject({ path: ['global', 'proxy', 'envoyStatsd', 'port'], value: '9125', problem: 'is not a number' });
    const [typed] = checkIstioRemoteOverlay({ global: { controlPlaneSecurityEnabled: 'yes' } });
    expect(typed).toMatchObject({ problem: 'is not a boolean', hint: "write it like the chart's default, false" });
  });

  test('fails when a map is given something else', () => {
    expect(checkIstioRemoteOverlay(['global'])[0]).toMatchObject({ path: [], problem: 'is not a map' });
    expect(checkIstioRemoteOverlay({ global: { arch: 'amd64' } })[0]).toMatchObject({ path: ['global', 'arch'], problem: 'is not a map' });
  });

  test('fails when null would leave a hole the templates need', () => {
    const [finding] = checkIstioRemoteOverlay({ global: { hub: null } });
    expect(finding).toMatchObject({ path: ['global', 'hub'], problem: 'must be a string, not empty' });
  });

  test('fails when an enum value is not allowed', () => {
    const [finding] = checkIstioRemoteOverlay({ global: { imagePullPolicy: 'Sometimes' } });
    expect(finding.problem).toBe('is not one of "Always", "IfNotPresent", "Never"');
  });

  test('fails when a number is out of range', () => {
    expect(checkIstioRemoteOverlay({ global: { arch: { amd64: 101 } } })[0].problem).toBe('is above 100');
    expect(checkIstioRemoteOverlay({ global: { arch: { amd64: -1 } } })[0].problem).toBe('is below 0');
    expect(checkIstioRemoteOverlay({ security: { replicaCount: -1 } })[0].problem).toBe('is below 0');
    expect(checkIstioRemoteOverlay({ security: { image: '' } })[0].problem).toBe('is empty');
  });

  test('fails when a replica count or concurrency exceeds int32, which Kubernetes and the mesh config store', () => {
    // GIVEN counts the fuzzer found reaching Deployment.spec.replicas (2^53 - 1) and just past int32
    for (const overlay of [{ security: { replicaCount: Number.MAX_SAFE_INTEGER } }, { sidecarInjectorWebhook: { replicaCount: 2 ** 31 } }, { global: { proxy: { concurrency: 2 ** 31 } } }]) {
      // WHEN it is checked THEN it is refused with the bound
      expect(checkIstioRemoteOverlay(overlay)).toEqual([expect.objectContaining({ problem: 'is above 2147483647' })]);
    }
    expect(checkIstioRemoteOverlay({ security: { replicaCount: 2 ** 31 - 1 } })).toEqual([]);
  });
});

describe("istioRemoteValuesOverlaySchema, Kubernetes' own syntax", () => {
  test('accepts quantities, resource names, architectures and names as a Pod spec takes them', () => {
    const overlay = {
      global: {
        proxy: { resources: { requests: { cpu: '100m', memory: '128Mi', 'nvidia.com/gpu': 1 }, limits: { cpu: 2, 'hugepages-2Mi': '1Gi' } } },
        arch: { amd64: 2, arm64: 1 },
        priorityClassName: 'system-cluster-critical',
        imagePullSecrets: ['regcred'],
      },
    };
    expect(checkIstioRemoteOverlay(overlay)).toEqual([]);
  });

  test('fails when a quantity, a resource name, an architecture, a priority class or a pull secret breaks it', () => {
    const overlay = {
      global: {
        proxy: { resources: { requests: { cpu: 'lots', gpu: 1 } } },
        defaultResources: { limits: { memory: '-1Gi' } },
        arch: { 'amd 64': 2 },
        priorityClassName: 'Critical',
        imagePullSecrets: ['Reg Cred'],
      },
    };
    const found = checkIstioRemoteOverlay(overlay).map((f) => [f.path.join('.'), f.problem]);
    expect(found).toHaveLength(6);
    expect(found).toEqual(expect.arrayContaining([
      ['global.proxy.resources.requests.cpu', 'is not a Kubernetes resource quantity'],
      ['global.proxy.resources.requests.gpu', expect.stringMatching(/^has a key that is not a container resource name: it is not a standard resource/)],
      ['global.arch.amd 64', 'has a key that is not a Kubernetes label value, as the node affinity needs'],
      ['global.imagePullSecrets.0', 'is not a Secret name (a DNS-1123 subdomain)'],
      ['global.defaultResources.limits.memory', 'is not a Kubernetes resource quantity'],
      ['global.priorityClassName', 'is not a PriorityClass name (a DNS-1123 subdomain)'],
    ]));
  });
});

describe('mergeIstioRemoteValues', () => {
  test('returns the defaults without overlays', () => {
    expect(mergeIstioRemoteValues()).toEqual(ISTIO_REMOTE_DEFAULTS);
  });

  test('merges overlays over the defaults in order, as Helm does', () => {
    // GIVEN two overlays
    const values = mergeIstioRemoteValues(
      { global: { proxy: { envoyStatsd: { enabled: true, host: 'a' } }, imagePullSecrets: ['x', 'y'] } },
      { global: { proxy: { envoyStatsd: { host: 'b' } }, imagePullSecrets: ['z'], arch: { s390x: null } } },
    );
    // THEN maps merge, lists replace, null unsets
    expect(values.global.proxy.envoyStatsd).toEqual({ enabled: true, host: 'b' });
    expect(values.global.proxy.image).toBe('proxyv2');
    expect(values.global.imagePullSecrets).toEqual(['z']);
    expect(values.global.arch).toEqual({ amd64: 2, ppc64le: 2 });
    expect(ISTIO_REMOTE_DEFAULTS.global.arch).toEqual({ amd64: 2, s390x: 2, ppc64le: 2 });
  });
});
