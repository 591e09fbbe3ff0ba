import { parse } from 'yaml';
import { ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS, primaryHelmTemplateCommand, primaryValuesOverlay } from '../../plan/primary-install';
import { controlPlaneGatewayPorts } from '../../istio/control-plane-services';
import { secureTopology } from '../support/secure-topology';

describe('primaryValuesOverlay', () => {
  it('sets mTLS, control-plane security and the CA mode as the remotes have them', () => {
    // GIVEN a mesh with mTLS, control-plane security and a shared CA
    const topology = secureTopology();

    // WHEN
    const overlay = primaryValuesOverlay(topology);

    // THEN
    expect(overlay).toMatchSnapshot();
    expect(parse(overlay)).toEqual({
      global: { hub: 'docker.io/istio', tag: '1.0.7', controlPlaneSecurityEnabled: true, mtls: { enabled: true } },
      security: { selfSigned: false },
    });
  });

  it('keeps the chart defaults of a plain mesh', () => {
    const topology = secureTopology((t) => {
      t.istio = { namespace: 'istio-system', hub: 'registry.example.com/istio', tag: '1.0.6', ca: { selfSigned: true } };
      t.clusters.forEach((c) => delete c.cacerts);
    });

    expect(parse(primaryValuesOverlay(topology))).toEqual({
      global: { hub: 'registry.example.com/istio', tag: '1.0.6', controlPlaneSecurityEnabled: false, mtls: { enabled: false } },
      security: { selfSigned: true },
    });
  });
});

describe('primaryValuesOverlay in gateway exposure', () => {
  const gatewayTopology = () =>
    secureTopology((t) => {
      t.controlPlane = { exposure: 'gateway', gateway: { address: '10.0.2.1' } };
    });

  it("publishes the chart's default ingress ports, then every control-plane gateway port, and keeps mesh expansion off", () => {
    // GIVEN
    const topology = gatewayTopology();

    // WHEN
    const overlay = primaryValuesOverlay(topology);

    // THEN
    expect(overlay).toMatchSnapshot();
    const values = parse(overlay);
    expect(values.global.meshExpansion).toBe(false);
    const ports: { port: number; targetPort?: number; name: string }[] = values.gateways['istio-ingressgateway'].ports;
    // Helm replaces the list, so the chart's defaults come first and unchanged
    expect(ports.slice(0, ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS.length)).toEqual(ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS);
    expect(ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS.map((p) => p.port)).toEqual([80, 443, 31400, 15011, 8060, 853, 15030, 15031]);
    // every control-plane port is published, to itself, once
    for (const port of controlPlaneGatewayPorts()) {
      expect(ports.filter((p) => p.port === port)).toEqual([expect.objectContaining({ port, targetPort: port })]);
    }
    const added = ports.slice(ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS.length);
    expect(added.map((p) => p.name)).toEqual(added.map((p) => `tcp-cp-${p.port}`));
  });

  it('gives the ingress gateway Service a set of ports Kubernetes accepts: no repeated port or name', () => {
    // WHEN
    const ports: { port: number; name: string }[] = parse(primaryValuesOverlay(gatewayTopology())).gateways['istio-ingressgateway'].ports;

    // THEN
    expect(new Set(ports.map((p) => p.port)).size).toBe(ports.length);
    expect(new Set(ports.map((p) => p.name)).size).toBe(ports.length);
    expect(ports.every((p) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) && p.name.length <= 63)).toBe(true);
  });

  it.each(['podIP', 'loadBalancer'] as const)('leaves the gateway and mesh expansion to the chart in %s exposure', (exposure) => {
    // GIVEN
    const topology = secureTopology((t) => {
      t.controlPlane = { exposure, pilot: '10.8.0.12' };
    });

    // WHEN
    const values = parse(primaryValuesOverlay(topology));

    // THEN
    expect(values.gateways).toBeUndefined();
    expect(values.global).not.toHaveProperty('meshExpansion');
  });
});

describe('primaryHelmTemplateCommand', () => {
  it('renders the istio chart of the release into istio.yaml with the overlay, in the mesh namespace', () => {
    const topology = secureTopology((t) => {
      t.istio.namespace = 'mesh-system';
    });

    expect(primaryHelmTemplateCommand(topology, 'dist-install/primary/istio-values.yaml')).toBe(
      'helm template install/kubernetes/helm/istio --name istio --namespace mesh-system --values dist-install/primary/istio-values.yaml > istio.yaml',
    );
  });

  it('quotes paths the shell would split', () => {
    expect(primaryHelmTemplateCommand(secureTopology(), "/home/o'neil/my mesh/values.yaml", 'out put.yaml')).toBe(
      "helm template install/kubernetes/helm/istio --name istio --namespace istio-system --values '/home/o'\\''neil/my mesh/values.yaml' > 'out put.yaml'",
    );
  });
});
