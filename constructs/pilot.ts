import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import type { IstioGlobalValues, IstioValues } from '../istio/istio-values';
import { ClusterRoleAccount } from './cluster-role-account';
import { ComponentAutoscaler } from './component-autoscaler';
import { CONTROL_PLANE_CERTS_VOLUME, controlPlaneSidecar } from './control-plane-sidecar';
import { componentDeployment, ownOrDefault } from './istio-component-pod';
import { IstioMeshConfig } from './istio-mesh-config';
import { KubernetesIngressGateway } from './kubernetes-ingress-gateway';

/** The `pilot` block of the `istio` chart's values. */
export type PilotValues = IstioValues['pilot'];

export interface PilotProps {
  readonly namespace: string;
  /** The `istio` chart's `global` block. */
  readonly global: IstioGlobalValues;
  /** The `pilot` subchart's block (`enabled` is the caller's business). */
  readonly pilot: PilotValues;
}

const NAME = 'istio-pilot';
const HTTP_DISCOVERY_PORT = 8080;
const GRPC_XDS_PORT = 15010;
const SECURE_GRPC_PORT = 15011;
const MONITORING_PORT = 9093;

/**
 * The Deployment's `checksum/config-volume`. The chart's helper hashes the
 * *path* of pilot's configmap template, not its content, so the value never
 * changes with the mesh config; it is kept for parity with the chart.
 */
const CONFIG_VOLUME_CHECKSUM = createHash('sha256').update('istio/charts/pilot/templates/configmap.yaml').digest('hex');

/**
 * Pilot, the discovery service, as the `pilot` subchart installs it: its
 * account with cluster-wide read of services and endpoints and write of
 * Istio's config, the `istio-pilot` Service, the Deployment (discovery plus,
 * with `pilot.sidecar`, an istio-proxy that serves the mTLS ports), its
 * autoscaler, and the Gateway for Kubernetes Ingress resources.
 */
export class Pilot extends Construct {
  static readonly SERVICE_ACCOUNT = 'istio-pilot-service-account';

  constructor(scope: Construct, id: string, props: PilotProps) {
    super(scope, id);
    const { namespace, global, pilot } = props;
    const account = Pilot.SERVICE_ACCOUNT;
    const labels = { app: NAME };
    const podLabels = { istio: 'pilot', app: 'pilot' };

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: account,
      namespace,
      roleName: `${NAME}-${namespace}`,
      labels,
      imagePullSecrets: global.imagePullSecrets,
      rules: PILOT_RULES,
    });

    new k8s.KubeService(this, 'Service', {
      metadata: { name: NAME, namespace, labels },
      spec: {
        ports: [
          { port: GRPC_XDS_PORT, name: 'grpc-xds' },
          { port: SECURE_GRPC_PORT, name: 'https-xds' },
          { port: HTTP_DISCOVERY_PORT, name: 'http-legacy-discovery' },
          { port: MONITORING_PORT, name: 'http-monitoring' },
        ],
        selector: { istio: 'pilot' },
      },
    });

    componentDeployment(this, 'Deployment', {
      name: NAME,
      namespace,
      labels: { ...labels, istio: 'pilot' },
      podLabels,
      annotations: { 'checksum/config-volume': CONFIG_VOLUME_CHECKSUM },
      replicas: pilot.replicaCount,
      serviceAccountName: account,
      image: pilot.image,
      resources: ownOrDefault(pilot.resources, global.defaultResources),
      global,
      container: discoveryContainer(namespace, global, pilot),
      sidecars: pilot.sidecar
        ? [
            controlPlaneSidecar({
              global,
              serviceCluster: NAME,
              templateFile: 'envoy_pilot.yaml.tmpl',
              // The Envoy's listeners: 15003 to 15007 the legacy v1 discovery, 15011 xDS over mTLS.
              ports: [15003, 15005, 15007, SECURE_GRPC_PORT].map((containerPort) => ({ containerPort })),
              domain: global.proxy.proxyDomain,
            }),
          ]
        : undefined,
      volumes: [
        { name: 'config-volume', configMap: { name: IstioMeshConfig.NAME } },
        // Citadel writes the Secret after Pilot's account exists: optional, so the pod starts without it.
        { name: CONTROL_PLANE_CERTS_VOLUME, secret: { secretName: `istio.${account}`, optional: true } },
      ],
    });

    // As the chart's template: no autoscaler when either bound is unset or 0.
    if (pilot.autoscaleMin > 0 && pilot.autoscaleMax > 0) {
      new ComponentAutoscaler(this, 'Autoscaler', {
        deploymentName: NAME,
        namespace,
        minReplicas: pilot.autoscaleMin,
        maxReplicas: pilot.autoscaleMax,
        targetCpuUtilization: pilot.cpu.targetAverageUtilization,
      });
    }

    new KubernetesIngressGateway(this, 'IngressGateway', { namespace, selector: global.k8sIngressSelector, https: global.k8sIngressHttps });
  }
}

