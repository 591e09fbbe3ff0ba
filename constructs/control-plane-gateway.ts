import { Construct } from 'constructs';
import { CONTROL_PLANE_SERVICES } from '../istio/control-plane-services';
import { ControlPlaneGatewayBackends } from './control-plane-gateway-backends';
import { IstioGateway } from './istio-gateway';
import { IstioVirtualService } from './istio-virtual-service';

export interface ControlPlaneGatewayProps {
  /** The control-plane namespace, where the Gateway, the VirtualService and the Services they route to live. */
  readonly namespace: string;
  /**
   * Labels of the gateway pods that carry the control-plane traffic; choose a
   * dedicated gateway by its labels to keep it apart from application ingress.
   * @default { istio: 'ingressgateway' }
   */
  readonly selector?: Readonly<Record<string, string>>;
}

/**
 * The primary's half of gateway exposure: a Gateway that opens one TCP
 * listener per control-plane port on the ingress gateway, and a VirtualService
 * that routes each of them to the component's backend Service
 * (ControlPlaneGatewayBackends), never to `istio-pilot` and the other names
 * the remotes also define, whose merged endpoints include the gateway itself.
 * Remotes reach these listeners through RemoteControlPlaneServices.
 *
 * The primary's own sidecars still resolve `istio-telemetry` and the others
 * to the merged endpoints, the gateway among them. That costs them one extra
 * hop (sidecar, gateway, backend, pod) and no loop, since the gateway only
 * forwards to the backends, whose endpoints are pods.
 *
 * The gateway's own Service must publish the same ports
 * (`controlPlaneGatewayPorts()`), and Istio's `global.meshExpansion` must stay
 * off on the same gateway: its Gateway also listens on 15011.
 */
export class ControlPlaneGateway extends Construct {
  /** The Gateway and VirtualService name. */
  public static readonly NAME = 'istio-control-plane';

  constructor(scope: Construct, id: string, props: ControlPlaneGatewayProps) {
    super(scope, id);
    const selector = props.selector ?? { istio: 'ingressgateway' };
    const backends = new ControlPlaneGatewayBackends(this, 'Backends', { namespace: props.namespace });
    const routes = CONTROL_PLANE_SERVICES.flatMap((service) =>
      service.ports.flatMap((port) =>
        port.gatewayPort === undefined
          ? []
          : [{ component: service.component, host: backends.hostOf(service), port: port.port, gatewayPort: port.gatewayPort }],
      ),
    );

    const gateway = new IstioGateway(this, 'Gateway', {
      name: ControlPlaneGateway.NAME,
      namespace: props.namespace,
      selector,
      // Plain TCP: sidecars already speak mTLS to 15005/15011/15004 when
      // controlPlaneSecurityEnabled, and the gateway must pass it through.
      servers: routes.map((r) => ({
        port: { number: r.gatewayPort, name: `tcp-${r.component}-${r.gatewayPort}`, protocol: 'TCP' },
        hosts: ['*'],
      })),
    });

    new IstioVirtualService(this, 'VirtualService', {
      name: ControlPlaneGateway.NAME,
      namespace: props.namespace,
      hosts: ['*'],
      gateways: [gateway.name],
      tcp: routes.map((r) => ({
        match: [{ port: r.gatewayPort }],
        route: [{ destination: { host: r.host, port: { number: r.port } } }],
      })),
    });
  }
}
