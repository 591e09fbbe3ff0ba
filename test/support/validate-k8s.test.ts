import { validateAgainstK8s } from './validate-k8s';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x', namespace: 'ns' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
};

describe('validateAgainstK8s', () => {
  test('accepts valid objects and skips Istio CRD kinds', () => {
    expect(() =>
      validateAgainstK8s([deployment, { apiVersion: 'networking.istio.io/v1alpha3', kind: 'DestinationRule', metadata: { name: 'd' }, spec: { whatever: 1 } }]),
    ).not.toThrow();
  });

  test('fails when a required field is missing, naming the object', () => {
    const { selector: _selector, ...spec } = deployment.spec;
    expect(() => validateAgainstK8s([{ ...deployment, spec }])).toThrow(/object 0 \(Deployment ns\/x\) is invalid for Kubernetes 1\.27 apps\/v1 Deployment: .*selector/);
  });

  test('fails when Kubernetes 1.27 no longer serves the API version', () => {
    expect(() => validateAgainstK8s([{ ...deployment, apiVersion: 'extensions/v1beta1' }])).toThrow(/does not serve extensions\/v1beta1 Deployment/);
  });

  test('fails when apiVersion or kind is missing', () => {
    expect(() => validateAgainstK8s([{ metadata: { name: 'x' } }])).toThrow(/has no apiVersion or kind/);
  });
});
