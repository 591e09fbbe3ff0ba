import { parse } from 'yaml';
import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { IstioMeshConfig, primaryMeshConfig, remoteMeshConfig, renderMeshConfig } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const PILOT = { global: { remotePilotAddress: '10.8.0.12' } };
/** The `defaultConfig` fields both charts fix. */
const FIXED_PROXY_CONFIG = {
  connectTimeout: '10s',
  configPath: '/etc/istio/proxy',
  binaryPath: '/usr/local/bin/envoy',
  serviceCluster: 'istio-proxy',
  drainDuration: '45s',
  parentShutdownDuration: '1m0s',
  proxyAdminPort: 15000,
};
const mesh = (...overlays: IstioRemoteValuesOverlay[]) =>
  parse(renderMeshConfig(remoteMeshConfig(mergeIstioRemoteValues(PILOT, ...overlays).global, 'istio-system')));

describe('IstioMeshConfig', () => {
  test('emits ConfigMap istio with the mesh config', () => {
    // GIVEN every address set, as in the Istio 1.0 multicluster guide
    const values = mergeIstioRemoteValues({
      global: {
        remotePilotAddress: '10.8.0.12',
        remotePolicyAddress: '10.8.0.13',
        remoteTelemetryAddress: '10.8.0.14',
        remoteZipkinAddress: '10.8.0.16',
        proxy: { envoyStatsd: { enabled: true, host: '10.8.0.15', port: 9125 } },
      },
    });
    // WHEN
    const objects = synthChart((chart) => new IstioMeshConfig(chart, 'mesh', { app: 'istio-remote', meshConfig: remoteMeshConfig(values.global, 'istio-system') }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const configMap = objectOf(objects, 'ConfigMap', 'istio');
    expect(configMap.metadata.namespace).toBe('istio-system');
    expect(parse(configMap.data.mesh)).toEqual({
      disablePolicyChecks: false,
      policyCheckFailOpen: false,
      enableTracing: true,
      accessLogFile: '/dev/stdout',
      mixerCheckServer: '10.8.0.13:15004',
      mixerReportServer: '10.8.0.14:15004',
      defaultConfig: {
        ...FIXED_PROXY_CONFIG,
        concurrency: 0,
        zipkinAddress: '10.8.0.16:9411',
        statsdUdpAddress: '10.8.0.15:9125',
        controlPlaneAuthPolicy: 'NONE',
        discoveryAddress: '10.8.0.12:15007',
      },
    });
  });

  test('leaves out policy, telemetry, tracing and statsd settings when their addresses are unset', () => {
    const config = mesh();
    expect(Object.keys(config)).toEqual(['accessLogFile', 'defaultConfig']);
    expect(config.defaultConfig.zipkinAddress).toBeUndefined();
    expect(config.defaultConfig.statsdUdpAddress).toBeUndefined();
  });

  test('uses port 15005 and MUTUAL_TLS with control-plane security', () => {
    expect(mesh({ global: { controlPlaneSecurityEnabled: true } }).defaultConfig).toMatchObject({
      controlPlaneAuthPolicy: 'MUTUAL_TLS',
      discoveryAddress: '10.8.0.12:15005',
    });
  });

  test('points at the local istio-pilot name when the selector-less Service is created', () => {
    const values = mergeIstioRemoteValues(PILOT, { global: { remotePilotCreateSvcEndpoint: true } });
    expect(parse(renderMeshConfig(remoteMeshConfig(values.global, 'mesh'))).defaultConfig.discoveryAddress).toBe('istio-pilot.mesh:15007');
  });

  test('defaults the statsd port to 9125 instead of writing "host:"', () => {
    expect(mesh({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd.example.com' } } } }).defaultConfig.statsdUdpAddress).toBe('statsd.example.com:9125');
  });

  test('brackets IPv6 addresses so that the port stays separate', () => {
    const config = mesh({ global: { remotePilotAddress: 'fd00::12', remotePolicyAddress: 'fd00::13' } });
    expect(config.defaultConfig.discoveryAddress).toBe('[fd00::12]:15007');
    expect(config.mixerCheckServer).toBe('[fd00::13]:15004');
  });

  test('carries the policy, tracing, access log and concurrency values', () => {
    const config = mesh({
      global: {
        remotePolicyAddress: 'policy.example.com',
        remoteZipkinAddress: 'zipkin.example.com',
        disablePolicyChecks: true,
        policyCheckFailOpen: true,
        enableTracing: false,
        proxy: { accessLogFile: '', concurrency: 2 },
      },
    });
    expect(config).toMatchObject({ disablePolicyChecks: true, policyCheckFailOpen: true, enableTracing: false, accessLogFile: '' });
    expect(config.defaultConfig.concurrency).toBe(2);
  });
});

describe('primaryMeshConfig', () => {
  const primary = (overlay: IstioValuesOverlay = {}, namespace = 'istio-system') => {
    const values = mergeIstioValues(overlay);
    return parse(renderMeshConfig(primaryMeshConfig(values.global, values.mixer.enabled, namespace)));
  };

  test('emits the istio chart\'s ConfigMap istio, labelled with the chart name', () => {
    // GIVEN the istio chart's defaults
    const values = mergeIstioValues();
    // WHEN
    const objects = synthChart(
      (chart) => new IstioMeshConfig(chart, 'mesh', { app: 'istio', meshConfig: primaryMeshConfig(values.global, values.mixer.enabled, 'istio-system') }),
    );
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const configMap = objectOf(objects, 'ConfigMap', 'istio');
    expect(configMap.metadata.labels).toEqual({ app: 'istio' });
    expect(parse(configMap.data.mesh)).toEqual({
      disablePolicyChecks: false,
      policyCheckFailOpen: false,
      enableTracing: true,
      accessLogFile: '/dev/stdout',
      mixerCheckServer: 'istio-policy.istio-system.svc.cluster.local:9091',
      mixerReportServer: 'istio-telemetry.istio-system.svc.cluster.local:9091',
      sdsUdsPath: '',
      sdsRefreshDelay: '15s',
      defaultConfig: {
        ...FIXED_PROXY_CONFIG,
        concurrency: 0,
        zipkinAddress: 'zipkin.istio-system:9411',
        controlPlaneAuthPolicy: 'NONE',
        discoveryAddress: 'istio-pilot.istio-system:15007',
      },
    });
  });

  test("dials Mixer's and Pilot's mTLS ports with control-plane security", () => {
    const config = primary({ global: { controlPlaneSecurityEnabled: true } });
    expect(config.mixerCheckServer).toBe('istio-policy.istio-system.svc.cluster.local:15004');
    expect(config.mixerReportServer).toBe('istio-telemetry.istio-system.svc.cluster.local:15004');
    expect(config.defaultConfig).toMatchObject({ controlPlaneAuthPolicy: 'MUTUAL_TLS', discoveryAddress: 'istio-pilot.istio-system:15005' });
  });

  test('leaves Mixer out, with its fail-open setting, when Mixer is not installed', () => {
    const config = primary({ mixer: { enabled: false }, global: { disablePolicyChecks: true } });
    expect(config.mixerCheckServer).toBeUndefined();
    expect(config.mixerReportServer).toBeUndefined();
    expect(config.policyCheckFailOpen).toBeUndefined();
    expect(config.disablePolicyChecks).toBe(true);
  });

  test('names the Services of the release namespace', () => {
    const config = primary({}, 'mesh');
    expect(config.mixerCheckServer).toBe('istio-policy.mesh.svc.cluster.local:9091');
    expect(config.defaultConfig.zipkinAddress).toBe('zipkin.mesh:9411');
    expect(config.defaultConfig.discoveryAddress).toBe('istio-pilot.mesh:15007');
  });

  test('carries statsd, tracing, access log and concurrency values', () => {
    const config = primary({
      global: { enableTracing: false, policyCheckFailOpen: true, proxy: { accessLogFile: '', concurrency: 4, envoyStatsd: { enabled: true, host: 'statsd.example.com' } } },
    });
    expect(config).toMatchObject({ enableTracing: false, policyCheckFailOpen: true, accessLogFile: '' });
    expect(config.defaultConfig).toMatchObject({ concurrency: 4, statsdUdpAddress: 'statsd.example.com:9125' });
    expect(primary().defaultConfig.statsdUdpAddress).toBeUndefined();
  });
});
