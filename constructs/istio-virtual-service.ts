import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Where a route sends traffic: a Service host and one of its ports. */
export interface RouteDestination {
  /** A fully qualified Service name, for example `istio-pilot.istio-system.svc.cluster.local`. */
  readonly host: string;
  readonly port: { readonly number: number };
}

/** A TCP route (`TCPRoute` of networking.istio.io/v1alpha3): traffic matched by port goes to the destinations. */
export interface TcpRoute {
  readonly match: readonly { readonly port: number }[];
  readonly route: readonly { readonly destination: RouteDestination }[];
}

export interface IstioVirtualServiceProps {
  readonly name: string;
  readonly namespace: string;
  /** Hosts the routes apply to; `*` is allowed only together with gateways. */
  readonly hosts: readonly string[];
  /** Gateways the routes are bound to, by name in the same namespace. */
  readonly gateways: readonly string[];
  readonly tcp: readonly TcpRoute[];
}

/**
 * An Istio 1.0 VirtualService (networking.istio.io/v1alpha3), with TCP routes
 * only: the control plane speaks gRPC and HTTP over ports the gateway passes
 * through untouched.
 */
export class IstioVirtualService extends Construct {
  public static readonly API_VERSION = 'networking.istio.io/v1alpha3';

  constructor(scope: Construct, id: string, props: IstioVirtualServiceProps) {
    super(scope, id);
    if (props.tcp.length === 0) {
      throw new Error(`VirtualService ${props.namespace}/${props.name} has no tcp routes: give it at least one`);
    }
    if (props.hosts.includes('*') && props.gateways.length === 0) {
      throw new Error(`VirtualService ${props.namespace}/${props.name} has host "*" but no gateways: Istio allows "*" only on gateway routes`);
    }
    new ApiObject(this, 'Resource', {
      apiVersion: IstioVirtualService.API_VERSION,
      kind: 'VirtualService',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        hosts: [...props.hosts],
        gateways: [...props.gateways],
        tcp: props.tcp.map((r) => ({
          match: r.match.map((m) => ({ port: m.port })),
          route: r.route.map((d) => ({ destination: { host: d.destination.host, port: { number: d.destination.port.number } } })),
        })),
      },
    });
  }
}
