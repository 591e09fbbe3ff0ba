import { Construct } from 'constructs';
import { KubeService } from '../imports/k8s';
import { CONTROL_PLANE_SERVICES, ControlPlaneComponent } from '../istio/control-plane-services';

/** How one control-plane load balancer is requested from the cloud. */
export interface LoadBalancerOptions {
  /**
   * The address to ask the cloud for (`spec.loadBalancerIP`).
   * @default undefined: the cloud picks one.
   */
  readonly loadBalancerIP?: string;
  /**
   * Service annotations, for example `cloud.google.com/load-balancer-type: Internal`.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ControlPlaneLoadBalancersProps {
  /** The control-plane namespace, where Pilot, Mixer and Jaeger run. */
  readonly namespace: string;
  /** @default {} */
  readonly pilot?: LoadBalancerOptions;
  /** @default {} */
  readonly policy?: LoadBalancerOptions;
  /** @default {} */
  readonly telemetry?: LoadBalancerOptions;
  /** @default {} */
  readonly zipkin?: LoadBalancerOptions;
}

/**
 * The primary's half of loadBalancer exposure: a LoadBalancer Service in
 * front of Pilot, Mixer policy, Mixer telemetry and Zipkin, so that remotes
 * keep one address while the pods come and go.
 *
 * The Services are named `<service>-lb` (`istio-pilot-lb`, ...): the main
 * istio chart already owns ClusterIP Services named `istio-pilot`,
 * `istio-policy`, `istio-telemetry` and `zipkin`, which the primary's own
 * sidecars resolve. A second object of the same name would fight with that
 * install on every apply; a separate Service over the same pods leaves it
 * alone. Remotes never use these names; they dial the load balancer address.
 */
export class ControlPlaneLoadBalancers extends Construct {
  /** The Service name for a control-plane Service name. */
  public static serviceName(name: string): string {
    return `${name}-lb`;
  }

  constructor(scope: Construct, id: string, props: ControlPlaneLoadBalancersProps) {
    super(scope, id);
    for (const service of CONTROL_PLANE_SERVICES) {
      const options: LoadBalancerOptions = props[service.component] ?? {};
      const annotations = options.annotations ?? {};
      new KubeService(this, idOf(service.component), {
        metadata: {
          name: ControlPlaneLoadBalancers.serviceName(service.name),
          namespace: props.namespace,
          ...(Object.keys(annotations).length > 0 && { annotations: { ...annotations } }),
        },
        spec: {
          type: 'LoadBalancer',
          ...(options.loadBalancerIP !== undefined && { loadBalancerIp: options.loadBalancerIP }),
          ports: service.ports.map((p) => ({ name: p.name, port: p.port })),
          selector: { ...service.selector },
        },
      });
    }
  }
}

function idOf(component: ControlPlaneComponent): string {
  return component[0].toUpperCase() + component.slice(1);
}
