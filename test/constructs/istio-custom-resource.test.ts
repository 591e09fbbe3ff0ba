import { IstioCustomResource } from '../../constructs';
import { synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('IstioCustomResource', () => {
  test('renders the kind, name, namespace and spec given, and nothing else', () => {
    // GIVEN / WHEN a mixer rule
    const objects = synthChart(
      (chart) =>
        new IstioCustomResource(chart, 'rule', {
          apiVersion: 'config.istio.io/v1alpha2',
          kind: 'rule',
          name: 'promtcp',
          namespace: 'mesh',
          spec: { match: 'context.protocol == "tcp"', actions: [{ handler: 'handler.prometheus', instances: ['tcpbytesent.metric'] }] },
        }),
    );
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects).toEqual([
      {
        apiVersion: 'config.istio.io/v1alpha2',
        kind: 'rule',
        metadata: { name: 'promtcp', namespace: 'mesh' },
        spec: { match: 'context.protocol == "tcp"', actions: [{ handler: 'handler.prometheus', instances: ['tcpbytesent.metric'] }] },
      },
    ]);
  });

  test('writes spec: null when the spec is null', () => {
    // GIVEN / WHEN a handler whose spec the chart leaves empty
    const objects = synthChart(
      (chart) => new IstioCustomResource(chart, 'env', { apiVersion: 'config.istio.io/v1alpha2', kind: 'kubernetesenv', name: 'handler', namespace: 'mesh', spec: null }),
    );
    // THEN cdk8s's dropping of nulls does not apply to it
    expect(objects).toEqual([{ apiVersion: 'config.istio.io/v1alpha2', kind: 'kubernetesenv', metadata: { name: 'handler', namespace: 'mesh' }, spec: null }]);
  });

  test('takes no namespace for a cluster-scoped kind', () => {
    // GIVEN / WHEN the mesh-wide authentication policy
    const objects = synthChart(
      (chart) => new IstioCustomResource(chart, 'policy', { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'MeshPolicy', name: 'default', spec: { peers: [] } }),
    );
    // THEN
    validateAgainstK8s(objects);
    expect(objects[0].metadata).toEqual({ name: 'default' });
  });

  test('fails when no CRD of the chart serves the kind at that version', () => {
    // GIVEN / WHEN / THEN a 1.1 kind, and a 1.0 kind at a version it is not served in
    expect(() => synthChart((chart) => new IstioCustomResource(chart, 'r', { apiVersion: 'networking.istio.io/v1alpha3', kind: 'Sidecar', name: 'default', namespace: 'ns', spec: {} }))).toThrow(
      'networking.istio.io/v1alpha3 Sidecar ns/default: no Istio 1.0.7 CRD serves this kind at this version',
    );
    expect(() => synthChart((chart) => new IstioCustomResource(chart, 'r', { apiVersion: 'config.istio.io/v1beta1', kind: 'rule', name: 'r', namespace: 'ns', spec: {} }))).toThrow(
      /no Istio 1.0.7 CRD serves/,
    );
  });

  test('fails when a namespaced kind has no namespace', () => {
    // GIVEN / WHEN / THEN
    expect(() => synthChart((chart) => new IstioCustomResource(chart, 'r', { apiVersion: 'config.istio.io/v1alpha2', kind: 'rule', name: 'stdio', spec: {} }))).toThrow(
      'config.istio.io/v1alpha2 rule -/stdio: rule is namespaced: give it a namespace',
    );
  });

  test('fails when a cluster-scoped kind has a namespace', () => {
    // GIVEN / WHEN / THEN
    expect(() =>
      synthChart((chart) => new IstioCustomResource(chart, 'r', { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'MeshPolicy', name: 'default', namespace: 'ns', spec: {} })),
    ).toThrow('authentication.istio.io/v1alpha1 MeshPolicy ns/default: MeshPolicy is cluster-scoped: give it no namespace');
  });
});
