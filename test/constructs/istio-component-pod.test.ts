import { ISTIO_DEFAULTS } from '../../istio/istio-values';
import { archAffinity, componentDeployment, istioImage, resourceRequirements } from '../../constructs/istio-component-pod';
import { synthChart } from '../support/synth-chart';
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
});
