import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { isDns1123Label } from '../lib/net';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

export interface RemoteClusterSecretProps {
  /** The remote cluster's name: the Secret's name, its only data key, and the cluster ID Pilot gives it. */
  readonly clusterName: string;
  /** istio-multi's kubeconfig for that cluster, as `mesh kubeconfig` writes it. */
  readonly kubeconfig: string;
  /** The control-plane namespace on the primary, where Pilot looks for these Secrets. @default 'istio-system' */
  readonly namespace?: string;
}

/**
 * The Secret through which the primary's Pilot watches one remote cluster.
 * Pilot picks up every Secret labeled `istio/multiCluster: "true"` in its
 * namespace and reads one kubeconfig per data key, taking the key as the
 * cluster's ID. The `networking.istio.io/cluster` annotation is not read by
 * Pilot or, later, istiod: it is what istioctl's `create-remote-secret` writes
 * on the Secrets it makes, kept here so these read the same to people and
 * tools used to them.
 */
export class RemoteClusterSecret extends Construct {
  static readonly LABEL = 'istio/multiCluster';
  static readonly CLUSTER_ANNOTATION = 'networking.istio.io/cluster';

  constructor(scope: Construct, id: string, props: RemoteClusterSecretProps) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const name = props.clusterName;
    if (!isDns1123Label(name)) {
      // Secret data keys may not hold '_' or upper case: the manual procedure's most common failure.
      throw new Error(
        `clusterName ${JSON.stringify(name)} is not a DNS-1123 label, but it becomes the Secret's name and data key: ` +
          "use lowercase letters, digits and '-' (rename the cluster in mesh.yaml)",
      );
    }
    if (props.kubeconfig.trim() === '') {
      throw new Error(`kubeconfig of cluster ${JSON.stringify(name)} is empty: run \`npm run --silent mesh -- kubeconfig --cluster ${name} ...\``);
    }

    new k8s.KubeSecret(this, 'Resource', {
      metadata: {
        name,
        namespace,
        labels: { [RemoteClusterSecret.LABEL]: 'true' },
        annotations: { [RemoteClusterSecret.CLUSTER_ANNOTATION]: name },
      },
      type: 'Opaque',
      // `data`, not `stringData`: the API server turns stringData into data, so
      // a stringData manifest never matches what `kubectl diff` or a GitOps
      // tool reads back, while base64 of the same text is the same every time.
      data: { [name]: Buffer.from(props.kubeconfig, 'utf8').toString('base64') },
    });
  }
}
