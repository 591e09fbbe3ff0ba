import { ApiObject, App, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { IstioCustomResourceDefinition } from '../constructs/istio-custom-resource-definition';
import { ISTIO_CRDS, istioCrdFor, isIstioApiVersion, type IstioCrd } from '../istio/crds';
import type { ClusterSpec } from '../topology/schema';
import { ClusterChart } from './cluster-chart';

export interface ClusterCrdsChartProps {
  /** The CRDs to install, in this order. */
  readonly crds: readonly IstioCrd[];
}

/**
 * A cluster's CustomResourceDefinitions, applied in a step of their own
 * before everything else: kubectl maps every object's kind before it applies
 * any, so a custom resource in the same `kubectl apply` as its CRD fails
 * ("ensure CRDs are installed first"), and so does one applied before its CRD
 * is established.
 */
export class ClusterCrdsChart extends ClusterChart {
  /**
   * The CRDs of a cluster whose other charts are `charts`: on the primary all
   * of Istio's, since Pilot and Mixer watch every one of them; on a remote
   * those of the custom resources in its own output, and no chart when there
   * are none (no empty folder is written).
   */
  static forCluster(app: App, id: string, role: ClusterSpec['role'], charts: readonly Chart[]): ClusterCrdsChart | undefined {
    const needed = crdsServing(charts);
    const crds = role === 'primary' ? ISTIO_CRDS : needed;
    return crds.length > 0 ? new ClusterCrdsChart(app, id, { crds }) : undefined;
  }

  constructor(scope: Construct, id: string, props: ClusterCrdsChartProps) {
    super(scope, id);
    for (const crd of props.crds) {
      new IstioCustomResourceDefinition(this, crdIdOf(crd), crd);
    }
  }
}

/**
 * The CRDs that serve the Istio custom resources in `charts`, in the order of
 * `ISTIO_CRDS`. A custom resource that no Istio 1.0.7 CRD serves is a bug of
 * ours: Kubernetes would refuse it at apply time.
 */
export function crdsServing(charts: readonly Chart[]): IstioCrd[] {
  const needed = new Set<IstioCrd>();
  for (const chart of charts) {
    for (const object of chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
      if (!isIstioApiVersion(object.apiVersion)) {
        continue;
      }
      const crd = istioCrdFor(object.apiVersion, object.kind);
      if (crd === undefined) {
        throw new Error(`internal error: ${object.kind} "${object.name}" (${object.apiVersion}) in chart ${chart.node.id} has no CRD in istio/crds.ts`);
      }
      needed.add(crd);
    }
  }
  return ISTIO_CRDS.filter((crd) => needed.has(crd));
}

function crdIdOf(crd: IstioCrd): string {
  return `${crd.group}-${crd.kind}`;
}
