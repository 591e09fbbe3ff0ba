import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { describeFinding, formatPath } from '../lib/finding';
import { DEFAULT_STATSD_PORT, errorsOf } from '../istio/global-values-rules';
import type { ComputeResources } from '../istio/global-values';
import type { GatewayValues, IstioGlobalValues } from '../istio/istio-values';
import { checkGateway, gatewayAutoscaled } from '../istio/istio-values-rules';
import { ClusterRoleAccount } from './cluster-role-account';
import { ComponentAutoscaler } from './component-autoscaler';
import { componentDeployment, istioImage } from './istio-component-pod';

export interface GatewayDeploymentProps {
  /** The gateway's key in the `gateways` map, which names its Service, Deployment and account. */
  readonly name: string;
  /** The release namespace, where the gateway runs. */
  readonly namespace: string;
  /** The gateway's block of the `gateways` map, merged over the chart's defaults. */
  readonly gateway: GatewayValues;
  /** The `istio` chart's `global` block. */
  readonly global: IstioGlobalValues;
}

/** Ports of the control plane the gateway proxy dials (charts/pilot, charts/tracing). */
const PILOT_LEGACY_HTTP_PORT = 8080;
/** Pilot's sidecar terminates mTLS here and hands on to discovery's 8080. */
const PILOT_MTLS_PORT = 15005;
const ZIPKIN_PORT = 9411;
/** Envoy's admin port; the pilot-agent's default, written out by the chart. */
const PROXY_ADMIN_PORT = 15000;
/** Where the `istio.<account>` Secret that Citadel writes is mounted: the proxy's key and certificate. */
const ISTIO_CERTS_DIR = '/etc/certs';

/**
 * One gateway of the `gateways` map of Istio 1.0.7's `istio` chart (the
 * ingress and egress gateways, or one of the user's own): an Envoy proxy in
 * router mode that takes its listeners from Pilot, its LoadBalancer, NodePort
 * or ClusterIP Service, its account, and its autoscaler when `autoscaleMin` is
 * set. Not to be confused with the Istio `Gateway` resource (IstioGateway),
 * which configures such a proxy. Everything it publishes comes from the
 * gateway's own `ports` value.
 */
export class GatewayDeployment extends Construct {
  constructor(scope: Construct, id: string, props: GatewayDeploymentProps) {
    super(scope, id);
    const { name, namespace, gateway, global } = props;
    const errors = errorsOf(checkGateway(name, gateway));
    if (errors.length > 0) {
      throw new Error(`invalid gateway ${name}:\n${errors.map((f) => `  ${formatPath(f.path)}: ${describeFinding(f)}`).join('\n')}`);
    }
    // checkGateway has made sure of both.
    const labels = gateway.labels ?? {};
    const ports = gateway.ports ?? [];
    const serviceAccountName = `${name}-service-account`;

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName,
      namespace,
      roleName: `${name}-${namespace}`,
      // The chart labels the role with its subchart's name, the account with the gateway's `istio` label, and the binding not at all.
      labels: { app: 'gateways' },
      serviceAccountLabels: labels.istio === undefined ? {} : { app: labels.istio },
      bindingLabels: {},
      imagePullSecrets: global.imagePullSecrets,
      // The chart's rule, `extensions` group and all: it grants nothing the proxy uses (Pilot pushes its configuration).
      rules: [
        {
          apiGroups: ['extensions'],
          resources: ['thirdpartyresources', 'virtualservices', 'destinationrules', 'gateways'],
          verbs: ['get', 'watch', 'list', 'update'],
        },
      ],
    });

    new k8s.KubeService(this, 'Service', {
      metadata: {
        name,
        namespace,
        // The chart writes `annotations:` with nothing under it when there are none, which Kubernetes 1.27 refuses as null.
        annotations: nonEmpty(gateway.serviceAnnotations),
        labels: { ...labels },
      },
      spec: {
        loadBalancerIp: gateway.loadBalancerIP === '' ? undefined : gateway.loadBalancerIP,
        externalTrafficPolicy: gateway.externalTrafficPolicy,
        type: gateway.type,
        selector: { ...labels },
        ports: ports.map((port) => ({
          name: port.name,
          nodePort: port.nodePort,
          port: port.port,
          targetPort: port.targetPort === undefined ? undefined : k8s.IntOrString.fromNumber(port.targetPort),
        })),
      },
    });

    const secretVolumes = gateway.secretVolumes ?? [];
    const prometheusPort = global.proxy.stats.prometheusPort;
    componentDeployment(this, 'Deployment', {
      name,
      namespace,
      labels: {},
      podLabels: labels,
      replicas: gateway.replicaCount,
      serviceAccountName,
      image: global.proxy.image,
      global,
      // An empty `resources: {}` (the ingress gateway's default) falls back to the global defaults, as Helm's `if` reads it.
      resources: nonEmpty(gateway.resources) as ComputeResources | undefined,
      initContainers: global.proxy.enableCoreDump ? [coreDumpContainer(global)] : undefined,
      container: {
        name: 'istio-proxy',
        // The chart opens each Service port on the container, by its `port` rather than its `targetPort`.
        ports: [
          ...ports.map((port) => ({ containerPort: port.port })),
          ...(prometheusPort === 0 ? [] : [{ containerPort: prometheusPort, protocol: 'TCP', name: 'http-envoy-prom' }]),
        ],
        args: routerArgs(name, global),
        env: [
          fieldEnv('POD_NAME', 'metadata.name', 'v1'),
          fieldEnv('POD_NAMESPACE', 'metadata.namespace', 'v1'),
          fieldEnv('INSTANCE_IP', 'status.podIP', 'v1'),
          fieldEnv('ISTIO_META_POD_NAME', 'metadata.name'),
        ],
        volumeMounts: [
          { name: 'istio-certs', mountPath: ISTIO_CERTS_DIR, readOnly: true },
          ...secretVolumes.map((volume) => ({ name: volume.name, mountPath: volume.mountPath, readOnly: true })),
        ],
      },
      // Optional Secrets: the gateway starts before its certificates are created, and picks them up once they are.
      volumes: [
        { name: 'istio-certs', secret: { secretName: `istio.${serviceAccountName}`, optional: true } },
        ...secretVolumes.map((volume) => ({ name: volume.name, secret: { secretName: volume.secretName, optional: true } })),
      ],
    });

    if (gatewayAutoscaled(gateway)) {
      new ComponentAutoscaler(this, 'Autoscaler', {
        deploymentName: name,
        namespace,
        minReplicas: gateway.autoscaleMin ?? 1,
        // checkGateway requires it whenever autoscaleMin is set.
        maxReplicas: gateway.autoscaleMax ?? 1,
        targetCpuUtilization: gateway.cpu?.targetAverageUtilization,
      });
    }
  }
}

