import { Testing } from 'cdk8s';
import { ControlPlaneGateway } from '../../constructs/control-plane-gateway';
import { controlPlaneGatewayPorts } from '../../topology/control-plane-services';

describe('ControlPlaneGateway', () => {
  it('routes every control-plane gateway port to its Service on the ingress gateway', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGateway(chart, 'ControlPlane', { namespace: 'istio-system' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    const [gateway, virtualService] = manifest;
    expect(gateway.spec.selector).toEqual({ istio: 'ingressgateway' });
    expect(gateway.spec.servers.map((s: any) => s.port.number).sort((a: number, b: number) => a - b)).toEqual(controlPlaneGatewayPorts());
    expect(virtualService.spec.gateways).toEqual([gateway.metadata.name]);
    expect(virtualService.spec.tcp).toContainEqual({
      match: [{ port: 19091 }],
      route: [{ destination: { host: 'istio-telemetry.istio-system.svc.cluster.local', port: { number: 9091 } } }],
    });
  });

  it('uses a dedicated gateway chosen by its selector', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGateway(chart, 'ControlPlane', { namespace: 'mesh-cp', selector: { app: 'cp-gateway' } });

    // THEN
    const [gateway, virtualService] = Testing.synth(chart);
    expect(gateway.spec.selector).toEqual({ app: 'cp-gateway' });
    expect(gateway.metadata.namespace).toBe('mesh-cp');
    expect(virtualService.spec.tcp[0].route[0].destination.host).toBe('istio-pilot.mesh-cp.svc.cluster.local');
  });
});
