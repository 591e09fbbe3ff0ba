import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { CaCertsSecret } from '../constructs/ca-certs-secret';
import { RemoteClusterSecret } from '../constructs/remote-cluster-secret';
import type { CaBundle } from '../pki/ca-bundle';
import type { ClusterSpec, MeshTopology } from '../topology/schema';
import { ClusterChart } from './cluster-chart';

export interface ClusterSecretsChartProps {
  readonly topology: MeshTopology;
  readonly cluster: ClusterSpec;
  /** istio-multi kubeconfigs of the remotes that have one, by cluster name. */
  readonly kubeconfigs: ReadonlyMap<string, string>;
  /** The `cacerts` files of each cluster, by cluster name. */
  readonly caBundles: ReadonlyMap<string, CaBundle>;
}

/**
 * A cluster's Secrets that hold credentials: its `cacerts` when the CA is
 * shared and, on the primary, one kubeconfig Secret per remote, which Pilot
 * finds by their `istio/multiCluster` label. Kept out of the apply chart
 * because its output must never reach git.
 */
export class ClusterSecretsChart extends ClusterChart {
  /** The chart, or undefined when this cluster has no such Secret (no empty file is written). */
  static forCluster(app: App, id: string, props: ClusterSecretsChartProps): ClusterSecretsChart | undefined {
    const hasCa = props.caBundles.has(props.cluster.name);
    const hasRemotes = props.cluster.role === 'primary' && props.kubeconfigs.size > 0;
    return hasCa || hasRemotes ? new ClusterSecretsChart(app, id, props) : undefined;
  }

  constructor(scope: Construct, id: string, props: ClusterSecretsChartProps) {
    super(scope, id);
    const { topology, cluster, kubeconfigs, caBundles } = props;
    const namespace = topology.istio.namespace;
    const bundle = caBundles.get(cluster.name);
    if (bundle) {
      new CaCertsSecret(this, 'CaCerts', {
        namespace,
        caCert: bundle['ca-cert.pem'],
        caKey: bundle['ca-key.pem'],
        rootCert: bundle['root-cert.pem'],
        certChain: bundle['cert-chain.pem'],
      });
    }
    if (cluster.role === 'primary') {
      // Topology order, not file-read order, keeps the output stable.
      for (const remote of topology.clusters) {
        const kubeconfig = kubeconfigs.get(remote.name);
        if (remote.role === 'remote' && kubeconfig !== undefined) {
          new RemoteClusterSecret(this, `Remote-${remote.name}`, { namespace, clusterName: remote.name, kubeconfig });
        }
      }
    }
  }
}
