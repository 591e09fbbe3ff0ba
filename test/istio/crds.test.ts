import { crdName, ISTIO_CRDS, istioCrdFor, isIstioApiVersion } from '../../istio/crds';

describe('ISTIO_CRDS', () => {
  it('holds the chart\'s 50 CRDs, each name once, in four groups', () => {
    // GIVEN / WHEN the table
    const names = ISTIO_CRDS.map(crdName);
    // THEN
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
    expect([...new Set(ISTIO_CRDS.map((crd) => crd.group))]).toEqual(['networking.istio.io', 'authentication.istio.io', 'config.istio.io', 'rbac.istio.io']);
    expect(names.slice(0, 2)).toEqual(['virtualservices.networking.istio.io', 'destinationrules.networking.istio.io']);
  });

  it('makes MeshPolicy the only cluster-scoped kind', () => {
    expect(ISTIO_CRDS.filter((crd) => crd.scope === 'Cluster').map((crd) => crd.kind)).toEqual(['MeshPolicy']);
  });
});

describe('istioCrdFor', () => {
  it('finds the CRD that serves an apiVersion and kind', () => {
    // GIVEN / WHEN / THEN
    expect(istioCrdFor('networking.istio.io/v1alpha3', 'Gateway')).toMatchObject({ plural: 'gateways', version: 'v1alpha3' });
    expect(istioCrdFor('config.istio.io/v1alpha2', 'kubernetes')).toMatchObject({ plural: 'kuberneteses' });
  });

  it('finds none for a version the CRD does not serve, or a kind Istio 1.0.7 does not define', () => {
    expect(istioCrdFor('networking.istio.io/v1beta1', 'Gateway')).toBeUndefined();
    expect(istioCrdFor('networking.istio.io/v1alpha3', 'Sidecar')).toBeUndefined();
  });
});

describe('isIstioApiVersion', () => {
  it.each([
    ['networking.istio.io/v1alpha3', true],
    ['authentication.istio.io/v1alpha1', true],
    ['apps/v1', false],
    ['v1', false],
    ['apiextensions.k8s.io/v1', false],
    ['notistio.io/v1', false],
  ])('%s: %s', (apiVersion, expected) => {
    expect(isIstioApiVersion(apiVersion)).toBe(expected);
  });
});
