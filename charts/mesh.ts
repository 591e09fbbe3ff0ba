import { App, type Chart } from 'cdk8s';
import { remoteControlPlaneAddresses } from '../plan/control-plane-addresses';
import type { SharedGlobalValues } from '../istio/global-values';
import type { MeshInputs } from '../plan/mesh-inputs';
import { primaryChartValues } from '../plan/primary-values';
import { remoteChartValues } from '../plan/remote-values';
import type { ClusterSpec, MeshTopology } from '../topology/schema';
import { ClusterCrdsChart } from './cluster-crds-chart';
import { ClusterSecretsChart } from './cluster-secrets-chart';
import { PrimaryClusterChart } from './primary-cluster-chart';
import { RemoteClusterChart } from './remote-cluster-chart';
import { ClusterUninstallChart } from './cluster-uninstall-chart';

/** The charts of one cluster, by what they are for. */
export interface ClusterCharts {
  readonly cluster: string;
  readonly role: ClusterSpec['role'];
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
    const uninstall = (global: SharedGlobalValues) => new ClusterUninstallChart(app, `${cluster.name}-uninstall`, { namespace, global });
    if (cluster.role === 'primary') {
      const values = primaryChartValues(topology, cluster);
      yield withCrds(app, cluster.role, {
        cluster: cluster.name,
        role: cluster.role,
        apply: new PrimaryClusterChart(app, cluster.name, { topology, cluster, values }),
        secrets,
        // The cleanup is the security subchart's hook: without Citadel there is nothing to clean.
        ...(values.security.enabled !== false && { uninstall: uninstall(values.global) }),
      });
      continue;
    }
    const values = remoteChartValues(topology.istio, cluster, addresses);
    yield withCrds(app, cluster.role, {
      cluster: cluster.name,
      role: cluster.role,
      apply: new RemoteClusterChart(app, cluster.name, { topology, cluster, values }),
      secrets,
      uninstall: uninstall(values.global),
    });
  }
}

/** Every cluster's chart set at once, for callers that look at the mesh as a whole. */
export function buildMesh(topology: MeshTopology, inputs: MeshInputs): ClusterCharts[] {
  return [...meshCharts(topology, inputs)];
}

/** Adds a cluster's CRDs, which follow from the custom resources its other charts hold. */
function withCrds(app: App, role: ClusterSpec['role'], charts: Omit<ClusterCharts, 'crds'>): ClusterCharts {
  const others = [charts.apply, charts.secrets, charts.uninstall].filter((c) => c !== undefined);
  const crds = ClusterCrdsChart.forCluster(app, `${charts.cluster}-crds`, role, others);
  return crds ? { ...charts, crds } : charts;
}
