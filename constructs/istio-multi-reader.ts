import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { ClusterRoleAccount } from './cluster-role-account';

export interface IstioMultiReaderProps {
  /** Namespace of the ServiceAccount and its token Secret. @default 'istio-system' */
  readonly namespace?: string;
}

/**
 * The `istio-multi` identity the primary cluster's Pilot uses to watch this
 * remote: a ServiceAccount, the read-only `istio-reader` ClusterRole, their
 * binding, and a long-lived token Secret to build the kubeconfig from.
 */
export class IstioMultiReader extends Construct {
  static readonly SERVICE_ACCOUNT = 'istio-multi';
  static readonly TOKEN_SECRET = 'istio-multi-token';

  constructor(scope: Construct, id: string, props: IstioMultiReaderProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const account = IstioMultiReader.SERVICE_ACCOUNT;

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: account,
      namespace,
      roleName: 'istio-reader',
      bindingName: account,
      // Pilot discovers services, endpoints and pod locality; it never writes to a remote.
      rules: [{ apiGroups: [''], resources: ['nodes', 'pods', 'services', 'endpoints'], verbs: ['get', 'watch', 'list'] }],
    });

    // Since Kubernetes 1.24 a ServiceAccount gets no token Secret by itself;
    // the token controller fills this one in.
    new k8s.KubeSecret(this, 'TokenSecret', {
      metadata: {
        name: IstioMultiReader.TOKEN_SECRET,
        namespace,
        annotations: { 'kubernetes.io/service-account.name': account },
      },
      type: 'kubernetes.io/service-account-token',
    });
  }
}
