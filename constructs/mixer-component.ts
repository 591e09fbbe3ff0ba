import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import type { ComputeResources } from '../istio/global-values';
import { CONTROL_PLANE_SERVICES } from '../istio/control-plane-services';
import type { IstioGlobalValues, IstioValues } from '../istio/istio-values';
import { ComponentAutoscaler } from './component-autoscaler';
import { componentDeployment, istioImage, resourceRequirements } from './istio-component-pod';
import { IstioCustomResource } from './istio-custom-resource';

/** Mixer runs twice, as policy (checks) and as telemetry (reports), told apart by `istio-mixer-type`. */
export type MixerType = 'policy' | 'telemetry';

export interface MixerComponentProps {
  readonly type: MixerType;
  readonly namespace: string;
  /** The chart's `global` block. */
  readonly global: IstioGlobalValues;
  /** The `mixer` subchart's block. */
  readonly mixer: IstioValues['mixer'];
  /** The ServiceAccount both Mixer Deployments run as. */
  readonly serviceAccountName: string;
}

/** Mixer's monitoring port (`/version`, `/metrics`); the template writes it as a literal. */
const MONITORING_PORT = 9093;
/** Telemetry's Prometheus adapter serves the mesh's metrics here. */
const PROMETHEUS_ADAPTER_PORT = 42422;
/** The mTLS port of Mixer's istio-proxy, which control-plane security protects. */
const MTLS_PORT = 15004;
/** istio-proxy hands Mixer its traffic over this socket, on an emptyDir both containers mount. */
const SOCKET_VOLUME = 'uds-socket';
const SOCKET_DIR = '/sock';
const CERTS_VOLUME = 'istio-certs';

/**
 * One of Mixer's two faces, istio-policy or istio-telemetry, as the mixer
 * subchart writes it: the Service sidecars dial, the Deployment of the mixer
 * container with its istio-proxy (which terminates the sidecars' gRPC, mTLS
 * on 15004, and hands it over a Unix socket), the HorizontalPodAutoscaler
 * when `mixer.istio-<type>.autoscaleEnabled`, and the DestinationRule that
 * raises the sidecars' connection limits towards it.
 */
