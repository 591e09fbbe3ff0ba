import { Mixer } from '../../constructs';
import { mergeIstioValues } from '../../istio/istio-values';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('Mixer', () => {
  test('emits the mixer subchart with the chart defaults', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new Mixer(chart, 'mixer'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects).toHaveLength(32);
    expect(objectOf(objects, 'ConfigMap', 'istio-statsd-prom-bridge').data).toEqual({ 'mapping.conf': '' });
    expect(objectOf(objects, 'ClusterRoleBinding', 'istio-mixer-admin-role-binding-istio-system').roleRef.name).toBe('istio-mixer-istio-system');
    for (const type of ['policy', 'telemetry']) {
      expect(objectOf(objects, 'Deployment', `istio-${type}`).spec.template.spec.serviceAccountName).toBe('istio-mixer-service-account');
    }
  });

  test('names the cluster-wide objects after another namespace and puts the rest in it', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new Mixer(chart, 'mixer', { namespace: 'mesh-control' }));
    // THEN
    validateAgainstK8s(objects);
    const binding = objectOf(objects, 'ClusterRoleBinding', 'istio-mixer-admin-role-binding-mesh-control');
    expect(binding.roleRef.name).toBe('istio-mixer-mesh-control');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'istio-mixer-service-account', namespace: 'mesh-control' }]);
    const namespaced = objects.filter((o) => !o.kind.startsWith('Cluster'));
    expect(namespaced.every((o) => o.metadata.namespace === 'mesh-control')).toBe(true);
    expect(objectOf(objects, 'Deployment', 'istio-telemetry').spec.template.spec.containers[0].args).toContain('--configDefaultNamespace=mesh-control');
  });

  test('gives the account the pull secrets of global.imagePullSecrets', () => {
    // GIVEN
    const values = mergeIstioValues({ global: { imagePullSecrets: ['regcred'] } });
    // WHEN
    const objects = synthChart((chart) => new Mixer(chart, 'mixer', { global: values.global, mixer: values.mixer }));
    // THEN
    expect(objectOf(objects, 'ServiceAccount', 'istio-mixer-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(objectOf(synthChart((chart) => new Mixer(chart, 'mixer')), 'ServiceAccount', 'istio-mixer-service-account').imagePullSecrets).toBeUndefined();
  });
});
