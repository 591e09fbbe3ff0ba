import { controlPlaneGatewayPorts } from '../../istio/control-plane-services';
import { ISTIO_DEFAULTS } from '../../istio/istio-values';
import { ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS, primaryChartValues, primaryOwnedValues } from '../../plan/primary-values';
import type { MeshTopology, PrimaryClusterSpec } from '../../topology/schema';
import { secureTopology } from '../support/secure-topology';

const primaryOf = (topology: MeshTopology) => topology.clusters.find((c): c is PrimaryClusterSpec => c.role === 'primary')!;
const valuesOf = (topology: MeshTopology) => primaryChartValues(topology, primaryOf(topology));

describe('primaryChartValues', () => {
  it('sets images, mTLS, control-plane security and the CA mode from the topology, as the remotes have them', () => {
    // GIVEN a mesh with mTLS, control-plane security, a shared CA and its own registry
    const topology = secureTopology((t) => {
      t.istio.hub = 'registry.example.com/istio';
      t.istio.tag = '1.0.6';
    });

    // WHEN
    const values = valuesOf(topology);

    // THEN
    expect(values.global).toMatchObject({ hub: 'registry.example.com/istio', tag: '1.0.6', controlPlaneSecurityEnabled: true, mtls: { enabled: true } });
    expect(values.security.selfSigned).toBe(false);
  });

  it("keeps the chart's defaults where the topology says nothing, tracing off included", () => {
    // GIVEN a topology with every default
    const topology = secureTopology((t) => {
      t.istio = { ca: { selfSigned: true } };
      t.clusters.forEach((c) => delete c.cacerts);
    });

    // WHEN
    const values = valuesOf(topology);

    // THEN the merged values are the chart's own
    expect(values).toEqual(ISTIO_DEFAULTS);
  });

  it('turns the primary\'s Jaeger on with istio.tracingEnabled', () => {
    const topology = secureTopology((t) => {
      t.istio.tracingEnabled = true;
    });
    expect(valuesOf(topology).tracing.enabled).toBe(true);
  });

  it('merges the primary\'s values block last, over what the topology leaves to it', () => {
    // GIVEN
    const topology = secureTopology((t) => {
      t.clusters[0].values = { global: { configValidation: false }, pilot: { replicaCount: 3 } };
    });

    // WHEN
    const values = valuesOf(topology);

    // THEN
    expect(values.global.configValidation).toBe(false);
    expect(values.pilot.replicaCount).toBe(3);
    expect(values.global.mtls.enabled).toBe(true);
  });
});

describe('primaryChartValues in gateway exposure', () => {
  const gatewayTopology = () =>
    secureTopology((t) => {
      t.controlPlane = { exposure: 'gateway', gateway: { address: '10.0.2.1' } };
    });

  it("publishes the chart's default ingress ports, then every control-plane gateway port, and keeps mesh expansion off", () => {
    // WHEN
    const values = valuesOf(gatewayTopology());

    // THEN
    expect(values.global.meshExpansion).toBe(false);
    const ports = values.gateways['istio-ingressgateway']?.ports ?? [];
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
    const ports = valuesOf(gatewayTopology()).gateways['istio-ingressgateway']?.ports ?? [];

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
    const values = valuesOf(topology);

    // THEN
    expect(values.gateways).toEqual(ISTIO_DEFAULTS.gateways);
    expect(values.global.meshExpansion).toBe(ISTIO_DEFAULTS.global.meshExpansion);
    expect(primaryOwnedValues(topology).map((o) => o.path.join('.'))).not.toContain('gateways.istio-ingressgateway.ports');
  });

  it('owns every value it derives, so that no values block can undo it', () => {
    // GIVEN / WHEN
    const owned = primaryOwnedValues(gatewayTopology()).map((o) => o.path.join('.'));
    // THEN
    expect(owned).toEqual(expect.arrayContaining(['global.meshExpansion', 'gateways.istio-ingressgateway.ports', 'tracing.enabled', 'global.hub', 'security.selfSigned']));
  });
});
