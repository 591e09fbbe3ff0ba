import { archAffinity, componentDeployment, istioImage, ownOrDefault, resourceRequirements } from '../../constructs/istio-component-pod';
import { ISTIO_DEFAULTS } from '../../istio/istio-values';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('istio-component-pod', () => {
  test('archAffinity requires the architectures with weight and prefers each by its weight, sorted', () => {
    // GIVEN weights as in the chart's values, one architecture excluded
    const affinity = archAffinity({ s390x: 0, amd64: 3, ppc64le: 1 });
    // THEN
    expect(affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'ppc64le'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 3, preference: { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] } },
          { weight: 1, preference: { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['ppc64le'] }] } },
        ],
      },
    });
  });

  test('istioImage spells hub/image:tag', () => {
    expect(istioImage({ hub: 'docker.io/istio', tag: '1.0.7' }, 'citadel')).toBe('docker.io/istio/citadel:1.0.7');
  });

  test('istioImage prints a numeric tag as a values file writes it', () => {
    expect(istioImage({ hub: 'docker.io/jaegertracing', tag: 1.5 }, 'all-in-one')).toBe('docker.io/jaegertracing/all-in-one:1.5');
  });

  test("componentDeployment takes an add-on's own registry and strategy, and its object labels win over the pod labels", () => {
    // GIVEN an add-on as the tracing subchart writes it: own hub and tag, no ServiceAccount, `app` on both levels
    const [deployment] = synthChart((chart) =>
      componentDeployment(chart, 'addon', {
        name: 'istio-tracing',
        namespace: 'istio-system',
        labels: { app: 'istio-tracing' },
        podLabels: { app: 'jaeger' },
        replicas: 1,
        image: 'all-in-one',
        registry: { hub: 'docker.io/jaegertracing', tag: 1.5 },
        strategy: { type: 'Recreate' },
        global: ISTIO_DEFAULTS.global,
        container: { name: 'jaeger' },
      }),
    );
    // THEN
    validateAgainstK8s([deployment]);
    expect(deployment.metadata.labels).toEqual({ app: 'istio-tracing' });
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'jaeger' } });
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec.template.spec.serviceAccountName).toBeUndefined();
    expect(deployment.spec.template.spec.containers[0].image).toBe('docker.io/jaegertracing/all-in-one:1.5');
  });

  test('resourceRequirements turns numbers into quantities', () => {
    expect(resourceRequirements(undefined)).toBeUndefined();
    const resources = resourceRequirements({ requests: { cpu: '10m' }, limits: { cpu: 1 } });
    expect(resources?.requests?.cpu.value).toBe('10m');
    expect(resources?.limits?.cpu.value).toBe('1');
  });

  test('componentDeployment adds sidecars and a nodeSelector, and can leave the pod labels and the arch affinity off', () => {
    // GIVEN a Deployment with every optional pod setting
    const build = (options: object) =>
      synthChart((chart) =>
        componentDeployment(chart, 'd', {
          name: 'istio-thing',
          namespace: 'mesh',
          labels: { istio: 'thing' },
          podLabels: { app: 'thing', istio: 'thing' },
          replicas: 1,
          serviceAccountName: 'sa',
          image: 'thing',
          global: ISTIO_DEFAULTS.global,
          container: { name: 'thing' },
          ...options,
        }),
      )[0];
    // WHEN
    const plain = build({});
    const custom = build({ sidecars: [{ name: 'istio-proxy', image: 'proxy' }], podLabelsOnDeployment: false, archAffinity: false, nodeSelector: { pool: 'a' } });
    // THEN
    validateAgainstK8s([plain, custom]);
    expect(plain.metadata.labels).toEqual({ app: 'thing', istio: 'thing' });
    expect(plain.spec.template.spec.affinity).toBeDefined();
    expect(plain.spec.template.spec.nodeSelector).toBeUndefined();
    expect(custom.metadata.labels).toEqual({ istio: 'thing' });
    expect(custom.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['thing', 'istio-proxy']);
    expect(custom.spec.template.spec.affinity).toBeUndefined();
    expect(custom.spec.template.spec.nodeSelector).toEqual({ pool: 'a' });
  });

  test('ownOrDefault takes the own resources unless they are unset or empty, as the chart\'s `if` does', () => {
    const fallback = { requests: { cpu: '10m' } };
    expect(ownOrDefault({ limits: { cpu: 1 } }, fallback)).toEqual({ limits: { cpu: 1 } });
    expect(ownOrDefault({}, fallback)).toBe(fallback);
    expect(ownOrDefault(undefined, fallback)).toBe(fallback);
  });

  test('componentDeployment adds the sidecars after the component, the Deployment annotations, and lets its labels win', () => {
    // GIVEN a Deployment whose own `app` label differs from its pods'
    const objects = synthChart((chart) =>
      componentDeployment(chart, 'd', {
        name: 'istio-pilot',
        namespace: 'istio-system',
        labels: { app: 'istio-pilot' },
        podLabels: { istio: 'pilot', app: 'pilot' },
        annotations: { 'checksum/config-volume': 'abc' },
        replicas: 1,
        serviceAccountName: 'sa',
        image: 'pilot',
        global: ISTIO_DEFAULTS.global,
        container: { name: 'discovery' },
        sidecars: [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.0.7' }],
      }),
    );
    // THEN
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'istio-pilot');
    expect(deployment.metadata.labels).toEqual({ istio: 'pilot', app: 'istio-pilot' });
    expect(deployment.metadata.annotations).toEqual({ 'checksum/config-volume': 'abc' });
    expect(deployment.spec.template.metadata.labels).toEqual({ istio: 'pilot', app: 'pilot' });
    expect(deployment.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['discovery', 'istio-proxy']);
  });
});
