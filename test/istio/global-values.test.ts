import { archWeightSchema, computeResourcesSchema } from '../../istio/global-values';
import { ISTIO_DEFAULTS } from '../../istio/istio-values';
import { ISTIO_REMOTE_DEFAULTS } from '../../istio/istio-remote-values';

describe('the shared global values', () => {
  test('give both charts the same defaults, the sidecar resources aside', () => {
    // GIVEN both charts' defaults
    const { proxy: remoteProxy, ...remote } = ISTIO_REMOTE_DEFAULTS.global;
    const { proxy: primaryProxy, ...primary } = ISTIO_DEFAULTS.global;
    // THEN every key both have is equal
    for (const key of Object.keys(remote).filter((k) => k in primary)) {
      expect([key, primary[key as keyof typeof primary]]).toEqual([key, remote[key as keyof typeof remote]]);
    }
    for (const key of Object.keys(remoteProxy).filter((k) => k !== 'resources')) {
      expect([key, primaryProxy[key as keyof typeof primaryProxy]]).toEqual([key, remoteProxy[key as keyof typeof remoteProxy]]);
    }
    // and each chart has its own sidecar resources
    expect(remoteProxy.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(primaryProxy.resources).toEqual({ requests: { cpu: '10m' } });
  });

  test('take architecture weights from 0 (never) to 100, as a preferred node affinity does', () => {
    expect([0, 1, 3, 100].map((w) => archWeightSchema.safeParse(w).success)).toEqual([true, true, true, true]);
  });

  test('fails when a weight is outside 0 to 100 or not whole', () => {
    expect([-1, 101, 1.5].map((w) => archWeightSchema.safeParse(w).success)).toEqual([false, false, false]);
  });

  test('fails when resources have an unknown key', () => {
    expect(computeResourcesSchema.safeParse({ request: { cpu: '1' } }).success).toBe(false);
    expect(computeResourcesSchema.safeParse({ requests: { cpu: '100m', memory: 128 } }).success).toBe(true);
  });
});
