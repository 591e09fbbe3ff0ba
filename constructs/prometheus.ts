import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ISTIO_DEFAULTS, IstioGlobalValues, IstioValues } from '../istio/istio-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { ClusterRoleAccount } from './cluster-role-account';
import { componentDeployment } from './istio-component-pod';
import { prometheusScrapeConfig } from './prometheus-scrape-config';

export interface PrometheusProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The chart's `global` block (pull policy and secrets, arch, resources, priority class). @default ISTIO_DEFAULTS.global */
  readonly global?: IstioGlobalValues;
  /** The `prometheus` subchart's block. @default ISTIO_DEFAULTS.prometheus */
  readonly prometheus?: IstioValues['prometheus'];
}

const NAME = 'prometheus';
const PORT = 9090;
const CONFIG_FILE = 'prometheus.yml';
const CONFIG_DIR = '/etc/prometheus';
const CERTS_DIR = '/etc/istio-certs';

/**
 * The Prometheus of Istio 1.0.7's prometheus subchart: Mixer's Istio metrics,
 * the sidecars' Envoy stats and the control plane's own, kept for 6 hours,
 * with the `default` ServiceAccount's Istio certificate to scrape pods that
 * only take mTLS.
 */
export class Prometheus extends Construct {
  constructor(scope: Construct, id: string, props: PrometheusProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const global = props.global ?? ISTIO_DEFAULTS.global;
    const prometheus = props.prometheus ?? ISTIO_DEFAULTS.prometheus;
    const podLabels = { app: NAME };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: NAME,
      namespace,
      roleName: `prometheus-${namespace}`,
      imagePullSecrets: global.imagePullSecrets,
      rules: [
        // Kubernetes service discovery, and the kubelet and cAdvisor metrics through the API server's node proxy.
        { apiGroups: [''], resources: ['nodes', 'services', 'endpoints', 'pods', 'nodes/proxy'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    });

    new k8s.KubeConfigMap(this, 'Configuration', {
      metadata: { name: NAME, namespace, labels: podLabels },
      data: { [CONFIG_FILE]: prometheusScrapeConfig(namespace) },
    });

    const port: k8s.ServicePort = { name: 'http-prometheus', protocol: 'TCP', port: PORT };
    new k8s.KubeService(this, 'Service', {
      metadata: {
        name: NAME,
        namespace,
        // Prometheus scrapes itself through the `kubernetes-service-endpoints` job.
        annotations: { 'prometheus.io/scrape': 'true', ...prometheus.service.annotations },
        labels: { name: NAME },
      },
      spec: { selector: podLabels, ports: [port] },
    });
    if (prometheus.service.nodePort.enabled) {
      // A Service of its own, as the chart has it, so that the ClusterIP one keeps its shape.
      new k8s.KubeService(this, 'NodePortService', {
        metadata: { name: 'prometheus-nodeport', namespace, labels: { name: NAME } },
        spec: { type: 'NodePort', ports: [{ port: PORT, nodePort: prometheus.service.nodePort.port, name: port.name }], selector: podLabels },
      });
    }

    const probe = (path: string): k8s.Probe => ({ httpGet: { path, port: k8s.IntOrString.fromNumber(PORT) } });
    componentDeployment(this, 'Deployment', {
      name: NAME,
      namespace,
      labels: podLabels,
      podLabels,
      replicas: prometheus.replicaCount,
      serviceAccountName: NAME,
      image: 'prometheus',
      registry: prometheus,
      resources: prometheus.resources,
      global,
      container: {
        name: NAME,
        args: ['--storage.tsdb.retention=6h', `--config.file=${CONFIG_DIR}/${CONFIG_FILE}`],
        ports: [{ containerPort: PORT, name: 'http' }],
        livenessProbe: probe('/-/healthy'),
        readinessProbe: probe('/-/ready'),
        volumeMounts: [
          { name: 'config-volume', mountPath: CONFIG_DIR },
          { mountPath: CERTS_DIR, name: 'istio-certs' },
        ],
      },
      volumes: [
        { name: 'config-volume', configMap: { name: NAME } },
        // Optional: Citadel writes it once it runs, and without it only the mTLS job fails.
        { name: 'istio-certs', secret: { defaultMode: 0o644, optional: true, secretName: 'istio.default' } },
      ],
    });
  }
}
