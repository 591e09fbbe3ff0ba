import { topologyErrors } from '../support/topology-errors';

const BASE = `controlPlane:
  pilot: 10.8.0.12
  policy: 10.8.0.13
clusters:
  - name: primary
    role: primary
    podCIDR: 10.8.0.0/16
    serviceCIDR: 10.96.0.0/16
    apiServer: https://primary:6443
  - name: remote-1
    role: remote
    podCIDR: 10.9.0.0/16
    serviceCIDR: 10.97.0.0/16
    apiServer: https://remote-1:6443
    values:
`;

function errorsOf(values: string): string[] {
  return topologyErrors(`${BASE}${values}`);
}

describe('checkValuesBlocks on a remote', () => {
  it('accepts chart values the topology does not set', () => {
    expect(errorsOf('      global:\n        proxy:\n          includeIPRanges: 10.0.0.0/8\n')).toEqual([]);
  });

  it('fails when values set what the topology owns, pointing at the topology field', () => {
    // GIVEN a values block that turns on mTLS and the selector-less pilot for one remote only
    const errors = errorsOf('      global:\n        mtls:\n          enabled: true\n        remotePilotCreateSvcEndpoint: true\n');
    // THEN each is rejected at its line, naming the field to set instead
    expect(errors).toEqual([
      expect.stringMatching(/^mesh\.yaml:18:11: clusters\[1\]\.values\.global\.mtls: \{"enabled":true\} is set by the topology's istio\.mtlsEnabled .*set istio\.mtlsEnabled instead/),
      expect.stringMatching(/^mesh\.yaml:19:39: clusters\[1\]\.values\.global\.remotePilotCreateSvcEndpoint: true is set by the topology's this cluster's pilotSelectorlessService/),
    ]);
  });

  it('fails when values turn statsd on, instead of crashing on the missing host', () => {
    const [error] = errorsOf('      global:\n        proxy:\n          envoyStatsd:\n            enabled: true\n');
    expect(error).toMatch(/^mesh\.yaml:19:13: clusters\[1\]\.values\.global\.proxy\.envoyStatsd: .* is set by the topology's controlPlane\.statsd/);
  });

  it('fails when a chart value it may set is invalid for the chart', () => {
    const [error] = errorsOf('      global:\n        proxy:\n          includeIPRanges: "10.0.0.0/33"\n');
    expect(error).toMatch(/^mesh\.yaml:18:28: clusters\[1\]\.values\.global\.proxy\.includeIPRanges: "10\.0\.0\.0\/33"/);
  });
});

const PRIMARY = `controlPlane:
  pilot: 10.8.0.12
  policy: 10.8.0.13
clusters:
  - name: remote-1
    role: remote
    podCIDR: 10.9.0.0/16
    serviceCIDR: 10.97.0.0/16
    apiServer: https://remote-1:6443
  - name: primary
    role: primary
    podCIDR: 10.8.0.0/16
    serviceCIDR: 10.96.0.0/16
    apiServer: https://primary:6443
    values:
`;

function primaryErrorsOf(values: string, head = ''): string[] {
  return topologyErrors(`${head}${PRIMARY}${values}`);
}

describe('checkValuesBlocks on the primary', () => {
  it("accepts istio chart values the topology does not set, such as Galley's config validation", () => {
    expect(primaryErrorsOf('      global:\n        configValidation: false\n      pilot:\n        replicaCount: 2\n')).toEqual([]);
  });

  it('fails when values set what the topology owns, pointing at the topology field', () => {
    // GIVEN a primary whose values change the image tag and turn tracing on behind the topology
    const errors = primaryErrorsOf('      global:\n        tag: 1.0.6\n      tracing:\n        enabled: true\n');
    // THEN each is rejected at its line, naming the field to set instead
    expect(errors).toEqual([
      expect.stringMatching(/^mesh\.yaml:17:14: clusters\[1\]\.values\.global\.tag: "1\.0\.6" is set by the topology's istio\.tag .*set istio\.tag instead/),
      expect.stringMatching(/^mesh\.yaml:19:18: clusters\[1\]\.values\.tracing\.enabled: true is set by the topology's istio\.tracingEnabled/),
    ]);
  });

  it("fails when values change the ingress gateway's ports in gateway exposure, and takes them otherwise", () => {
    // GIVEN a list of ports that would replace the control-plane ports gateway exposure publishes
    const ports = '      gateways:\n        istio-ingressgateway:\n          ports:\n            - port: 80\n              name: http2\n';
    const gateway = PRIMARY.replace('controlPlane:\n  pilot: 10.8.0.12\n  policy: 10.8.0.13\n', 'controlPlane:\n  exposure: gateway\n  gateway:\n    address: 10.0.2.1\n');
    // WHEN / THEN
    expect(topologyErrors(`${gateway}${ports}`)).toEqual([
      expect.stringMatching(/clusters\[1\]\.values\.gateways\.istio-ingressgateway\.ports: .* is set by the topology's controlPlane\.exposure \(gateway\)/),
    ]);
    expect(primaryErrorsOf(ports)).toEqual([]);
  });

  it('fails when values are not istio chart values, at their line', () => {
    const [error] = primaryErrorsOf('      pilot:\n        replicas: 2\n');
    expect(error).toMatch(/^mesh\.yaml:17:9: clusters\[1\]\.values\.pilot\.replicas: is not a known field \(allowed: enabled, replicaCount, /);
  });

  it('fails when merged values fail the chart-level checks, such as a subchart that is not built', () => {
    const [error] = primaryErrorsOf('      grafana:\n        enabled: true\n');
    expect(error).toMatch(/^mesh\.yaml:17:18: clusters\[1\]\.values\.grafana\.enabled: true turns on grafana, which istio-mesh-synth does not build/);
  });
});
