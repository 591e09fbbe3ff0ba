import { MeshMtlsPolicy } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('MeshMtlsPolicy', () => {
  test('emits the default MeshPolicy and the two DestinationRules', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new MeshMtlsPolicy(chart, 'mtls'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'MeshPolicy', 'default').spec).toEqual({ peers: [{ mtls: {} }] });
    expect(objectOf(objects, 'DestinationRule', 'default').spec.trafficPolicy.tls.mode).toBe('ISTIO_MUTUAL');
    expect(objectOf(objects, 'DestinationRule', 'api-server').spec).toEqual({
      host: 'kubernetes.default.svc.cluster.local',
      trafficPolicy: { tls: { mode: 'DISABLE' } },
    });
  });

  test('namespaces the DestinationRules in the control-plane namespace, and not the cluster-scoped MeshPolicy', () => {
    // GIVEN a custom namespace
    const objects = synthChart((chart) => new MeshMtlsPolicy(chart, 'mtls', { namespace: 'mesh' }));
    // THEN
    expect(objectOf(objects, 'DestinationRule', 'default').metadata.namespace).toBe('mesh');
    expect(objectOf(objects, 'DestinationRule', 'api-server').metadata.namespace).toBe('mesh');
    expect(objectOf(objects, 'MeshPolicy', 'default').metadata.namespace).toBeUndefined();
    expect(objectOf(objects, 'MeshPolicy', 'default').apiVersion).toBe('authentication.istio.io/v1alpha1');
  });

  test('emits only a PERMISSIVE MeshPolicy when permissive, as the istio chart does without mTLS', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new MeshMtlsPolicy(chart, 'mtls', { permissive: true }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['MeshPolicy/default']);
    expect(objectOf(objects, 'MeshPolicy', 'default')).toMatchObject({
      metadata: { labels: { app: 'istio-security' } },
      spec: { peers: [{ mtls: { mode: 'PERMISSIVE' } }] },
    });
  });
});
