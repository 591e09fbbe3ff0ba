import type { Construct } from 'constructs';
import { IstioCleanupSecrets } from '../constructs/istio-cleanup-secrets';
import type { SharedGlobalValues } from '../istio/global-values';
import { MeshNamespace } from '../constructs/mesh-namespace';
import { ClusterChart } from './cluster-chart';

export interface ClusterUninstallChartProps {
  readonly namespace: string;
  /** The cluster's merged `global` values, `istio` or `istio-remote` chart (the cleanup Job's image and pull secrets). */
  readonly global: SharedGlobalValues;
}

/**
 * The `security` subchart's post-delete hook, which both the `istio` and the
 * `istio-remote` chart carry, as a manifest set of its own: applied after
 * `kubectl delete -f dist/<cluster>/` (which deletes the control-plane
 * namespace too), it recreates that namespace and runs the Job that removes
 * the Secrets Citadel wrote in every other namespace.
 */
export class ClusterUninstallChart extends ClusterChart {
  constructor(scope: Construct, id: string, props: ClusterUninstallChartProps) {
    super(scope, id);
    // Deleting the install set deleted the control-plane namespace; the Job needs one to run in.
    new MeshNamespace(this, 'Namespace', { name: props.namespace });
    new IstioCleanupSecrets(this, 'CleanupSecrets', { namespace: props.namespace, global: props.global });
  }
}
