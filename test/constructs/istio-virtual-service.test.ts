import { Testing } from 'cdk8s';
import { IstioVirtualService } from '../../constructs/istio-virtual-service';

const route = { match: [{ port: 15011 }], route: [{ destination: { host: 'istio-pilot.istio-system.svc.cluster.local', port: { number: 15011 } } }] };

describe('IstioVirtualService', () => {
  it('renders a v1alpha3 VirtualService with TCP routes', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new IstioVirtualService(chart, 'Routes', { name: 'cp', namespace: 'istio-system', hosts: ['*'], gateways: ['cp'], tcp: [route] });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest[0].spec.tcp[0].route[0].destination).toEqual({ host: 'istio-pilot.istio-system.svc.cluster.local', port: { number: 15011 } });
  });

  it('fails when it has no tcp routes', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new IstioVirtualService(chart, 'Routes', { name: 'cp', namespace: 'ns', hosts: ['*'], gateways: ['cp'], tcp: [] })).toThrow(
      /has no tcp routes/,
    );
  });

  it('fails when host "*" is not bound to a gateway', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new IstioVirtualService(chart, 'Routes', { name: 'cp', namespace: 'ns', hosts: ['*'], gateways: [], tcp: [route] })).toThrow(
      /only on gateway routes/,
    );
  });
});