/**
 * `pilot-agent proxy router`: the gateway's Envoy, with the chart's fixed
 * timings, Pilot over mTLS when control-plane security is on, and the
 * control plane's namespace when the gateway runs apart from it.
 */
function routerArgs(name: string, global: IstioGlobalValues): string[] {
  const inControlPlane = (service: string) => (global.istioNamespace ? `${service}.${global.istioNamespace}` : service);
  const statsd = global.proxy.envoyStatsd;
  const pilot = global.controlPlaneSecurityEnabled
    ? { authPolicy: 'MUTUAL_TLS', port: PILOT_MTLS_PORT }
    : { authPolicy: 'NONE', port: PILOT_LEGACY_HTTP_PORT };
  return [
    'proxy',
    'router',
    '-v',
    '2',
    '--discoveryRefreshDelay',
    '1s',
    '--drainDuration',
    '45s',
    '--parentShutdownDuration',
    '1m0s',
    '--connectTimeout',
    '10s',
    '--serviceCluster',
    name,
    '--zipkinAddress',
    `${inControlPlane('zipkin')}:${ZIPKIN_PORT}`,
    ...(statsd.enabled ? ['--statsdUdpAddress', `${statsd.host}:${statsd.port ?? DEFAULT_STATSD_PORT}`] : []),
    '--proxyAdminPort',
    String(PROXY_ADMIN_PORT),
    '--controlPlaneAuthPolicy',
    pilot.authPolicy,
    '--discoveryAddress',
    `${inControlPlane('istio-pilot')}:${pilot.port}`,
  ];
}

/** With `global.proxy.enableCoreDump`: sets the node's core pattern into the proxy's writable volume, hence privileged. */
function coreDumpContainer(global: IstioGlobalValues): k8s.Container {
  return {
    name: 'enable-core-dump',
    image: istioImage(global, global.proxy_init.image),
    imagePullPolicy: 'IfNotPresent',
    command: ['/bin/sh'],
    args: ['-c', 'sysctl -w kernel.core_pattern=/var/lib/istio/core.proxy && ulimit -c unlimited'],
    securityContext: { privileged: true },
  };
}

/** An environment variable from the pod's own fields (downward API). */
function fieldEnv(name: string, fieldPath: string, apiVersion?: string): k8s.EnvVar {
  return { name, valueFrom: { fieldRef: { apiVersion, fieldPath } } };
}

/** A copy of the map, or undefined when it is missing or empty, as Helm's `if` reads it. */
function nonEmpty<T extends object>(map: T | undefined): T | undefined {
  return map === undefined || Object.keys(map).length === 0 ? undefined : { ...map };
}
