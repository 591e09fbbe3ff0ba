import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ClusterRoleAccount } from './cluster-role-account';
import { componentDeployment, remoteChartScope } from './istio-component-pod';
import type { SharedGlobalValues } from '../istio/global-values';
import { ISTIO_REMOTE_DEFAULTS } from '../istio/istio-remote-values';
import type { SecurityValues } from '../istio/shared-subchart-values';

export interface CitadelProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The `global` block, of either chart (hub, tag, pull policy and secrets, arch, resources). @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: SharedGlobalValues;
  /** The `security` subchart's block. @default ISTIO_REMOTE_DEFAULTS.security */
  readonly security?: SecurityValues;
  /**
   * Extra DNS names for the certificates of control-plane accounts of the
   * namespace: ServiceAccount name to Service name, both qualified with the
   * namespace (`--custom-dns-names`), so that sidecars dialling those
   * Services by name accept their certificates. @default {} (none)
   */
  readonly customDnsNames?: Readonly<Record<string, string>>;
}

/** Where Citadel reads a plugged-in CA from when `selfSigned` is false: the `cacerts` Secret. */
const CACERTS_DIR = '/etc/cacerts';
const GRPC_PORT = 8060;
const MONITORING_PORT = 9093;

/**
 * Citadel, Istio 1.0's CA: it writes an `istio.<serviceaccount>` key-and-cert
 * Secret for every ServiceAccount, signed either by a self-signed root or by
 * the CA in the `cacerts` Secret (shared with the primary so that both
 * clusters trust each other's workloads).
 */
export class Citadel extends Construct {
  static readonly SERVICE_ACCOUNT = 'istio-citadel-service-account';

  constructor(scope: Construct, id: string, props: CitadelProps = {}) {
    super(scope, id);
    const { namespace, global } = remoteChartScope(props);
    const security = props.security ?? ISTIO_REMOTE_DEFAULTS.security;
    const account = Citadel.SERVICE_ACCOUNT;
    const labels = { app: 'security' };
    const podLabels = { istio: 'citadel' };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: account,
      namespace,
      roleName: `istio-citadel-${namespace}`,
      labels,
      imagePullSecrets: global.imagePullSecrets,
      rules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get', 'watch', 'list', 'update', 'delete'] },
        { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'watch', 'list'] },
        { apiGroups: [''], resources: ['services'], verbs: ['get', 'watch', 'list'] },
      ],
    });

    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'istio-citadel', namespace, labels: { app: 'istio-citadel' } },
      spec: {
        ports: [
          { name: 'grpc-citadel', port: GRPC_PORT, targetPort: k8s.IntOrString.fromNumber(GRPC_PORT), protocol: 'TCP' },
          { name: 'http-monitoring', port: MONITORING_PORT },
        ],
        selector: podLabels,
      },
    });

    const caArgs = security.selfSigned
      ? ['--self-signed-ca=true']
      : [
          '--self-signed-ca=false',
          `--signing-cert=${CACERTS_DIR}/ca-cert.pem`,
          `--signing-key=${CACERTS_DIR}/ca-key.pem`,
          `--root-cert=${CACERTS_DIR}/root-cert.pem`,
          `--cert-chain=${CACERTS_DIR}/cert-chain.pem`,
        ];

    componentDeployment(this, 'Deployment', {
      name: 'istio-citadel',
      namespace,
      labels,
      podLabels,
      replicas: security.replicaCount,
      serviceAccountName: account,
      image: security.image,
      resources: security.resources,
      global,
      container: {
        name: 'citadel',
        args: [
          '--append-dns-names=true',
          `--grpc-port=${GRPC_PORT}`,
          '--grpc-hostname=citadel',
          `--citadel-storage-namespace=${namespace}`,
          ...customDnsNamesArg(props.customDnsNames ?? {}, namespace),
          ...caArgs,
        ],
        volumeMounts: security.selfSigned ? undefined : [{ name: 'cacerts', mountPath: CACERTS_DIR, readOnly: true }],
      },
      volumes: security.selfSigned ? undefined : [{ name: 'cacerts', secret: { secretName: 'cacerts', optional: true } }],
    });
  }
}

/** `--custom-dns-names=<account>.<ns>:<service>.<ns>,...`, in the order given; nothing when there are none. */
function customDnsNamesArg(names: Readonly<Record<string, string>>, namespace: string): string[] {
  const pairs = Object.entries(names).map(([account, service]) => `${account}.${namespace}:${service}.${namespace}`);
  return pairs.length === 0 ? [] : [`--custom-dns-names=${pairs.join(',')}`];
}
