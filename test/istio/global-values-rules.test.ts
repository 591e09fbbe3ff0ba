import { checkSharedGlobalValues, errorsOf } from '../../istio/global-values-rules';
import { mergeIstioValues } from '../../istio/istio-values';
import { mergeIstioRemoteValues } from '../../istio/istio-remote-values';

describe('checkSharedGlobalValues', () => {
  test('accepts both charts\' default global', () => {
    expect(checkSharedGlobalValues(mergeIstioValues().global)).toEqual([]);
    expect(checkSharedGlobalValues(mergeIstioRemoteValues().global)).toEqual([]);
  });

  test('fails alike in both charts when statsd is on without a host, or a range is no CIDR', () => {
    const global = { proxy: { envoyStatsd: { enabled: true }, excludeIPRanges: '10.0.0.1/8' } };
    const primary = errorsOf(checkSharedGlobalValues(mergeIstioValues({ global }).global));
    const remote = errorsOf(checkSharedGlobalValues(mergeIstioRemoteValues({ global }).global));
    expect(primary.map((f) => f.path.join('.'))).toEqual(['global.proxy.envoyStatsd.host', 'global.proxy.excludeIPRanges']);
    expect(remote).toEqual(primary);
  });

  test('fails when every architecture has weight 0', () => {
    const [finding] = checkSharedGlobalValues(mergeIstioValues({ global: { arch: { amd64: 0, s390x: 0, ppc64le: 0 } } }).global);
    expect(finding).toMatchObject({ path: ['global', 'arch'], allowed: 'at least one architecture with weight 1 to 100' });
  });

  test('accepts upper-case statsd host names', () => {
    const global = { proxy: { envoyStatsd: { enabled: true, host: 'StatsD.Example.COM', port: 9125 } } };
    expect(checkSharedGlobalValues(mergeIstioValues({ global }).global)).toEqual([]);
  });
});