/** The discovery container, without the image, pull policy and resources componentDeployment adds. */
function discoveryContainer(namespace: string, global: IstioGlobalValues, pilot: PilotValues): Omit<k8s.Container, 'image' | 'imagePullPolicy' | 'resources'> {
  const fieldEnv = (name: string, fieldPath: string): k8s.EnvVar => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  // Helm ranges over a map in key order, and prints every value as a string.
  const envFromValues = Object.keys(pilot.env)
    .sort()
    .map((name) => ({ name, value: String(pilot.env[name]) }));
  return {
    name: 'discovery',
    args: [
      'discovery',
      ...(global.proxy.discoveryDomain ? ['--domain', global.proxy.discoveryDomain] : []),
      // Watch only the release namespace instead of the whole cluster.
      ...(global.oneNamespace ? ['-a', namespace] : []),
      // Without the sidecar, discovery serves the mTLS port itself.
      ...(pilot.sidecar ? [] : ['--secureGrpcAddr', `:${SECURE_GRPC_PORT}`]),
    ],
    ports: [HTTP_DISCOVERY_PORT, GRPC_XDS_PORT, ...(pilot.sidecar ? [] : [SECURE_GRPC_PORT])].map((containerPort) => ({ containerPort })),
    readinessProbe: {
      httpGet: { path: '/ready', port: k8s.IntOrString.fromNumber(HTTP_DISCOVERY_PORT) },
      initialDelaySeconds: 5,
      periodSeconds: 30,
      timeoutSeconds: 5,
    },
    env: [
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      { name: 'PILOT_CACHE_SQUASH', value: '5' },
      ...envFromValues,
      // 0 leaves Pilot's own default sampling, as the chart's `if` does.
      ...(pilot.traceSampling ? [{ name: 'PILOT_TRACE_SAMPLING', value: String(pilot.traceSampling) }] : []),
    ],
    volumeMounts: [
      { name: 'config-volume', mountPath: '/etc/istio/config' },
      { name: CONTROL_PLANE_CERTS_VOLUME, mountPath: '/etc/certs', readOnly: true },
    ],
  };
}

/**
 * What Pilot may do cluster-wide: own Istio's config and CRDs, watch
 * Ingresses and write their status, keep its leader-election ConfigMap,
 * and read the service registry (endpoints, pods, services, nodes) and the
 * Secrets that hold remote clusters' kubeconfigs.
 */
const PILOT_RULES = [
  { apiGroups: ['config.istio.io'], resources: ['*'], verbs: ['*'] },
  { apiGroups: ['rbac.istio.io'], resources: ['*'], verbs: ['get', 'watch', 'list'] },
  { apiGroups: ['networking.istio.io'], resources: ['*'], verbs: ['*'] },
  { apiGroups: ['authentication.istio.io'], resources: ['*'], verbs: ['*'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['*'] },
  { apiGroups: ['extensions'], resources: ['thirdpartyresources', 'thirdpartyresources.extensions', 'ingresses', 'ingresses/status'], verbs: ['*'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'watch', 'update'] },
  { apiGroups: [''], resources: ['endpoints', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['namespaces', 'nodes', 'secrets'], verbs: ['get', 'list', 'watch'] },
];
