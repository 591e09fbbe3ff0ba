import { Construct } from 'constructs';
import { IntOrString, KubeService } from '../imports/k8s';

export interface MeshServicePort {
  /**
   * Istio reads the protocol from its prefix (http-, grpc-, tcp-, ...).
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
