import type { Construct } from 'constructs';
import { IstioCleanupSecrets } from '../constructs/istio-cleanup-secrets';
import type { IstioRemoteValues } from '../istio/istio-remote-values';
import { MeshNamespace } from '../constructs/mesh-namespace';
import { ClusterChart } from './cluster-chart';

export interface RemoteUninstallChartProps {
  readonly namespace: string;
  readonly values: IstioRemoteValues;
}

/**
 * The istio-remote chart's post-delete hook as a manifest set of its own:
 * applied after `kubectl delete -f dist/<remote>/` (which deletes the
 * control-plane namespace too), it recreates that namespace and runs the Job
 * that removes the Secrets Citadel wrote in every other namespace.
 */
export class RemoteUninstallChart extends ClusterChart {
  constructor(scope: Construct, id: string, props: RemoteUninstallChartProps) {
    super(scope, id);
    // Deleting the install set deleted the control-plane namespace; the Job needs one to run in.
    new MeshNamespace(this, 'Namespace', { name: props.namespace });
    new IstioCleanupSecrets(this, 'CleanupSecrets', { namespace: props.namespace, global: props.values.global });
  }
}
