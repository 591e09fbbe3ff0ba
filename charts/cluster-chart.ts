import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * The base of every chart of a cluster: objects keep the names their
 * constructs give them (Istio's own names, which the output must match), and
 * the chart sets no namespace, which cdk8s would stamp on cluster-scoped
 * objects too; each object carries its own.
 */
export abstract class ClusterChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
  }
}
