import { parse } from 'yaml';
import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { IstioMeshConfig, renderMeshConfig } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const PILOT = { global: { remotePilotAddress: '10.8.0.12' } };
const mesh = (...overlays: IstioRemoteValuesOverlay[]) =>
  parse(renderMeshConfig(mergeIstioRemoteValues(PILOT, ...overlays).global, 'istio-system'));

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
    const objects = synthChart((chart) => new IstioMeshConfig(chart, 'mesh', { global: values.global }));
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
        connectTimeout: '10s',
        configPath: '/etc/istio/proxy',
        binaryPath: '/usr/local/bin/envoy',
        serviceCluster: 'istio-proxy',
        drainDuration: '45s',
        parentShutdownDuration: '1m0s',
        proxyAdminPort: 15000,
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
    expect(parse(renderMeshConfig(values.global, 'mesh')).defaultConfig.discoveryAddress).toBe('istio-pilot.mesh:15007');
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
