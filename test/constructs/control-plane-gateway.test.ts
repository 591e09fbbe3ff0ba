import { Testing } from 'cdk8s';
import { buildMesh } from '../../charts/mesh';
import { ControlPlaneGateway } from '../../constructs/control-plane-gateway';
import { chartObjects } from '../../output/render';
import { CONTROL_PLANE_SERVICES, controlPlaneGatewayPorts } from '../../istio/control-plane-services';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { validateAgainstK8s } from '../support/validate-k8s';

const byKind = (manifest: any[], kind: string) => manifest.filter((o) => o.kind === kind);
const destinations = (virtualService: any): any[] => virtualService.spec.tcp.flatMap((r: any) => r.route.map((d: any) => d.destination));

describe('ControlPlaneGateway', () => {
  it("routes every control-plane gateway port to its component's backend Service on the ingress gateway", () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGateway(chart, 'ControlPlane', { namespace: 'istio-system' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    // the backend Services are Kubernetes objects; Gateway and VirtualService are Istio's and skipped by kind
    expect(() => validateAgainstK8s(manifest)).not.toThrow();
    const [gateway] = byKind(manifest, 'Gateway');
    const [virtualService] = byKind(manifest, 'VirtualService');
    expect(gateway.spec.selector).toEqual({ istio: 'ingressgateway' });
    expect(gateway.spec.servers.map((s: any) => s.port.number).sort((a: number, b: number) => a - b)).toEqual(controlPlaneGatewayPorts());
    expect(virtualService.spec.gateways).toEqual([gateway.metadata.name]);
    expect(virtualService.spec.tcp).toContainEqual({
      match: [{ port: 19091 }],
      route: [{ destination: { host: 'istio-telemetry-gateway-backend.istio-system.svc.cluster.local', port: { number: 9091 } } }],
    });
  });

  it('uses a dedicated gateway chosen by its selector', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGateway(chart, 'ControlPlane', { namespace: 'mesh-cp', selector: { app: 'cp-gateway' } });

    // THEN
    const manifest = Testing.synth(chart);
    const [gateway] = byKind(manifest, 'Gateway');
    const [virtualService] = byKind(manifest, 'VirtualService');
    expect(gateway.spec.selector).toEqual({ app: 'cp-gateway' });
    expect(gateway.metadata.namespace).toBe('mesh-cp');
    expect(virtualService.spec.tcp[0].route[0].destination.host).toBe('istio-pilot-gateway-backend.mesh-cp.svc.cluster.local');
    expect(byKind(manifest, 'Service').every((s) => s.metadata.namespace === 'mesh-cp')).toBe(true);
  });

  it('in a gateway-exposed mesh, routes only to Services with a selector that exist on the primary alone', () => {
    // GIVEN: Pilot merges same-named Services across the primary and every
    // remote, and the remotes' control-plane Services point at the gateway.
    const topology = exposureTopology(CONTROL_PLANES.gateway);

    // WHEN
    const sets = buildMesh(topology, { kubeconfigs: new Map(), caBundles: new Map() });

    // THEN
    const [primary, ...remotes] = sets.map((s) => chartObjects(s.apply));
    const fqdn = (s: any) => `${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`;
    const remoteHosts = new Set(remotes.flatMap((objects) => byKind(objects, 'Service').map(fqdn)));
    const primaryServices = new Map(byKind(primary, 'Service').map((s) => [fqdn(s), s]));
    const routed = byKind(primary, 'VirtualService').flatMap(destinations);
    // the names the fix steers away from are there on the remotes, as the loop needs
    expect([...remoteHosts]).toEqual(expect.arrayContaining(CONTROL_PLANE_SERVICES.map((s) => `${s.name}.istio-system.svc.cluster.local`)));
    expect(routed).toHaveLength(controlPlaneGatewayPorts().length);
    for (const { host, port } of routed) {
      const service = primaryServices.get(host);
      expect({ host, definedByARemote: remoteHosts.has(host) }).toEqual({ host, definedByARemote: false });
      expect({ host, selector: service?.spec.selector !== undefined }).toEqual({ host, selector: true });
      expect(service?.spec.ports.map((p: any) => p.port)).toContain(port.number);
    }
  });
});
