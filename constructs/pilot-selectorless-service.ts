import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { CONTROL_PLANE_SERVICES } from '../istio/control-plane-services';
import { isIpAddress } from '../lib/net';

export interface PilotSelectorlessServiceProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** IP address of the primary cluster's Pilot (the chart's `global.remotePilotAddress`). */
  readonly remotePilotAddress: string;
}

/** Pilot's discovery ports in Istio 1.0, by Service port name: the one table every exposure mode uses. */
export const PILOT_DISCOVERY_PORTS: readonly { readonly name: string; readonly port: number }[] = CONTROL_PLANE_SERVICES.find(
  (service) => service.component === 'pilot',
)!.ports.map(({ name, port }) => ({ name, port }));

/**
 * A headless `istio-pilot` Service with no selector, and Endpoints that point
 * it at the primary cluster's Pilot, so that sidecars here can resolve
 * `istio-pilot.<namespace>` as they would on the primary.
 */
export class PilotSelectorlessService extends Construct {
  constructor(scope: Construct, id: string, props: PilotSelectorlessServiceProps) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    if (!isIpAddress(props.remotePilotAddress)) {
      // Endpoints addresses must be IPs; the API server rejects the object otherwise.
      throw new Error(
        `remotePilotAddress ${JSON.stringify(props.remotePilotAddress)} is not an IP address, but Endpoints take only IPs: ` +
          'give the Pilot IP address, or do not create the selector-less Service (remotePilotCreateSvcEndpoint=false)',
      );
    }

    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'istio-pilot', namespace },
      spec: { clusterIp: 'None', ports: PILOT_DISCOVERY_PORTS.map(({ name, port }) => ({ name, port })) },
    });
    new k8s.KubeEndpoints(this, 'Endpoints', {
      metadata: { name: 'istio-pilot', namespace },
      subsets: [{ addresses: [{ ip: props.remotePilotAddress }], ports: PILOT_DISCOVERY_PORTS.map(({ name, port }) => ({ name, port })) }],
    });
  }
}
