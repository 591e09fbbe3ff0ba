/**
 * The Istio 1.0.7 control-plane Services that remote clusters dial, as the
 * main `istio` chart defines them on the primary (charts/pilot, charts/mixer,
 * charts/tracing): names, ports with Istio's own port names, and pod labels.
 * Every exposure mode reads this one table, so the LoadBalancer Services, the
 * gateway routes and the remotes' selector-less Services cannot drift apart.
 */

export type ControlPlaneComponent = 'pilot' | 'policy' | 'telemetry' | 'zipkin';

export interface ControlPlanePort {
  /** Istio's port name; its prefix (grpc-, http-, https-) tells sidecars the protocol. */
  readonly name: string;
  readonly port: number;
  /**
   * The port this one is published on through the ingress gateway, or
   * undefined when remotes never dial it (monitoring ports are scraped by the
   * primary's own Prometheus, inside the primary).
   *
   * A gateway routes TCP by port alone, so one gateway port can lead to one
   * Service only. Policy and telemetry both serve 9091 and 15004; telemetry is
   * published 10000 higher, and the remotes' Endpoints map it back (see
   * RemoteControlPlaneServices).
   */
  readonly gatewayPort?: number;
}

export interface ControlPlaneService {
  readonly component: ControlPlaneComponent;
  /** The Service name on the primary, which remotes also resolve in gateway mode. */
  readonly name: string;
  readonly ports: readonly ControlPlanePort[];
  /** Labels of the pods behind the Service. */
  readonly selector: Readonly<Record<string, string>>;
}

/**
 * A Mixer Service: policy and telemetry run the same binary, told apart by the
 * `istio-mixer-type` label, and serve the same ports.
 */
function mixer(type: 'policy' | 'telemetry', gatewayOffset: number, extraPorts: readonly ControlPlanePort[] = []): ControlPlaneService {
  return {
    component: type,
    name: `istio-${type}`,
    ports: [
      { name: 'grpc-mixer', port: 9091, gatewayPort: 9091 + gatewayOffset },
      { name: 'grpc-mixer-mtls', port: 15004, gatewayPort: 15004 + gatewayOffset },
      { name: 'http-monitoring', port: 9093 },
      ...extraPorts,
    ],
    selector: { istio: 'mixer', 'istio-mixer-type': type },
  };
}

export const CONTROL_PLANE_SERVICES: readonly ControlPlaneService[] = [
  {
    component: 'pilot',
    name: 'istio-pilot',
    // 15003/15005/15007 are served by the istio-proxy container in Pilot's pod,
    // 15010/15011/8080 by discovery itself; the names are the istio-remote chart's.
    ports: [
      { name: 'http-old-discovery', port: 15003, gatewayPort: 15003 },
      { name: 'https-discovery', port: 15005, gatewayPort: 15005 },
      { name: 'http-discovery', port: 15007, gatewayPort: 15007 },
      { name: 'grpc-xds', port: 15010, gatewayPort: 15010 },
      { name: 'https-xds', port: 15011, gatewayPort: 15011 },
      { name: 'http-legacy-discovery', port: 8080, gatewayPort: 8080 },
      { name: 'http-monitoring', port: 9093 },
    ],
    selector: { istio: 'pilot' },
  },
  mixer('policy', 0),
  // Telemetry shares policy's ports; through the gateway it is published 10000 higher.
  mixer('telemetry', 10000, [{ name: 'prometheus', port: 42422 }]),
  {
    component: 'zipkin',
    name: 'zipkin',
    // charts/tracing names its one port `http`; Jaeger's all-in-one pod serves it.
    ports: [{ name: 'http', port: 9411, gatewayPort: 9411 }],
    selector: { app: 'jaeger' },
  },
];

/**
 * Every gateway port, ascending: the ports the ingress gateway's own Service
 * must publish (its `gateways.istio-ingressgateway.ports` value) for gateway
 * exposure to work. The Gateway resource opens listeners; it does not open
 * the cloud load balancer in front of them.
 */
export function controlPlaneGatewayPorts(): number[] {
  return CONTROL_PLANE_SERVICES.flatMap((s) => s.ports.flatMap((p) => (p.gatewayPort === undefined ? [] : [p.gatewayPort]))).sort(
    (a, b) => a - b,
  );
}

/**
 * Services the Istio 1.0.7 install owns in its namespace. A mesh service of
 * the same name there would replace one of them; named in error messages.
 */
export const ISTIO_OWNED_SERVICE_NAMES: readonly string[] = [
  'grafana',
  'istio-citadel',
  'istio-egressgateway',
  'istio-galley',
  'istio-ingressgateway',
  'istio-pilot',
  'istio-policy',
  'istio-sidecar-injector',
  'istio-statsd-prom-bridge',
  'istio-telemetry',
  'jaeger-agent',
  'jaeger-collector',
  'jaeger-query',
  'prometheus',
  'servicegraph',
  'tracing',
  'zipkin',
];
