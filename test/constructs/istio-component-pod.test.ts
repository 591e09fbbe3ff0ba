import { archAffinity, istioImage, resourceRequirements } from '../../constructs/istio-component-pod';

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
});
