import { mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { mergeIstioValues } from '../../istio/istio-values';
import { IstioCleanupSecrets } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('IstioCleanupSecrets', () => {
  test('emits the uninstall Job with its own account and role, without Helm hook annotations', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new IstioCleanupSecrets(chart, 'cleanup'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-cleanup-secrets-service-account',
      'ClusterRole/istio-cleanup-secrets-istio-system',
      'ClusterRoleBinding/istio-cleanup-secrets-istio-system',
      'Job/istio-cleanup-secrets',
    ]);
    expect(objects.every((o) => o.metadata.annotations === undefined)).toBe(true);
  });

  test('builds the uninstall set in the control-plane namespace from merged values, as the uninstall chart does', () => {
    // GIVEN the values a remote's chart merges
    const values = mergeIstioRemoteValues({ global: { remotePilotAddress: '10.8.0.12' } });
    // WHEN
    const objects = synthChart((chart) => new IstioCleanupSecrets(chart, 'cleanup', { namespace: 'mesh', global: values.global }));
    // THEN
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-cleanup-secrets-service-account',
      'ClusterRole/istio-cleanup-secrets-mesh',
      'ClusterRoleBinding/istio-cleanup-secrets-mesh',
      'Job/istio-cleanup-secrets',
    ]);
  });

  test('deletes only key-and-cert Secrets, with the hyperkube image from the values', () => {
    // GIVEN another hyperkube image
    const values = mergeIstioRemoteValues({ global: { hyperkube: { hub: 'mirror.example/coreos' } } });
    // WHEN
    const objects = synthChart((chart) => new IstioCleanupSecrets(chart, 'cleanup', { namespace: 'mesh', global: values.global }));
    // THEN
    const job = objectOf(objects, 'Job', 'istio-cleanup-secrets');
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.metadata.namespace).toBe('mesh');
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe('mirror.example/coreos/hyperkube:v1.7.6_coreos.0');
    expect(container.command[2]).toContain('grep "istio.io/key-and-cert"');
    expect(objectOf(objects, 'ClusterRole', 'istio-cleanup-secrets-mesh').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'delete'] }]);
  });

  test("takes the istio chart's global block too, for the primary's uninstall set", () => {
    // GIVEN the istio chart's values with a pull secret
    const values = mergeIstioValues({ global: { imagePullSecrets: ['regcred'], hyperkube: { tag: 'v1.7.7' } } });
    // WHEN
    const objects = synthChart((chart) => new IstioCleanupSecrets(chart, 'cleanup', { global: values.global }));
    // THEN
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'ServiceAccount', 'istio-cleanup-secrets-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(objectOf(objects, 'Job', 'istio-cleanup-secrets').spec.template.spec.containers[0].image).toBe('quay.io/coreos/hyperkube:v1.7.7');
  });
});
