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

describe('checkRemoteValues', () => {
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
