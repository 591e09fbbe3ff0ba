import { IstioMultiReader } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('IstioMultiReader', () => {
  test('emits the istio-multi account, its read-only role, the binding and a token Secret', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new IstioMultiReader(chart, 'reader'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-multi',
      'ClusterRole/istio-reader',
      'ClusterRoleBinding/istio-multi',
      'Secret/istio-multi-token',
    ]);
  });

  test('puts the token Secret next to the account, bound to it by annotation', () => {
    // GIVEN a custom namespace
    const objects = synthChart((chart) => new IstioMultiReader(chart, 'reader', { namespace: 'mesh' }));
    // THEN the Secret is the kind the token controller fills in, for istio-multi
    const secret = objectOf(objects, 'Secret', 'istio-multi-token');
    expect(secret.type).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata).toEqual({
      name: 'istio-multi-token',
      namespace: 'mesh',
      annotations: { 'kubernetes.io/service-account.name': 'istio-multi' },
    });
    expect(objectOf(objects, 'ClusterRoleBinding', 'istio-multi').subjects).toEqual([{ kind: 'ServiceAccount', name: 'istio-multi', namespace: 'mesh' }]);
  });

  test('leaves cluster-scoped objects without a namespace', () => {
    const objects = synthChart((chart) => new IstioMultiReader(chart, 'reader'));
    expect(objectOf(objects, 'ClusterRole', 'istio-reader').metadata.namespace).toBeUndefined();
    expect(objectOf(objects, 'ClusterRoleBinding', 'istio-multi').metadata.namespace).toBeUndefined();
    expect(objectOf(objects, 'ServiceAccount', 'istio-multi').metadata.namespace).toBe('istio-system');
  });

  test('grants only reads', () => {
    const role = objectOf(synthChart((chart) => new IstioMultiReader(chart, 'reader')), 'ClusterRole', 'istio-reader');
    expect(role.rules.flatMap((rule: any) => rule.verbs).sort()).toEqual(['get', 'list', 'watch']);
  });
});
