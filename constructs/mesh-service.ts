import { Construct } from 'constructs';
import { IntOrString, KubeService } from '../imports/k8s';
import { isDns1035Label, isIanaSvcName } from '../lib/fields';

export interface MeshServicePort {
  /**
   * An IANA service name; Istio reads the protocol from its prefix (http-, grpc-, tcp-, ...).
   * @default undefined: allowed only on a single-port Service.
   */
  readonly name?: string;
  readonly port: number;
  /** @default the same as port */
  readonly targetPort?: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

export interface MeshServiceProps {
  /** A DNS-1035 label, as Kubernetes requires of Service names. */
  readonly name: string;
  /** The namespace the Service goes in; the chart creates the Namespace itself. */
  readonly namespace: string;
  readonly ports: readonly MeshServicePort[];
  /** Labels of the pods behind the Service. */
  readonly selector: Readonly<Record<string, string>>;
}

/**
 * A service that clients anywhere in the mesh call. Kubernetes DNS answers
 * only for Services defined in the client's own cluster, so every cluster gets
 * this Service, whether or not it runs the pods; Pilot fills in the endpoints
 * from every cluster it watches.
 */
export class MeshService extends Construct {
  constructor(scope: Construct, id: string, props: MeshServiceProps) {
    super(scope, id);
    // The API server refuses these; failing here names the service instead.
    if (!isDns1035Label(props.name)) {
      throw new Error(`Service name ${JSON.stringify(props.name)} is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter): Kubernetes requires it of Service names`);
    }
    for (const p of props.ports) {
      if (p.name !== undefined && !isIanaSvcName(p.name)) {
        throw new Error(
          `Service ${props.namespace}/${props.name} has port name ${JSON.stringify(p.name)}, which is not an IANA service name (at most 15 lowercase letters, digits and '-', with a letter, no '--'): rename it`,
        );
      }
    }
    if (props.ports.length === 0) {
      throw new Error(`Service ${props.namespace}/${props.name} has no ports: give it at least one`);
    }
    if (props.ports.length > 1 && props.ports.some((p) => p.name === undefined)) {
      throw new Error(`Service ${props.namespace}/${props.name} has an unnamed port among several: Kubernetes requires every port to be named then`);
    }
    new KubeService(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        ports: props.ports.map((p) => ({
          ...(p.name !== undefined && { name: p.name }),
          port: p.port,
          ...(p.targetPort !== undefined && { targetPort: IntOrString.fromNumber(p.targetPort) }),
          protocol: p.protocol ?? 'TCP',
        })),
        selector: { ...props.selector },
      },
    });
  }
}
