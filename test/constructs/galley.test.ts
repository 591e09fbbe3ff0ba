import { parse } from 'yaml';
import { mergeIstioValues } from '../../istio/istio-values';
import { Galley, IstioControlPlane } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('Galley', () => {
  test("emits the chart's validator with its account, configuration and Service by default", () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new Galley(chart, 'galley'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-galley-service-account',
      'ClusterRole/istio-galley-istio-system',
      'ClusterRoleBinding/istio-galley-admin-role-binding-istio-system',
      'ConfigMap/istio-galley-configuration',
      'Service/istio-galley',
      'Deployment/istio-galley',
    ]);
    const deployment = objectOf(objects, 'Deployment', 'istio-galley');
    expect(deployment.apiVersion).toBe('apps/v1');
    expect(deployment.spec.selector).toEqual({ matchLabels: { istio: 'galley' } });
    expect(deployment.metadata.labels).toEqual({ app: 'galley', istio: 'galley' });
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('docker.io/istio/galley:1.0.7');
    // the file the validator registers is the ConfigMap's key, mounted where the flag points
    expect(container.command.slice(-2)).toEqual(['--webhook-config-file', '/etc/istio/config/validatingwebhookconfiguration.yaml']);
    expect(deployment.spec.template.spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'istio-galley-configuration' } });
    const webhooks = parse(objectOf(objects, 'ConfigMap', 'istio-galley-configuration').data['validatingwebhookconfiguration.yaml']);
    expect(webhooks.webhooks.map((w: any) => w.name)).toEqual(['pilot.validation.istio.io', 'mixer.validation.istio.io']);
  });

  test('registers no webhook when global.configValidation is off', () => {
    // GIVEN validation turned off
    const values = mergeIstioValues({ global: { configValidation: false } });
    // WHEN
    const objects = synthChart((chart) => new Galley(chart, 'galley', { global: values.global, galley: values.galley }));
    // THEN the validator still runs, with an empty webhook list to register
    validateAgainstK8s(objects);
    const file = parse(objectOf(objects, 'ConfigMap', 'istio-galley-configuration').data['validatingwebhookconfiguration.yaml']);
    expect(file.kind).toBe('ValidatingWebhookConfiguration');
    expect(file.webhooks).toBeNull();
    expect(objectOf(objects, 'Deployment', 'istio-galley').spec.template.spec.containers[0].name).toBe('validator');
  });

  test('names its cluster-wide objects, flags and webhook Service after another namespace', () => {
    // GIVEN another control-plane namespace
    const objects = synthChart((chart) => new Galley(chart, 'galley', { namespace: 'mesh' }));
    // THEN
    validateAgainstK8s(objects);
    const binding = objectOf(objects, 'ClusterRoleBinding', 'istio-galley-admin-role-binding-mesh');
    expect(binding.roleRef.name).toBe('istio-galley-mesh');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'istio-galley-service-account', namespace: 'mesh' }]);
    expect(objectOf(objects, 'Deployment', 'istio-galley').spec.template.spec.containers[0].command).toContain('--deployment-namespace=mesh');
    const file = parse(objectOf(objects, 'ConfigMap', 'istio-galley-configuration').data['validatingwebhookconfiguration.yaml']);
    expect(file.metadata.namespace).toBe('mesh');
    expect(file.webhooks.map((w: any) => w.clientConfig.service)).toEqual([
      { name: 'istio-galley', namespace: 'mesh', path: '/admitpilot' },
      { name: 'istio-galley', namespace: 'mesh', path: '/admitmixer' },
    ]);
  });

  test('takes hub, tag, image, replicas, pull secrets, priority class and resources from the values', () => {
    // GIVEN non-default values
    const values = mergeIstioValues({
      global: { hub: 'registry.example/istio', tag: '1.0.7-patched', imagePullSecrets: ['regcred'], priorityClassName: 'system-cluster-critical' },
      galley: { replicaCount: 2, image: 'galley-debug', resources: { limits: { memory: '256Mi' } } },
    });
    // WHEN
    const objects = synthChart((chart) => new Galley(chart, 'galley', { global: values.global, galley: values.galley }));
    // THEN
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'istio-galley');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.example/istio/galley-debug:1.0.7-patched',
      resources: { limits: { memory: '256Mi' } },
    });
    expect(objectOf(objects, 'ServiceAccount', 'istio-galley-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  test('is left out of the control plane when galley.enabled is false', () => {
    // GIVEN galley off
    const values = mergeIstioValues({ galley: { enabled: false } });
    // WHEN the control plane is built
    const objects = synthChart((chart) => new IstioControlPlane(chart, 'cp', { values }));
    // THEN none of its objects is there, and the rest is
    expect(objects.filter((o) => o.metadata.name.includes('galley'))).toEqual([]);
    expect(objects.length).toBeGreaterThan(0);
  });
});
