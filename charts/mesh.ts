import { App, type Chart } from 'cdk8s';
import type { CaBundle } from '../pki/ca-bundle';
import { remoteControlPlaneAddresses } from '../topology/control-plane-addresses';
import { remoteChartValues } from '../topology/remote-values';
import type { MeshTopology } from '../topology/schema';
import { ClusterSecretsChart } from './cluster-secrets-chart';
import { PrimaryClusterChart } from './primary-cluster-chart';
import { RemoteClusterChart } from './remote-cluster-chart';
import { RemoteUninstallChart } from './remote-uninstall-chart';

/** What synth read from files the topology names, already checked. */
export interface MeshInputs {
  /** istio-multi kubeconfig of each remote that has one, by cluster name. */
  readonly kubeconfigs: ReadonlyMap<string, string>;
  /** The `cacerts` files of each cluster, by cluster name, when the CA is shared. */
  readonly caBundles: ReadonlyMap<string, CaBundle>;
}

/** The charts of one cluster, by what they are for. */
export interface ClusterCharts {
  readonly cluster: string;
  /** `kubectl apply -f dist/<cluster>/`. */
  readonly apply: Chart;
  /** Secrets with credentials: written outside git. Undefined when the cluster needs none. */
  readonly secrets?: Chart;
  /** Applied after the install set is deleted. */
  readonly uninstall?: Chart;
}

/**
 * One chart set per cluster of the topology, in the topology's order, built
 * as the caller asks for them. Each set lives in an App of its own: cdk8s
 * resolves and validates the whole App every time it synthesizes one chart,
 * so a shared App makes synth quadratic in the number of clusters. Asked for
 * one at a time, a set can be rendered and dropped before the next is built.
 */
export function* meshCharts(topology: MeshTopology, inputs: MeshInputs): Generator<ClusterCharts> {
  const namespace = topology.istio.namespace;
  const addresses = remoteControlPlaneAddresses(topology);
  for (const cluster of topology.clusters) {
    const app = new App();
    const secrets = ClusterSecretsChart.forCluster(app, `${cluster.name}-secrets`, { topology, cluster, ...inputs });
    if (cluster.role === 'primary') {
      yield { cluster: cluster.name, apply: new PrimaryClusterChart(app, cluster.name, { topology, cluster }), secrets };
      continue;
    }
    const values = remoteChartValues(topology.istio, cluster, addresses);
    yield {
      cluster: cluster.name,
      apply: new RemoteClusterChart(app, cluster.name, { topology, cluster, values }),
      secrets,
      uninstall: new RemoteUninstallChart(app, `${cluster.name}-uninstall`, { namespace, values }),
    };
  }
}

/** Every cluster's chart set at once, for callers that look at the mesh as a whole. */
export function buildMesh(topology: MeshTopology, inputs: MeshInputs): ClusterCharts[] {
  return [...meshCharts(topology, inputs)];
}
