import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { IstioCleanupSecrets } from '../constructs/istio-cleanup-secrets';
import type { IstioRemoteValues } from '../constructs/istio-remote-values';

export interface RemoteUninstallChartProps {
  readonly namespace: string;
  readonly values: IstioRemoteValues;
}

/**
 * The istio-remote chart's post-delete hook as a manifest set of its own:
 * applied after `kubectl delete -f dist/<remote>/`, it removes the Secrets
 * Citadel wrote in every namespace.
 */
export class RemoteUninstallChart extends Chart {
  constructor(scope: Construct, id: string, props: RemoteUninstallChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    new IstioCleanupSecrets(this, 'CleanupSecrets', { namespace: props.namespace, global: props.values.global });
  }
}
