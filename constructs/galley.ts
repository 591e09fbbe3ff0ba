import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ISTIO_DEFAULTS, IstioGlobalValues, IstioValues } from '../istio/istio-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { ClusterRoleAccount } from './cluster-role-account';
import { galleyWebhookConfiguration } from './galley-webhook-configuration';
import { componentDeployment } from './istio-component-pod';

export interface GalleyProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The chart's `global` block (hub, tag, pull policy and secrets, arch, resources, `configValidation`). @default ISTIO_DEFAULTS.global */
  readonly global?: IstioGlobalValues;
  /** The `galley` subchart's block. @default ISTIO_DEFAULTS.galley */
  readonly galley?: IstioValues['galley'];
}

const SERVICE_ACCOUNT = 'istio-galley-service-account';
const CONFIG_MAP = 'istio-galley-configuration';
const WEBHOOK_CONFIG_FILE = 'validatingwebhookconfiguration.yaml';
const CERTS_DIR = '/etc/istio/certs';
const CONFIG_DIR = '/etc/istio/config';
const HEALTH_FILE = '/health';
const HTTPS_PORT = 443;
const MONITORING_PORT = 9093;

/**
 * Galley, Istio 1.0's configuration validator: an admission webhook for
 * Pilot's and Mixer's custom resources, which registers its own
 * ValidatingWebhookConfiguration from a ConfigMap and serves it with the
 * Citadel-issued certificate of its ServiceAccount.
 */
export class Galley extends Construct {
  constructor(scope: Construct, id: string, props: GalleyProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const global = props.global ?? ISTIO_DEFAULTS.global;
    const galley = props.galley ?? ISTIO_DEFAULTS.galley;
    const labels = { app: 'istio-galley' };
    const podLabels = { istio: 'galley' };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: SERVICE_ACCOUNT,
      namespace,
      roleName: `istio-galley-${namespace}`,
      bindingName: `istio-galley-admin-role-binding-${namespace}`,
      labels,
      imagePullSecrets: global.imagePullSecrets,
      rules: [
        { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['*'] },
        // Mixer's CRDs, watched to validate adapters and templates.
        { apiGroups: ['config.istio.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        // Its own Deployment and Endpoints: the webhook configuration's owner, and readiness before registering.
        { apiGroups: ['*'], resources: ['deployments'], resourceNames: ['istio-galley'], verbs: ['get'] },
        { apiGroups: ['*'], resources: ['endpoints'], resourceNames: ['istio-galley'], verbs: ['get'] },
      ],
    });

    new k8s.KubeConfigMap(this, 'Configuration', {
      // `istio: mixer`, as the 1.0.7 chart labels it.
      metadata: { name: CONFIG_MAP, namespace, labels: { ...labels, istio: 'mixer' } },
      data: { [WEBHOOK_CONFIG_FILE]: galleyWebhookConfiguration(namespace, global.configValidation) },
    });

    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'istio-galley', namespace, labels: podLabels },
      spec: {
        ports: [
          { port: HTTPS_PORT, name: 'https-validation' },
          { port: MONITORING_PORT, name: 'http-monitoring' },
        ],
        selector: podLabels,
      },
    });

    const probe: k8s.Probe = {
      exec: { command: ['/usr/local/bin/galley', 'probe', `--probe-path=${HEALTH_FILE}`, '--interval=10s'] },
      initialDelaySeconds: 5,
      periodSeconds: 5,
    };
    componentDeployment(this, 'Deployment', {
      name: 'istio-galley',
      namespace,
      labels: { app: 'galley' },
      podLabels,
      replicas: galley.replicaCount,
      // A new validator is up before the old one goes: the webhook fails closed.
      strategy: { rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
      serviceAccountName: SERVICE_ACCOUNT,
      image: galley.image,
      resources: galley.resources,
      global,
      container: {
        name: 'validator',
        ports: [{ containerPort: HTTPS_PORT }, { containerPort: MONITORING_PORT }],
        command: [
          '/usr/local/bin/galley',
          'validator',
          `--deployment-namespace=${namespace}`,
          `--caCertFile=${CERTS_DIR}/root-cert.pem`,
          `--tlsCertFile=${CERTS_DIR}/cert-chain.pem`,
          `--tlsKeyFile=${CERTS_DIR}/key.pem`,
          '--healthCheckInterval=1s',
          `--healthCheckFile=${HEALTH_FILE}`,
          '--webhook-config-file',
          `${CONFIG_DIR}/${WEBHOOK_CONFIG_FILE}`,
        ],
        volumeMounts: [
          { name: 'certs', mountPath: CERTS_DIR, readOnly: true },
          { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
        ],
        livenessProbe: probe,
        readinessProbe: probe,
      },
      volumes: [
        // Citadel's `istio.<serviceaccount>` Secret: the webhook's serving certificate.
        { name: 'certs', secret: { secretName: `istio.${SERVICE_ACCOUNT}` } },
        { name: 'config', configMap: { name: CONFIG_MAP } },
      ],
    });
  }
}
