import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ClusterRoleAccount } from './cluster-role-account';
import { componentDeployment, remoteChartScope } from './istio-component-pod';
import type { SharedGlobalValues } from '../istio/global-values';
import { ISTIO_REMOTE_DEFAULTS } from '../istio/istio-remote-values';
import type { SidecarInjectorWebhookValues } from '../istio/shared-subchart-values';
import { IstioMeshConfig } from './istio-mesh-config';
import { SidecarInjectorConfig } from './sidecar-injector-config';

export interface SidecarInjectorProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The `global` block, of either chart. @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: SharedGlobalValues;
  /** The `sidecarInjectorWebhook` subchart's block (`enabled` is the caller's business). @default ISTIO_REMOTE_DEFAULTS.sidecarInjectorWebhook */
  readonly sidecarInjectorWebhook?: SidecarInjectorWebhookValues;
}

const NAME = 'istio-sidecar-injector';
const CERTS_DIR = '/etc/istio/certs';
const HEALTH_FILE = '/health';

/**
 * The automatic sidecar injector: a webhook server that reads the
 * `istio-sidecar-injector` and `istio` ConfigMaps, and the
 * MutatingWebhookConfiguration that sends it every new pod of the selected
 * namespaces. Its serving certificate is the `istio.<serviceaccount>` Secret
 * Citadel writes; it patches its own `caBundle` in at start-up.
 */
export class SidecarInjector extends Construct {
  static readonly SERVICE_ACCOUNT = 'istio-sidecar-injector-service-account';

  constructor(scope: Construct, id: string, props: SidecarInjectorProps = {}) {
    super(scope, id);
    const { namespace, global } = remoteChartScope(props);
    const webhook = props.sidecarInjectorWebhook ?? ISTIO_REMOTE_DEFAULTS.sidecarInjectorWebhook;
    const account = SidecarInjector.SERVICE_ACCOUNT;
    const labels = { app: NAME };
    const podLabels = { istio: 'sidecar-injector' };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: account,
      namespace,
      roleName: `${NAME}-${namespace}`,
      bindingName: `${NAME}-admin-role-binding-${namespace}`,
      labels,
      imagePullSecrets: global.imagePullSecrets,
      rules: [
        { apiGroups: ['*'], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
        // patch: the injector writes its CA into its own webhook configuration.
        { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['get', 'list', 'watch', 'patch'] },
      ],
    });

    new k8s.KubeService(this, 'Service', {
      metadata: { name: NAME, namespace, labels: podLabels },
      spec: { ports: [{ port: 443 }], selector: podLabels },
    });

    const probe: k8s.Probe = {
      exec: { command: ['/usr/local/bin/sidecar-injector', 'probe', `--probe-path=${HEALTH_FILE}`, '--interval=4s'] },
      initialDelaySeconds: 4,
      periodSeconds: 4,
    };
    componentDeployment(this, 'Deployment', {
      name: NAME,
      namespace,
      labels: { app: 'sidecarInjectorWebhook' },
      podLabels,
      replicas: webhook.replicaCount,
      serviceAccountName: account,
      image: webhook.image,
      resources: webhook.resources,
      global,
      container: {
        name: 'sidecar-injector-webhook',
        args: [
          `--caCertFile=${CERTS_DIR}/root-cert.pem`,
          `--tlsCertFile=${CERTS_DIR}/cert-chain.pem`,
          `--tlsKeyFile=${CERTS_DIR}/key.pem`,
          `--injectConfig=/etc/istio/inject/${SidecarInjectorConfig.CONFIG_KEY}`,
          `--meshConfig=/etc/istio/config/${IstioMeshConfig.MESH_KEY}`,
          '--healthCheckInterval=2s',
          `--healthCheckFile=${HEALTH_FILE}`,
        ],
        volumeMounts: [
          { name: 'config-volume', mountPath: '/etc/istio/config', readOnly: true },
          { name: 'certs', mountPath: CERTS_DIR, readOnly: true },
          { name: 'inject-config', mountPath: '/etc/istio/inject', readOnly: true },
        ],
        livenessProbe: probe,
        readinessProbe: probe,
      },
      volumes: [
        { name: 'config-volume', configMap: { name: IstioMeshConfig.NAME } },
        { name: 'certs', secret: { secretName: `istio.${account}` } },
        {
          name: 'inject-config',
          configMap: {
            name: SidecarInjectorConfig.NAME,
            items: [{ key: SidecarInjectorConfig.CONFIG_KEY, path: SidecarInjectorConfig.CONFIG_KEY }],
          },
        },
      ],
    });

    new k8s.KubeMutatingWebhookConfiguration(this, 'Webhook', {
      metadata: { name: NAME, labels },
      webhooks: [
        {
          name: 'sidecar-injector.istio.io',
          clientConfig: {
            service: { name: NAME, namespace, path: '/inject' },
            // Empty on purpose: the injector patches in Citadel's root at start-up.
            caBundle: '',
          },
          rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }],
          failurePolicy: 'Fail',
          namespaceSelector: webhook.enableNamespacesByDefault
            ? { matchExpressions: [{ key: 'istio-injection', operator: 'NotIn', values: ['disabled'] }] }
            : { matchLabels: { 'istio-injection': 'enabled' } },
          // admissionregistration/v1 requires both; the 1.0 injector only speaks AdmissionReview v1beta1.
          sideEffects: 'None',
          admissionReviewVersions: ['v1beta1'],
        },
      ],
    });
  }
}