export class MixerComponent extends Construct {
  constructor(scope: Construct, id: string, props: MixerComponentProps) {
    super(scope, id);
    const { type, namespace, global, mixer } = props;
    const name = `istio-${type}` as const;
    const service = CONTROL_PLANE_SERVICES.find((s) => s.component === type)!;
    const labels = { istio: 'mixer' };

    new k8s.KubeService(this, 'Service', {
      metadata: { name, namespace, labels },
      spec: { ports: service.ports.map((p) => ({ name: p.name, port: p.port })), selector: { ...service.selector } },
    });

    componentDeployment(this, 'Deployment', {
      name,
      namespace,
      labels,
      podLabels: { app: type, ...service.selector },
      podLabelsOnDeployment: false,
      replicas: mixer.replicaCount,
      serviceAccountName: props.serviceAccountName,
      image: mixer.image,
      resources: helmResources(mixer.resources),
      global,
      // The 1.0.7 chart gives only istio-policy the architecture affinity, and only istio-telemetry the nodeSelector.
      archAffinity: type === 'policy',
      nodeSelector: type === 'telemetry' ? mixer.nodeSelector : undefined,
      container: {
        name: 'mixer',
        ports: [{ containerPort: MONITORING_PORT }, { containerPort: PROMETHEUS_ADAPTER_PORT }],
        args: [
          '--address',
          `unix://${SOCKET_DIR}/mixer.socket`,
          '--configStoreURL=k8s://',
          `--configDefaultNamespace=${namespace}`,
          '--trace_zipkin_url=http://zipkin:9411/api/v1/spans',
          // Policy answers every Check afresh: a cached verdict would outlive a policy change.
          ...(type === 'policy' ? ['--numCheckCacheEntries=0'] : []),
        ],
        env: environment(mixer.env),
        volumeMounts: [{ name: SOCKET_VOLUME, mountPath: SOCKET_DIR }],
        livenessProbe: {
          httpGet: { path: '/version', port: k8s.IntOrString.fromNumber(MONITORING_PORT) },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
      },
      sidecars: [proxyContainer(type, global)],
      volumes: [
        { name: CERTS_VOLUME, secret: { secretName: `istio.${props.serviceAccountName}`, optional: true } },
        { name: SOCKET_VOLUME, emptyDir: {} },
      ],
    });

    const scaling = mixer[name];
    if (scaling.autoscaleEnabled) {
      new ComponentAutoscaler(this, 'Autoscaler', {
        deploymentName: name,
        namespace,
        minReplicas: scaling.autoscaleMin,
        maxReplicas: scaling.autoscaleMax,
        targetCpuUtilization: scaling.cpu.targetAverageUtilization,
      });
    }

    new IstioCustomResource(this, 'DestinationRule', {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'DestinationRule',
      name,
      namespace,
      spec: {
        host: `${name}.${namespace}.svc.cluster.local`,
        trafficPolicy: {
          ...(global.controlPlaneSecurityEnabled && { portLevelSettings: [{ port: { number: MTLS_PORT }, tls: { mode: 'ISTIO_MUTUAL' } }] }),
          connectionPool: { http: { http2MaxRequests: 10000, maxRequestsPerConnection: 10000 } },
        },
      },
    });
  }
}

/** The istio-proxy in front of Mixer, configured by Envoy templates built into the proxyv2 image. */
function proxyContainer(type: MixerType, global: IstioGlobalValues): k8s.Container {
  const fieldEnv = (envName: string, fieldPath: string): k8s.EnvVar => ({ name: envName, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
  const prometheusPort = global.proxy.stats.prometheusPort;
  return {
    name: 'istio-proxy',
    image: istioImage(global, global.proxy.image),
    imagePullPolicy: global.imagePullPolicy,
    // With Envoy's Prometheus port on, the chart writes `ports:` a second time and YAML keeps the
    // last one, so 9091 and 15004 go undeclared; the proxy listens on them all the same.
    ports:
      prometheusPort === 0
        ? [{ containerPort: 9091 }, { containerPort: MTLS_PORT }]
        : [{ containerPort: prometheusPort, protocol: 'TCP', name: 'http-envoy-prom' }],
    args: [
      'proxy',
      '--serviceCluster',
      `istio-${type}`,
      '--templateFile',
      `/etc/istio/proxy/envoy_${type}.yaml.tmpl`,
      '--controlPlaneAuthPolicy',
      global.controlPlaneSecurityEnabled ? 'MUTUAL_TLS' : 'NONE',
    ],
    env: [fieldEnv('POD_NAME', 'metadata.name'), fieldEnv('POD_NAMESPACE', 'metadata.namespace'), fieldEnv('INSTANCE_IP', 'status.podIP')],
    resources: resourceRequirements(helmResources(global.proxy.resources) ?? global.defaultResources),
    volumeMounts: [
      { name: CERTS_VOLUME, mountPath: '/etc/certs', readOnly: true },
      { name: SOCKET_VOLUME, mountPath: SOCKET_DIR },
    ],
  };
}

/** `mixer.env` as the chart ranges over it: by name, every value quoted; none at all when empty. */
function environment(env: IstioValues['mixer']['env']): k8s.EnvVar[] | undefined {
  const names = Object.keys(env).sort();
  return names.length === 0 ? undefined : names.map((envName) => ({ name: envName, value: String(env[envName]) }));
}

/** Resources the chart's `if` takes: an empty map is false in Helm and falls through to the default. */
function helmResources(resources: ComputeResources | undefined): ComputeResources | undefined {
  return resources === undefined || Object.keys(resources).length === 0 ? undefined : resources;
}
