import { controlPlaneGatewayPorts } from '../istio/control-plane-services';
import { ISTIO_DEFAULTS, mergeIstioValues, type GatewayValues, type IstioValues, type IstioValuesOverlay } from '../istio/istio-values';
import type { MeshTopology, PrimaryClusterSpec } from '../topology/schema';
import { MESH_WIDE_OWNED_VALUES, meshWideValues, type TopologyOwnedValue } from './mesh-wide-values';

/**
 * The `istio` chart values of the primary: what the topology says, in the
 * chart's own value names, with the primary's `values:` block merged last so
 * that a pasted values file wins where the topology leaves it room.
 */
export function primaryChartValues(topology: MeshTopology, primary: PrimaryClusterSpec): IstioValues {
  return mergeIstioValues(meshWideValues(topology.istio), primaryDerivedValues(topology), primary.values);
}

/** What only the primary derives: its tracing, and what gateway exposure needs of the ingress gateway. */
function primaryDerivedValues(topology: MeshTopology): IstioValuesOverlay {
  const tracing = { enabled: topology.istio.tracingEnabled };
  if (topology.controlPlane.exposure !== 'gateway') {
    return { tracing };
  }
  return {
    tracing,
    // Mesh expansion's own Gateway listens on 15011 on the same ingress
    // gateway as ControlPlaneGateway; two Gateways on one port conflict.
    global: { meshExpansion: false },
    gateways: { 'istio-ingressgateway': { ports: ingressGatewayPorts() } },
  };
}

/**
 * The chart values the primary's `values:` block may not set, with the
 * topology field that does. In gateway exposure the ingress gateway carries
 * the control plane, so its ports, its being on and mesh expansion belong to
 * `controlPlane.exposure` too.
 */
export function primaryOwnedValues(topology: MeshTopology): readonly TopologyOwnedValue[] {
  const owned: TopologyOwnedValue[] = [...MESH_WIDE_OWNED_VALUES, { path: ['tracing', 'enabled'], field: 'istio.tracingEnabled' }];
  if (topology.controlPlane.exposure === 'gateway') {
    const field = 'controlPlane.exposure (gateway)';
    owned.push(
      { path: ['global', 'meshExpansion'], field },
      { path: ['gateways', 'enabled'], field },
      { path: ['gateways', 'istio-ingressgateway', 'enabled'], field },
      { path: ['gateways', 'istio-ingressgateway', 'ports'], field },
    );
  }
  return owned;
}

/** One entry of the chart's `gateways.istio-ingressgateway.ports`, a Service port. */
type GatewayServicePort = NonNullable<GatewayValues['ports']>[number];

/**
 * The istio chart's default `gateways.istio-ingressgateway.ports`, from its
 * values model. Helm replaces a list value instead of merging it, so values
 * that only listed the control-plane ports would drop 80, 443 and the rest
 * from the ingress gateway's Service.
 */
export const ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS: readonly GatewayServicePort[] = ISTIO_DEFAULTS.gateways['istio-ingressgateway']?.ports ?? [];

/**
 * The ingress gateway Service's ports in gateway exposure: the chart's
 * defaults, then every control-plane gateway port. The Gateway resource opens
 * listeners in the gateway pods, but only the Service's ports reach them from
 * the remotes. A port the defaults already publish to itself (15011) is not
 * listed again: the API server rejects a Service that repeats a port.
 * `tcp-` names because the gateway passes this traffic on as plain TCP.
 */
function ingressGatewayPorts(): GatewayServicePort[] {
  const published = new Set(ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS.map((p) => p.port));
  const controlPlane = controlPlaneGatewayPorts()
    .filter((port) => !published.has(port))
    .map((port) => ({ port, targetPort: port, name: `tcp-cp-${port}` }));
  return [...ISTIO_INGRESS_GATEWAY_DEFAULT_PORTS.map((p) => ({ ...p })), ...controlPlane];
}
