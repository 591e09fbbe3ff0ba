import { Testing } from 'cdk8s';
import { MeshService } from '../../constructs/mesh-service';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('MeshService', () => {
  it('renders a Service with its selector and ports in its own namespace', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new MeshService(chart, 'Reviews', {
      name: 'reviews',
      namespace: 'bookinfo',
      ports: [{ name: 'http', port: 9080 }, { name: 'udp-stats', port: 8125, targetPort: 18125, protocol: 'UDP' }],
      selector: { app: 'reviews' },
    });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    validateAgainstK8s(manifest);
    expect(manifest[0].metadata).toEqual({ name: 'reviews', namespace: 'bookinfo' });
    expect(manifest[0].spec.ports[1]).toEqual({ name: 'udp-stats', port: 8125, targetPort: 18125, protocol: 'UDP' });
  });

  it('fails when it has no ports', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new MeshService(chart, 'S', { name: 's', namespace: 'ns', ports: [], selector: { app: 's' } })).toThrow(/has no ports/);
  });

  it('fails when one of several ports has no name', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(
      () => new MeshService(chart, 'S', { name: 's', namespace: 'ns', ports: [{ name: 'http', port: 80 }, { port: 81 }], selector: { app: 's' } }),
    ).toThrow(/unnamed port among several/);
  });

  it('fails when the name is not a DNS-1035 label', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN a DNS-1123 label that starts with a digit is still refused
    expect(() => new MeshService(chart, 'S', { name: '2reviews', namespace: 'ns', ports: [{ port: 80 }], selector: { app: 's' } })).toThrow(
      /Service name "2reviews" is not a DNS-1035 label/,
    );
  });

  it('fails when a port name is not an IANA service name', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(
      () => new MeshService(chart, 'S', { name: 's', namespace: 'ns', ports: [{ name: 'http-reviews-api', port: 80 }], selector: { app: 's' } }),
    ).toThrow(/port name "http-reviews-api", which is not an IANA service name/);
  });
});
