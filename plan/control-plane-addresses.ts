import { CONTROL_PLANE_SERVICES, ControlPlaneComponent } from '../istio/control-plane-services';
import { MeshTopology } from '../topology/schema';

/**
 * What a remote cluster's mesh config dials to reach the primary's control
 * plane, one field per istio-remote chart value:
 * `global.remotePilotAddress`, `global.remotePolicyAddress`,
 * `global.remoteTelemetryAddress`, `global.remoteZipkinAddress` and
 * `global.proxy.envoyStatsd.{enabled,host,port}`.
 */
export interface RemoteControlPlaneAddresses {
  readonly pilot: string;
  /** @default undefined: the chart's empty default, no policy checks from the remote. */
  readonly policy?: string;
  /** @default undefined: the chart's empty default, no telemetry from the remote. */
  readonly telemetry?: string;
  /** @default undefined: the remotes send no spans, since nothing would take them. */
  readonly zipkin?: string;
  /** @default undefined: `global.proxy.envoyStatsd.enabled` false. */
  readonly statsd?: { readonly host: string; readonly port: number };
  /**
   * True when `pilot` is a Service name that this project's
   * RemoteControlPlaneServices construct defines on every remote (gateway
   * exposure). The istio-remote chart's `global.remotePilotCreateSvcEndpoint`
   * must then be false whatever the cluster's `pilotSelectorlessService` says:
   * the chart would emit a second `istio-pilot` Service and Endpoints, and its
   * Endpoints need an IP where `pilot` is a name.
   */
  readonly pilotByServiceName: boolean;
}

/**
 * The addresses for the exposure mode:
 * - `podIP`: the topology's addresses, as written (or as `discover --write` left them).
 * - `loadBalancer`: the topology's addresses; each falls back to the
 *   `loadBalancerIP` requested for that component, which is what its
 *   LoadBalancer Service will answer on.
 * - `gateway`: `istio-pilot.<ns>`, `istio-policy.<ns>`, `istio-telemetry.<ns>`
 *   and `zipkin.<ns>`, which each remote resolves to its own selector-less
 *   Service pointing at the gateway. Addresses in the topology are ignored
 *   (checkExposure warns about them).
 *
 * Zipkin follows the same rule only when the primary runs Jaeger
 * (`istio.tracingEnabled`): otherwise no pod stands behind its pod IP, load
 * balancer or gateway route, and a remote sending spans there would send them
 * to nothing. Without it, `controlPlane.zipkin` is a collector of the user's
 * own, dialled as written in every mode.
 *
 * statsd is UDP, which the ingress gateway does not carry, so in every mode it
 * goes to `controlPlane.statsd.host` directly.
 *
 * The topology's stages hand a topology on only once its exposure gave Pilot
 * an address (topology/stages.ts), so a missing one here is a bug in the
 * caller, not a user error.
 */
export function remoteControlPlaneAddresses(topology: MeshTopology): RemoteControlPlaneAddresses {
  const cp = topology.controlPlane;
  const statsd = cp.statsd.enabled && cp.statsd.host !== undefined ? { host: cp.statsd.host, port: cp.statsd.port } : undefined;
  const tracing = topology.istio.tracingEnabled;

  if (cp.exposure === 'gateway') {
    const byName = (component: ControlPlaneComponent) => `${serviceName(component)}.${topology.istio.namespace}`;
    const zipkin = tracing ? byName('zipkin') : cp.zipkin;
    return {
      pilot: byName('pilot'),
      policy: byName('policy'),
      telemetry: byName('telemetry'),
      ...(zipkin !== undefined && { zipkin }),
      ...(statsd && { statsd }),
      pilotByServiceName: true,
    };
  }

  const address = (component: ControlPlaneComponent): string | undefined =>
    cp[component] ?? (cp.exposure === 'loadBalancer' ? cp.loadBalancer?.[component]?.loadBalancerIP : undefined);
  const pilot = address('pilot');
  if (pilot === undefined) {
    throw new Error(`controlPlane.pilot is unset in ${cp.exposure} exposure: run checkExposure before remoteControlPlaneAddresses`);
  }
  const policy = address('policy');
  const telemetry = address('telemetry');
  const zipkin = tracing ? address('zipkin') : cp.zipkin;
  return {
    pilot,
    ...(policy !== undefined && { policy }),
    ...(telemetry !== undefined && { telemetry }),
    ...(zipkin !== undefined && { zipkin }),
    ...(statsd && { statsd }),
    pilotByServiceName: false,
  };
}

function serviceName(component: ControlPlaneComponent): string {
  const service = CONTROL_PLANE_SERVICES.find((s) => s.component === component);
  if (service === undefined) {
    throw new Error(`no control-plane Service for ${component}`);
  }
  return service.name;
}
