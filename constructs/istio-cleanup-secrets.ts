import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ClusterRoleAccount } from './cluster-role-account';
import type { SharedGlobalValues } from '../istio/global-values';
import { remoteChartScope } from './istio-component-pod';

export interface IstioCleanupSecretsProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The `global` block, of either chart (hyperkube image, pull secrets). @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: SharedGlobalValues;
}

/** Deletes every Secret Citadel wrote (type `istio.io/key-and-cert`), in all namespaces. */
const CLEANUP_SCRIPT = `kubectl get secret --all-namespaces | grep "istio.io/key-and-cert" |  while read -r entry; do
  ns=$(echo $entry | awk '{print $1}');
  name=$(echo $entry | awk '{print $2}');
  kubectl delete secret $name -n $ns;
done
`;

/**
 * The uninstall step: a Job, with its own account and ClusterRole, that
 * deletes the key-and-cert Secrets Citadel left in every namespace. The chart
 * ran it as a post-delete hook; static YAML has no hooks, so it belongs in a
 * separate chart applied after the install set is deleted (Citadel must be
 * gone first, or it re-creates the Secrets). Its own ServiceAccount, because
 * Citadel's is deleted with the install set.
 */
export class IstioCleanupSecrets extends Construct {
  static readonly NAME = 'istio-cleanup-secrets';

  constructor(scope: Construct, id: string, props: IstioCleanupSecretsProps = {}) {
    super(scope, id);
    const { namespace, global } = remoteChartScope(props);
    const name = IstioCleanupSecrets.NAME;
    const account = `${name}-service-account`;
    const labels = { app: 'security' };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: account,
      namespace,
      roleName: `${name}-${namespace}`,
      labels,
      imagePullSecrets: global.imagePullSecrets,
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'delete'] }],
    });
    new k8s.KubeJob(this, 'Job', {
      metadata: { name, namespace, labels },
      spec: {
        template: {
          metadata: { name, labels },
          spec: {
            serviceAccountName: account,
            containers: [
              {
                name: 'hyperkube',
                image: `${global.hyperkube.hub}/hyperkube:${global.hyperkube.tag}`,
                command: ['/bin/bash', '-c', CLEANUP_SCRIPT],
              },
            ],
            restartPolicy: 'OnFailure',
          },
        },
      },
    });
  }
}
