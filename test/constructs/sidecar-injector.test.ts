import { mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { SidecarInjector } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('SidecarInjector', () => {
  test('emits the injector account, RBAC, Service, Deployment and webhook', () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new SidecarInjector(chart, 'injector'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-sidecar-injector-service-account',
      'ClusterRole/istio-sidecar-injector-istio-system',
      'ClusterRoleBinding/istio-sidecar-injector-admin-role-binding-istio-system',
      'Service/istio-sidecar-injector',
      'Deployment/istio-sidecar-injector',
      'MutatingWebhookConfiguration/istio-sidecar-injector',
    ]);
  });

  test('uses admissionregistration.k8s.io/v1 with the fields v1 requires, and no namespace on the webhook', () => {
    const webhookConfig = objectOf(synthChart((chart) => new SidecarInjector(chart, 'injector', { namespace: 'mesh' })), 'MutatingWebhookConfiguration', 'istio-sidecar-injector');
    expect(webhookConfig.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(webhookConfig.metadata.namespace).toBeUndefined();
    const [webhook] = webhookConfig.webhooks;
    expect(webhook.sideEffects).toBe('None');
    expect(webhook.admissionReviewVersions).toEqual(['v1beta1']);
    expect(webhook.clientConfig.service).toEqual({ name: 'istio-sidecar-injector', namespace: 'mesh', path: '/inject' });
    expect(webhook.namespaceSelector).toEqual({ matchLabels: { 'istio-injection': 'enabled' } });
  });

  test('injects every namespace not opted out when enableNamespacesByDefault', () => {
    // GIVEN
    const values = mergeIstioRemoteValues({ sidecarInjectorWebhook: { enableNamespacesByDefault: true } });
    // WHEN
    const objects = synthChart((chart) => new SidecarInjector(chart, 'injector', { global: values.global, sidecarInjectorWebhook: values.sidecarInjectorWebhook }));
    // THEN
    expect(objectOf(objects, 'MutatingWebhookConfiguration', 'istio-sidecar-injector').webhooks[0].namespaceSelector).toEqual({
      matchExpressions: [{ key: 'istio-injection', operator: 'NotIn', values: ['disabled'] }],
    });
  });

  test('runs the configured image and replicas with a selector matching its pods', () => {
    // GIVEN
    const values = mergeIstioRemoteValues({ global: { tag: '1.0.6' }, sidecarInjectorWebhook: { replicaCount: 3 } });
    // WHEN
    const deployment = objectOf(
      synthChart((chart) => new SidecarInjector(chart, 'injector', { global: values.global, sidecarInjectorWebhook: values.sidecarInjectorWebhook })),
      'Deployment',
      'istio-sidecar-injector',
    );
    // THEN
    expect(deployment.apiVersion).toBe('apps/v1');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    expect(deployment.spec.template.spec.containers[0].image).toBe('docker.io/istio/sidecar_injector:1.0.6');
    expect(deployment.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['config-volume', 'certs', 'inject-config']);
  });

  test('takes sidecarInjectorWebhook.resources over global.defaultResources', () => {
    const values = mergeIstioRemoteValues({ sidecarInjectorWebhook: { resources: { requests: { cpu: '20m' } } } });
    const objects = synthChart((chart) => new SidecarInjector(chart, 'injector', { global: values.global, sidecarInjectorWebhook: values.sidecarInjectorWebhook }));
    expect(objectOf(objects, 'Deployment', 'istio-sidecar-injector').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '20m' } });
  });
});
