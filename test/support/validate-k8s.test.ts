import { validateAgainstK8s } from './validate-k8s';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'x', namespace: 'ns' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
};

describe('validateAgainstK8s', () => {
  test('accepts valid objects and Istio custom resources that one of its CRDs serves', () => {
    expect(() =>
      validateAgainstK8s([
        deployment,
        { apiVersion: 'networking.istio.io/v1alpha3', kind: 'DestinationRule', metadata: { name: 'd', namespace: 'ns' }, spec: { whatever: 1 } },
        { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'MeshPolicy', metadata: { name: 'default' }, spec: {} },
      ]),
    ).not.toThrow();
  });

  const rule = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'DestinationRule', metadata: { name: 'd', namespace: 'ns' } };
  test.each([
    ['its kind has no Istio 1.0.7 CRD', { ...rule, kind: 'Sidecar' }, /no Istio 1\.0\.7 CRD serves networking\.istio\.io\/v1alpha3 Sidecar/],
    ['its version is not the one its CRD serves', { ...rule, apiVersion: 'networking.istio.io/v1beta1' }, /no Istio 1\.0\.7 CRD serves networking\.istio\.io\/v1beta1 DestinationRule/],
    ['a namespaced one has no namespace', { ...rule, metadata: { name: 'd' } }, /DestinationRule is namespaced and needs metadata\.namespace/],
    ['a cluster-scoped one has a namespace', { ...rule, kind: 'MeshPolicy', apiVersion: 'authentication.istio.io/v1alpha1' }, /MeshPolicy is cluster-scoped and takes no metadata\.namespace/],
    ['it has no name', { ...rule, metadata: { namespace: 'ns' } }, /has no metadata\.name/],
  ])('fails when an Istio custom resource: %s', (_what, object, message) => {
    expect(() => validateAgainstK8s([object])).toThrow(message);
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

describe('validateAgainstK8s on CustomResourceDefinitions', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gateways.networking.istio.io' },
    spec: {
      group: 'networking.istio.io',
      names: { kind: 'Gateway', plural: 'gateways' },
      scope: 'Namespaced',
      versions: [{ name: 'v1alpha3', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };

  test('accepts an apiextensions.k8s.io/v1 CRD', () => {
    expect(() => validateAgainstK8s([crd])).not.toThrow();
  });

  test('fails when the CRD is v1beta1, which Kubernetes 1.27 no longer serves', () => {
    const { versions: _versions, ...spec } = crd.spec;
    expect(() => validateAgainstK8s([{ ...crd, apiVersion: 'apiextensions.k8s.io/v1beta1', spec: { ...spec, version: 'v1alpha3' } }])).toThrow(
      /does not serve apiextensions\.k8s\.io\/v1beta1 CustomResourceDefinition/,
    );
  });

  test('fails when a v1 CRD has no versions', () => {
    const { versions: _versions, ...spec } = crd.spec;
    expect(() => validateAgainstK8s([{ ...crd, spec }])).toThrow(/invalid for Kubernetes 1\.27 apiextensions\.k8s\.io\/v1 CustomResourceDefinition: .*versions/);
  });

  test("fails when a version's served flag is not a boolean", () => {
    expect(() => validateAgainstK8s([{ ...crd, spec: { ...crd.spec, versions: [{ ...crd.spec.versions[0], served: 'yes' }] } }])).toThrow(/served/);
  });
});
