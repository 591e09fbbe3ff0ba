import { Testing } from 'cdk8s';
import { IstioCustomResourceDefinition } from '../../constructs/istio-custom-resource-definition';
import { ISTIO_CRDS, type IstioCrd } from '../../istio/crds';
import { synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const MESH_POLICY = ISTIO_CRDS.find((crd) => crd.kind === 'MeshPolicy')!;

describe('IstioCustomResourceDefinition', () => {
  it('renders an apiextensions.k8s.io/v1 CRD with one served, stored version that keeps every field', () => {
    // GIVEN the MeshPolicy CRD's facts
    const chart = Testing.chart();

    // WHEN
    new IstioCustomResourceDefinition(chart, 'MeshPolicy', MESH_POLICY);

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest).toHaveLength(1);
    expect(manifest[0].metadata).toEqual({ name: 'meshpolicies.authentication.istio.io' });
    expect(manifest[0].spec.scope).toBe('Cluster');
    expect(manifest[0].spec.versions).toEqual([
      { name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    ]);
  });

  it('emits every one of the 50 CRDs as Kubernetes 1.27 accepts it, each with its own name', () => {
    // GIVEN all of Istio's CRDs
    // WHEN each is rendered
    const objects = synthChart((chart) => ISTIO_CRDS.forEach((crd, i) => new IstioCustomResourceDefinition(chart, `Crd${i}`, crd)));
    // THEN
    expect(objects).toHaveLength(50);
    expect(() => validateAgainstK8s(objects)).not.toThrow();
    expect(new Set(objects.map((o) => o.metadata.name)).size).toBe(50);
    expect(objects.map((o) => o.apiVersion)).toEqual(Array(50).fill('apiextensions.k8s.io/v1'));
  });

  it('leaves out what the chart leaves out: no listKind, categories or labels where it has none', () => {
    // GIVEN redisquota, to which the chart gives no categories and no app label
    const redisquota = ISTIO_CRDS.find((crd) => crd.kind === 'redisquota')!;
    // WHEN
    const [object] = synthChart((chart) => new IstioCustomResourceDefinition(chart, 'Crd', redisquota));
    // THEN
    expect(object.metadata.labels).toEqual({ package: 'redisquota', istio: 'mixer-adapter' });
    expect(object.spec.names).toEqual({ kind: 'redisquota', plural: 'redisquotas', singular: 'redisquota' });
  });

  const broken: [string, Partial<IstioCrd>, RegExp][] = [
    ['its plural is not a DNS-1035 label', { plural: 'Mesh_Policies' }, /spec\.names\.plural "Mesh_Policies" is not a DNS-1035 label/],
    ['its singular is not a DNS-1035 label', { singular: '1meshpolicy' }, /spec\.names\.singular "1meshpolicy" is not a DNS-1035 label/],
    ['its kind, lower-cased, is not a DNS-1035 label', { kind: 'Mesh.Policy' }, /spec\.names\.kind \(lower-cased\) "mesh\.policy" is not a DNS-1035 label/],
    ['its listKind, lower-cased, is not a DNS-1035 label', { listKind: 'Mesh Policies' }, /spec\.names\.listKind \(lower-cased\) "mesh policies"/],
    ['a category is not a DNS-1035 label', { categories: ['istio-io', 'Istio.IO'] }, /spec\.names\.categories\[1\] "Istio\.IO" is not a DNS-1035 label/],
    ['its version is not a DNS-1035 label', { version: 'v1.0' }, /spec\.versions\[0\]\.name "v1\.0" is not a DNS-1035 label/],
    ['its group has no dot', { group: 'istio' }, /spec\.group "istio" is not a DNS subdomain with at least one dot/],
    ['its group is not a DNS name', { group: 'Istio.io' }, /spec\.group "Istio\.io" is not a DNS subdomain/],
    ['its listKind is its kind', { listKind: 'MeshPolicy' }, /spec\.names\.listKind "MeshPolicy" equals the kind.*use "MeshPolicyList"/],
  ];
  it.each(broken)('fails when %s, naming the CRD and the table to fix', (_what, change, message) => {
    // GIVEN a CRD entry with one mistake
    const chart = Testing.chart();
    // WHEN / THEN
    expect(() => new IstioCustomResourceDefinition(chart, 'Crd', { ...MESH_POLICY, ...change })).toThrow(message);
    expect(() => new IstioCustomResourceDefinition(chart, 'Crd2', { ...MESH_POLICY, ...change })).toThrow(/^CustomResourceDefinition [a-z.\-_A-Z0-9]+: .*(istio\/crds\.ts|use ")/);
  });
});
