import { securitySchema, sidecarInjectorWebhookSchema } from '../../istio/shared-subchart-values';
import { ISTIO_DEFAULTS } from '../../istio/istio-values';
import { ISTIO_REMOTE_DEFAULTS } from '../../istio/istio-remote-values';

describe('the shared subchart values', () => {
  test('are the same in both charts', () => {
    expect(ISTIO_DEFAULTS.sidecarInjectorWebhook).toEqual(ISTIO_REMOTE_DEFAULTS.sidecarInjectorWebhook);
    // the primary adds only `security.enabled`, its requirements condition, which values.yaml leaves unset
    expect(ISTIO_DEFAULTS.security).toEqual(ISTIO_REMOTE_DEFAULTS.security);
  });

  test('take resources and nameOverride, which the subchart templates read', () => {
    const resources = { requests: { cpu: '50m' } };
    expect(securitySchema.parse({ resources, nameOverride: 'ca' })).toMatchObject({ resources, nameOverride: 'ca', selfSigned: true });
    expect(sidecarInjectorWebhookSchema.parse({ resources })).toMatchObject({ resources, enabled: true });
  });

  test('fails when a key is unknown or a count negative', () => {
    expect(securitySchema.safeParse({ selfsigned: false }).success).toBe(false);
    expect(sidecarInjectorWebhookSchema.safeParse({ replicaCount: -1 }).success).toBe(false);
  });
});
