import { Construct } from 'constructs';
import { KubeNamespace } from '../imports/k8s';

export interface MeshNamespaceProps {
  /** The namespace's name. */
  readonly name: string;
  /**
   * Label the namespace `istio-injection=enabled`, which the sidecar injector's
   * webhook selects on.
   * @default false
   */
  readonly sidecarInjection?: boolean;
}

/**
 * A Namespace of the mesh. Charts emit it before anything that lives in it,
 * so `kubectl apply -f` works in one pass on an empty cluster.
 */
export class MeshNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: MeshNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    new KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: props.sidecarInjection ? { 'istio-injection': 'enabled' } : undefined,
      },
    });
  }
}
