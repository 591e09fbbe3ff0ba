import { Construct } from 'constructs';
import { KubeService } from '../imports/k8s';
import { CONTROL_PLANE_SERVICES, ControlPlaneService } from '../istio/control-plane-services';

export interface ControlPlaneGatewayBackendsProps {
  /** The control-plane namespace, where Pilot, Mixer and Jaeger run. */
  readonly namespace: string;
}

/**
 * The Services the primary's ingress gateway forwards control-plane traffic
 * to in gateway exposure: `istio-pilot-gateway-backend`,
 * `istio-policy-gateway-backend`, `istio-telemetry-gateway-backend` and
 * `zipkin-gateway-backend`, ClusterIP Services that select the component pods
 * and carry the ports the gateway publishes, under Istio's own port names so
 * sidecars see the same protocols as on the main chart's Services.
 *
 * They exist so the gateway never routes to a name the remotes also define.
 * Every remote holds selector-less `istio-pilot`, `istio-policy`,
 * `istio-telemetry` and `zipkin` Services whose Endpoints are the gateway
 * itself (RemoteControlPlaneServices), and Istio 1.0's Pilot merges the
 * endpoints of same-named Services across every registry it watches. Routed
 * to `istio-telemetry`, the gateway would pick its own address among the
 * pods, once per remote, and send the connection round again. No remote
 * defines these names, so their only endpoints are the primary's pods.
 */
export class ControlPlaneGatewayBackends extends Construct {
  /** The backend Service name for a control-plane Service name. */
  public static serviceName(name: string): string {
    return `${name}-gateway-backend`;
  }

  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: ControlPlaneGatewayBackendsProps) {
    super(scope, id);
    this.namespace = props.namespace;
    for (const service of CONTROL_PLANE_SERVICES) {
      // Only what remotes dial through the gateway; the monitoring ports stay
      // on the main chart's Services, for the primary's own Prometheus.
      const ports = service.ports.filter((p) => p.gatewayPort !== undefined);
      new KubeService(this, service.component, {
        metadata: { name: ControlPlaneGatewayBackends.serviceName(service.name), namespace: props.namespace },
        spec: {
          type: 'ClusterIP',
          ports: ports.map((p) => ({ name: p.name, port: p.port })),
          selector: { ...service.selector },
        },
      });
    }
  }

  /** The fully qualified host of a control-plane Service's backend, as a route destination names it. */
  public hostOf(service: ControlPlaneService): string {
    return `${ControlPlaneGatewayBackends.serviceName(service.name)}.${this.namespace}.svc.cluster.local`;
  }
}
