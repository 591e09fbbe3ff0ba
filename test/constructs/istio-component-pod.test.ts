import { archAffinity, componentDeployment, istioImage, resourceRequirements } from '../../constructs/istio-component-pod';
import { ISTIO_DEFAULTS } from '../../istio/istio-values';
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
});
