import { parse } from 'yaml';
import { galleyWebhookConfiguration } from '../../constructs/galley-webhook-configuration';

describe('galleyWebhookConfiguration', () => {
  test("is the chart's file, with Pilot's and Mixer's webhooks", () => {
    // GIVEN / WHEN the default namespace with validation on
    const text = galleyWebhookConfiguration('istio-system', true);
    // THEN
    expect(text).toMatchSnapshot();
    const file = parse(text);
    expect(file.apiVersion).toBe('admissionregistration.k8s.io/v1beta1');
    expect(file.webhooks.map((w: any) => [w.name, w.clientConfig.service.path, w.failurePolicy])).toEqual([
      ['pilot.validation.istio.io', '/admitpilot', 'Fail'],
      ['mixer.validation.istio.io', '/admitmixer', 'Fail'],
    ]);
    expect(file.webhooks[0].rules.map((r: any) => r.apiGroups[0])).toEqual(['config.istio.io', 'rbac.istio.io', 'authentication.istio.io', 'networking.istio.io']);
    expect(file.webhooks[1].rules[0].resources).toHaveLength(27);
  });

  test('names the namespace wherever the file points at Galley', () => {
    const text = galleyWebhookConfiguration('mesh', true);
    expect(text.match(/namespace: (\S+)/g)).toEqual(['namespace: mesh', 'namespace: mesh', 'namespace: mesh']);
  });

  test('leaves webhooks empty without validation', () => {
    const file = parse(galleyWebhookConfiguration('istio-system', false));
    expect(file.metadata).toEqual({ name: 'istio-galley', namespace: 'istio-system', labels: { app: 'istio-galley' } });
    expect(file.webhooks).toBeNull();
  });
});
