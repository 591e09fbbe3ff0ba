import { Testing } from 'cdk8s';
import { IstioGateway } from '../../constructs/istio-gateway';

describe('IstioGateway', () => {
  it('renders a v1alpha3 Gateway with only the fields given', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new IstioGateway(chart, 'Gateway', {
      name: 'istio-control-plane',
      namespace: 'istio-system',
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 15011, name: 'tcp-pilot-15011', protocol: 'TCP' }, hosts: ['*'] }],
    });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest).toEqual([
      expect.objectContaining({
        apiVersion: 'networking.istio.io/v1alpha3',
        kind: 'Gateway',
        metadata: { name: 'istio-control-plane', namespace: 'istio-system' },
      }),
    ]);
  });

  it('fails when it has no servers', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN / THEN
    expect(() => new IstioGateway(chart, 'Gateway', { name: 'g', namespace: 'ns', selector: {}, servers: [] })).toThrow(/has no servers/);
  });

  it('fails when two servers share a port name', () => {
    // GIVEN
    const chart = Testing.chart();
    const server = { port: { number: 1, name: 'tcp', protocol: 'TCP' }, hosts: ['*'] };

    // WHEN / THEN
    expect(
      () => new IstioGateway(chart, 'Gateway', { name: 'g', namespace: 'ns', selector: {}, servers: [server, { ...server, port: { ...server.port, number: 2 } }] }),
    ).toThrow(/names two ports "tcp"/);
  });

  it('writes a server\'s TLS options only where given', () => {
    // GIVEN one plain and one TLS server
    const chart = Testing.chart();
    const tls = { mode: 'SIMPLE', serverCertificate: '/certs/tls.crt', privateKey: '/certs/tls.key' };

    // WHEN
    new IstioGateway(chart, 'Gateway', {
      name: 'g',
      namespace: 'ns',
      selector: { istio: 'ingress' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] },
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls },
      ],
    });

    // THEN
    const [gateway] = Testing.synth(chart);
    expect(gateway.spec.servers[0].tls).toBeUndefined();
    expect(gateway.spec.servers[1].tls).toEqual(tls);
  });
});
