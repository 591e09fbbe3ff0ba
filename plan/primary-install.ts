import { stringify } from 'yaml';
import { controlPlaneGatewayPorts } from '../istio/control-plane-services';
import type { MeshTopology } from '../topology/schema';
import { ISTIO_DEFAULTS, type GatewayValues } from '../istio/istio-values';

/**
 * The primary runs Istio's own `istio` chart, installed with `helm template`
 * as the Istio 1.0 guide does; this project does not re-implement it. What it
 * does own is the part that must agree with the remotes: if the primary's
 * mTLS, control-plane security or CA mode differs from the istio-remote
 * values, cross-cluster traffic fails at run time without an install error.
 */

/** Where the `istio` chart sits in an unpacked Istio 1.0 release. */
export const ISTIO_CHART_PATH = 'install/kubernetes/helm/istio';

/**
 * The values overlay for the primary's `istio` chart, as YAML, derived from the
 * same topology fields as the remotes' values. Image hub and tag are included
 * for the same reason: the remotes' sidecars and the primary's Pilot must run
 * one Istio version.
 */
export function primaryValuesOverlay(topology: MeshTopology): string {
  const { istio } = topology;
  const gateway = topology.controlPlane.exposure === 'gateway';
  const values = {
    global: {
      hub: istio.hub,
      tag: istio.tag,
      controlPlaneSecurityEnabled: istio.controlPlaneSecurityEnabled,
      mtls: { enabled: istio.mtlsEnabled },
      // Mesh expansion's own Gateway listens on 15011 on the same ingress
      // gateway as ControlPlaneGateway; two Gateways on one port conflict.
      ...(gateway && { meshExpansion: false }),
    },
    security: { selfSigned: istio.ca.selfSigned },
    ...(gateway && { gateways: { 'istio-ingressgateway': { ports: ingressGatewayPorts() } } }),
  };
  const header = [
    "# Values for the primary's `istio` chart (Istio 1.0), from mesh.yaml by istio-mesh-synth.",
    '# They match the istio-remote values of every remote: change mesh.yaml, not this file.',
  ];
  return `${header.join('\n')}\n${stringify(values)}`;
}

/** One entry of the chart's `gateways.istio-ingressgateway.ports`, a Service port. */
type GatewayServicePort = NonNullable<GatewayValues['ports']>[number];

/**
 * The istio chart's default `gateways.istio-ingressgateway.ports`, from its
 * values model. Helm replaces a list value instead of merging it, so an
 * overlay that only listed the control-plane ports would drop 80, 443 and the
 * rest from the ingress gateway's Service.
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

/**
 * The `helm template` command that renders the primary's install with the
 * overlay, run from the unpacked Istio release folder. Helm 2 syntax
 * (`--name`), which the Istio 1.0 guide uses; `kubectl apply -f istio.yaml`
 * follows, after `kubectl create namespace <namespace>`.
 */
export function primaryHelmTemplateCommand(
  topology: MeshTopology,
  valuesFile: string,
  outputFile = 'istio.yaml',
  chartPath = ISTIO_CHART_PATH,
): string {
  const namespace = topology.istio.namespace;
  return `helm template ${shellQuote(chartPath)} --name istio --namespace ${namespace} --values ${shellQuote(valuesFile)} > ${shellQuote(outputFile)}`;
}

/** Quotes a path for sh only when it needs it, so the common case reads as typed. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
