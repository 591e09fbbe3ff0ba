import { Construct } from 'constructs';
import { KubeEndpoints, KubeService } from '../imports/k8s';
import { CONTROL_PLANE_SERVICES } from '../istio/control-plane-services';
import { isIpAddress } from '../lib/net';

export interface RemoteControlPlaneServicesProps {
  /** The control-plane namespace; the remote's mesh config dials `<service>.<namespace>`. */
  readonly namespace: string;
  /** The IP of the primary's ingress gateway, as the remote reaches it. */
  readonly gatewayAddress: string;
}

/**
 * A remote's half of gateway exposure: selector-less `istio-pilot`,
 * `istio-policy`, `istio-telemetry` and `zipkin` Services, each with an
 * Endpoints object pointing at the primary's gateway. The remote's mesh
 * config reaches the control plane by these names (remoteControlPlaneAddresses),
 * so a restarted pod on the primary changes nothing here.
 *
 * The Services keep a cluster IP on purpose (no `clusterIP: None`): the
 * gateway publishes telemetry's ports 10000 higher than policy's, and only
 * kube-proxy's translation from the Service port to the Endpoints port lets
 * the remote keep dialing `istio-telemetry.<ns>:9091`. A headless Service
 * would hand the client the gateway IP with port 9091, which is policy's.
 *
 * This replaces the istio-remote chart's own selector-less istio-pilot
 * (`global.remotePilotCreateSvcEndpoint`), which must be off.
 */
export class RemoteControlPlaneServices extends Construct {
  constructor(scope: Construct, id: string, props: RemoteControlPlaneServicesProps) {
    super(scope, id);
    if (!isIpAddress(props.gatewayAddress)) {
      throw new Error(
        `gateway address ${JSON.stringify(props.gatewayAddress)} is not an IP address: Endpoints hold IPs only; give the IP the gateway's name resolves to`,
      );
    }
    for (const service of CONTROL_PLANE_SERVICES) {
      const ports = service.ports.flatMap((p) => (p.gatewayPort === undefined ? [] : [{ ...p, gatewayPort: p.gatewayPort }]));
      const metadata = { name: service.name, namespace: props.namespace };
      const scopeOf = new Construct(this, service.name);
      new KubeService(scopeOf, 'Service', {
        metadata,
        // No selector: Kubernetes then leaves the Endpoints of the same name to us.
        spec: { ports: ports.map((p) => ({ name: p.name, port: p.port })) },
      });
      new KubeEndpoints(scopeOf, 'Endpoints', {
        metadata,
        // Endpoints ports pair with Service ports by name.
        subsets: [{ addresses: [{ ip: props.gatewayAddress }], ports: ports.map((p) => ({ name: p.name, port: p.gatewayPort })) }],
      });
    }
  }
}
