import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_ISTIO_NAMESPACE } from './istio-component-pod';
import { isIpAddress } from '../topology/net';

export interface PilotSelectorlessServiceProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** IP address of the primary cluster's Pilot (the chart's `global.remotePilotAddress`). */
  readonly remotePilotAddress: string;
}

/** Pilot's discovery ports in Istio 1.0, by Service port name. */
export const PILOT_DISCOVERY_PORTS: readonly { readonly name: string; readonly port: number }[] = [
  { name: 'http-old-discovery', port: 15003 },
  { name: 'https-discovery', port: 15005 },
  { name: 'http-discovery', port: 15007 },
  { name: 'grpc-xds', port: 15010 },
  { name: 'https-xds', port: 15011 },
  { name: 'http-legacy-discovery', port: 8080 },
  { name: 'http-monitoring', port: 9093 },
];

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
