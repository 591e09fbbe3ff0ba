import type { App, Chart } from 'cdk8s';
import { remoteControlPlaneAddresses } from '../plan/control-plane-addresses';
import type { MeshInputs } from '../plan/mesh-inputs';
import { remoteChartValues } from '../plan/remote-values';
import type { ClusterSpec, MeshTopology } from '../topology/schema';
import { ClusterCrdsChart } from './cluster-crds-chart';
import { ClusterSecretsChart } from './cluster-secrets-chart';
import { PrimaryClusterChart } from './primary-cluster-chart';
import { RemoteClusterChart } from './remote-cluster-chart';
import { RemoteUninstallChart } from './remote-uninstall-chart';

/** The charts of one cluster, by what they are for. */
export interface ClusterCharts {
  readonly cluster: string;
  /** `kubectl apply -f dist/<cluster>/`. */
  readonly apply: Chart;
  /** Secrets with credentials: written outside git. Undefined when the cluster needs none. */
  readonly secrets?: Chart;
  /** Applied after the install set is deleted. */
  readonly uninstall?: Chart;
  /**
   * `kubectl apply -f dist-crds/<cluster>/`, established before anything else
   * is applied. Undefined on a remote whose output holds no custom resource.
   */
  readonly crds?: Chart;
}

/** One chart set per cluster of the topology, in the topology's order. */
export function buildMesh(app: App, topology: MeshTopology, inputs: MeshInputs): ClusterCharts[] {
  const namespace = topology.istio.namespace;
  const addresses = remoteControlPlaneAddresses(topology);
  return topology.clusters.map((cluster) => {
    const secrets = ClusterSecretsChart.forCluster(app, `${cluster.name}-secrets`, { topology, cluster, ...inputs });
    if (cluster.role === 'primary') {
      return withCrds(app, cluster.role, { cluster: cluster.name, apply: new PrimaryClusterChart(app, cluster.name, { topology, cluster }), secrets });
    }
    const values = remoteChartValues(topology.istio, cluster, addresses);
    return withCrds(app, cluster.role, {
      cluster: cluster.name,
      apply: new RemoteClusterChart(app, cluster.name, { topology, cluster, values }),
      secrets,
      uninstall: new RemoteUninstallChart(app, `${cluster.name}-uninstall`, { namespace, values }),
    });
  });
}

/** Adds a cluster's CRDs, which follow from the custom resources its other charts hold. */
function withCrds(app: App, role: ClusterSpec['role'], charts: Omit<ClusterCharts, 'crds'>): ClusterCharts {
  const others = [charts.apply, charts.secrets, charts.uninstall].filter((c) => c !== undefined);
  const crds = ClusterCrdsChart.forCluster(app, `${charts.cluster}-crds`, role, others);
  return crds ? { ...charts, crds } : charts;
}
