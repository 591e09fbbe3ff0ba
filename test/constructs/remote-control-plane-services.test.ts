import { Testing } from 'cdk8s';
import { RemoteControlPlaneServices } from '../../constructs/remote-control-plane-services';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('RemoteControlPlaneServices', () => {
  it('points selector-less control-plane Services at the gateway', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new RemoteControlPlaneServices(chart, 'ControlPlane', { namespace: 'istio-system', gatewayAddress: '10.0.2.1' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    validateAgainstK8s(manifest);
    const services = manifest.filter((o) => o.kind === 'Service');
    const endpoints = manifest.filter((o) => o.kind === 'Endpoints');
    expect(services.map((s) => s.metadata.name)).toEqual(['istio-pilot', 'istio-policy', 'istio-telemetry', 'zipkin']);
    expect(endpoints.map((e) => e.metadata.name)).toEqual(['istio-pilot', 'istio-policy', 'istio-telemetry', 'zipkin']);
    expect(services.every((s) => s.spec.selector === undefined && s.spec.clusterIP === undefined)).toBe(true);
    expect(endpoints.every((e) => e.subsets[0].addresses[0].ip === '10.0.2.1')).toBe(true);
  });

  it("maps telemetry's Service ports to the gateway ports that do not collide with policy's", () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new RemoteControlPlaneServices(chart, 'ControlPlane', { namespace: 'istio-system', gatewayAddress: '10.0.2.1' });

    // THEN
    const manifest = Testing.synth(chart);
    const telemetry = (kind: string) => manifest.find((o) => o.kind === kind && o.metadata.name === 'istio-telemetry');
    expect(telemetry('Service').spec.ports).toEqual([
      { name: 'grpc-mixer', port: 9091 },
      { name: 'grpc-mixer-mtls', port: 15004 },
    ]);
    expect(telemetry('Endpoints').subsets[0].ports).toEqual([
      { name: 'grpc-mixer', port: 19091 },
      { name: 'grpc-mixer-mtls', port: 25004 },
    ]);
  });

  it('fails when the gateway address is a host name', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new RemoteControlPlaneServices(chart, 'ControlPlane', { namespace: 'istio-system', gatewayAddress: 'gw.example.com' })).toThrow(
      /is not an IP address: Endpoints hold IPs only/,
    );
  });
});
