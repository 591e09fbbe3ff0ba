import { Chart, Testing } from 'cdk8s';
import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { IstioRemote } from '../../constructs';
import { synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const PILOT: IstioRemoteValuesOverlay = { global: { remotePilotAddress: '10.8.0.12' } };
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'MutatingWebhookConfiguration', 'MeshPolicy']);
const render = (...overlays: IstioRemoteValuesOverlay[]) =>
  synthChart((chart) => new IstioRemote(chart, 'remote', { values: mergeIstioRemoteValues(PILOT, ...overlays) }));
const names = (objects: any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('IstioRemote', () => {
  test('emits the chart objects for the defaults', () => {
    // GIVEN only the Pilot address / WHEN
    const objects = render();
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(names(objects)).toEqual([
      'ServiceAccount/istio-multi',
      'ClusterRole/istio-reader',
      'ClusterRoleBinding/istio-multi',
      'Secret/istio-multi-token',
      'ConfigMap/istio',
      'ConfigMap/istio-sidecar-injector',
      'ServiceAccount/istio-citadel-service-account',
      'ClusterRole/istio-citadel-istio-system',
      'ClusterRoleBinding/istio-citadel-istio-system',
      'Service/istio-citadel',
      'Deployment/istio-citadel',
      'ServiceAccount/istio-sidecar-injector-service-account',
      'ClusterRole/istio-sidecar-injector-istio-system',
      'ClusterRoleBinding/istio-sidecar-injector-admin-role-binding-istio-system',
      'Service/istio-sidecar-injector',
      'Deployment/istio-sidecar-injector',
      'MutatingWebhookConfiguration/istio-sidecar-injector',
    ]);
  });

  test('emits mTLS policy and selector-less Pilot only when asked, and the webhook only when enabled', () => {
    // GIVEN the secure example with the webhook off
    const objects = render({ global: { mtls: { enabled: true }, remotePilotCreateSvcEndpoint: true }, sidecarInjectorWebhook: { enabled: false } });
    // THEN
    validateAgainstK8s(objects);
    const list = names(objects);
    expect(list).toEqual(expect.arrayContaining(['MeshPolicy/default', 'DestinationRule/default', 'DestinationRule/api-server', 'Service/istio-pilot', 'Endpoints/istio-pilot']));
    expect(list.filter((name) => name.includes('sidecar-injector'))).toEqual(['ConfigMap/istio-sidecar-injector']);
  });

  test('namespaces every namespaced object explicitly and no cluster-scoped one', () => {
    const objects = synthChart(
      (chart) =>
        new IstioRemote(chart, 'remote', {
          namespace: 'mesh',
          values: mergeIstioRemoteValues(PILOT, { global: { mtls: { enabled: true }, remotePilotCreateSvcEndpoint: true } }),
        }),
    );
    for (const object of objects) {
      expect(`${object.kind}/${object.metadata.name} ${object.metadata.namespace}`).toBe(
        `${object.kind}/${object.metadata.name} ${CLUSTER_SCOPED.has(object.kind) ? undefined : 'mesh'}`,
      );
    }
  });

  test('is deterministic', () => {
    expect(JSON.stringify(render())).toBe(JSON.stringify(render()));
  });

  test('fails when the values have errors, listing all of them', () => {
    const chart = new Chart(Testing.app(), 'test');
    const values = mergeIstioRemoteValues({ global: { proxy: { envoyStatsd: { enabled: true } } } });
    expect(() => new IstioRemote(chart, 'remote', { values })).toThrow(
      /invalid istio-remote values:\n {2}global\.remotePilotAddress: "" is empty.*\n {2}global\.proxy\.envoyStatsd\.host: is missing/,
    );
  });

  test('fails when the namespace is not a DNS-1123 label', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new IstioRemote(chart, 'remote', { namespace: 'Istio_System', values: mergeIstioRemoteValues(PILOT) })).toThrow(
      /namespace "Istio_System" is not a DNS-1123 label/,
    );
  });

  test('leaves the injector ConfigMap out with omitSidecarInjectorConfigMap', () => {
    expect(names(render({ global: { omitSidecarInjectorConfigMap: true } }))).not.toContain('ConfigMap/istio-sidecar-injector');
    expect(names(render())).toContain('ConfigMap/istio-sidecar-injector');
  });

  test("labels the chart's ConfigMaps with nameOverride", () => {
    const objects = render({ nameOverride: 'remote-east' });
    const apps = objects.filter((o) => o.kind === 'ConfigMap').map((o) => `${o.metadata.name}=${o.metadata.labels.app}`);
    expect(apps).toEqual(['istio=remote-east', 'istio-sidecar-injector=remote-east']);
  });
});
