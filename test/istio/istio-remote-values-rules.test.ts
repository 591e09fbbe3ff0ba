import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { errorsOf } from '../../istio/global-values-rules';
import { checkIstioRemoteValues } from '../../istio/istio-remote-values-rules';

const PILOT: IstioRemoteValuesOverlay = { global: { remotePilotAddress: '10.8.0.12' } };
const check = (...overlays: IstioRemoteValuesOverlay[]) => checkIstioRemoteValues(mergeIstioRemoteValues(PILOT, ...overlays));
const paths = (...overlays: IstioRemoteValuesOverlay[]) => check(...overlays).map((f) => `${f.severity ?? 'error'} ${f.path.join('.')}`);

describe('checkIstioRemoteValues', () => {
  test('accepts the three reference value sets', () => {
    const statsd = { enabled: true, host: '10.8.0.15', port: 9125 };
    expect(check({ global: { remotePolicyAddress: '10.8.0.13', remoteZipkinAddress: '10.8.0.16', proxy: { envoyStatsd: statsd } } })).toEqual([]);
    expect(check({ global: { remotePilotCreateSvcEndpoint: true, controlPlaneSecurityEnabled: true, proxy: { envoyStatsd: statsd } } })).toEqual([]);
  });

  test('accepts host names where no Endpoints are made', () => {
    expect(check({ global: { remotePilotAddress: 'istio-pilot.primary.example.com', remoteTelemetryAddress: 'telemetry' } })).toEqual([]);
  });

  test('accepts upper-case host names, since DNS ignores case', () => {
    const statsd = { enabled: true, host: 'StatsD.Example.com', port: 9125 };
    expect(check({ global: { remotePilotAddress: 'Istio-Pilot.Primary.EXAMPLE.com', proxy: { envoyStatsd: statsd } } })).toEqual([]);
  });

  test('accepts architecture weights up to 100, as a preferred node affinity takes them', () => {
    expect(check({ global: { arch: { amd64: 100, s390x: 0, ppc64le: 0 } } })).toEqual([]);
  });

  test('fails when remotePilotAddress is empty', () => {
    const findings = checkIstioRemoteValues(mergeIstioRemoteValues());
    expect(findings).toEqual([expect.objectContaining({ path: ['global', 'remotePilotAddress'], value: '' })]);
    expect(findings[0].hint).toContain('--set global.remotePilotAddress=');
  });

  test('fails when an address is neither an IP nor a host name', () => {
    expect(paths({ global: { remotePolicyAddress: 'http://policy:9091', remoteZipkinAddress: 'Zipkin_1' } })).toEqual([
      'error global.remotePolicyAddress',
      'error global.remoteZipkinAddress',
    ]);
  });

  test('fails when remotePilotCreateSvcEndpoint is set with a host name', () => {
    const [finding] = check({ global: { remotePilotCreateSvcEndpoint: true, remotePilotAddress: 'pilot.example.com' } });
    expect(finding).toMatchObject({ path: ['global', 'remotePilotAddress'], value: 'pilot.example.com', allowed: 'an IPv4 or IPv6 address' });
    expect(finding.problem).toMatch(/Endpoints, which take only IP addresses/);
  });

  test('accepts an IPv6 Pilot address for the selector-less Endpoints', () => {
    expect(check({ global: { remotePilotCreateSvcEndpoint: true, remotePilotAddress: 'fd00::12' } })).toEqual([]);
  });

  test('fails when statsd is enabled without a host', () => {
    expect(paths({ global: { proxy: { envoyStatsd: { enabled: true, port: 9125 } } } })).toEqual(['error global.proxy.envoyStatsd.host']);
  });

  test('fails when the statsd host is not an address', () => {
    expect(paths({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd:9125', port: 9125 } } } })).toEqual(['error global.proxy.envoyStatsd.host']);
  });

  test('fails when the statsd port is out of range', () => {
    expect(paths({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd', port: 70000 } } } })).toEqual(['error global.proxy.envoyStatsd.port']);
    expect(paths({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd', port: 0 } } } })).toEqual(['error global.proxy.envoyStatsd.port']);
  });

  test('warns, without failing, when statsd has no port (9125 is used)', () => {
    const findings = check({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd' } } } });
    expect(findings.map((f) => `${f.severity} ${f.path.join('.')}`)).toEqual(['warning global.proxy.envoyStatsd.port']);
    expect(errorsOf(findings)).toEqual([]);
  });

  test('accepts capture ranges and ports as the injector takes them', () => {
    expect(check({ global: { proxy: { includeIPRanges: '10.0.0.0/8,172.16.0.0/12', excludeIPRanges: 'fd00::/64', excludeInboundPorts: '8081,15020' } } })).toEqual([]);
  });

  test('fails when a capture range is not a CIDR', () => {
    const findings = check({ global: { proxy: { includeIPRanges: '10.8.0.1/16,10.0.0.0/8', excludeIPRanges: '*' } } });
    expect(findings.map((f) => f.path.join('.'))).toEqual(['global.proxy.includeIPRanges', 'global.proxy.excludeIPRanges']);
    expect(findings[0]).toMatchObject({ problem: 'has "10.8.0.1/16", not a network CIDR', hint: 'did you mean 10.8.0.0/16?' });
    // iptables gets the list as written: no spaces after commas
    expect(paths({ global: { proxy: { includeIPRanges: '10.0.0.0/8, 172.16.0.0/12' } } })).toEqual(['error global.proxy.includeIPRanges']);
  });

  test('fails when an excluded inbound port is not a port', () => {
    expect(paths({ global: { proxy: { excludeInboundPorts: '8081,http' } } })).toEqual(['error global.proxy.excludeInboundPorts']);
    expect(paths({ global: { proxy: { excludeInboundPorts: '70000' } } })).toEqual(['error global.proxy.excludeInboundPorts']);
  });

  test('fails when every architecture has weight 0', () => {
    expect(paths({ global: { arch: { amd64: 0, s390x: 0, ppc64le: 0 } } })).toEqual(['error global.arch']);
  });

  test('reports every problem at once', () => {
    expect(
      paths({
        global: {
          remotePilotCreateSvcEndpoint: true,
          remotePilotAddress: 'pilot.example.com',
          proxy: { envoyStatsd: { enabled: true } },
        },
      }),
    ).toEqual(['error global.remotePilotAddress', 'error global.proxy.envoyStatsd.host', 'warning global.proxy.envoyStatsd.port']);
  });
});
