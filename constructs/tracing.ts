import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ISTIO_DEFAULTS, IstioGlobalValues, IstioValues } from '../istio/istio-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { componentDeployment } from './istio-component-pod';

export interface TracingProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The chart's `global` block (pull policy, arch, resources, priority class). @default ISTIO_DEFAULTS.global */
  readonly global?: IstioGlobalValues;
  /** The `tracing` subchart's block, with `provider: jaeger`, the one this project builds. @default ISTIO_DEFAULTS.tracing */
  readonly tracing?: IstioValues['tracing'];
}

type TracingIngressValues = IstioValues['tracing']['ingress'];

/** Jaeger all-in-one's fixed ports: the query UI and API, the collector's, and the agent's UDP ones. */
const QUERY_PORT = 16686;
const COLLECTOR_TCHANNEL_PORT = 14267;
const COLLECTOR_HTTP_PORT = 14268;
const AGENT_PORTS = [
  { name: 'agent-zipkin-thrift', port: 5775 },
  { name: 'agent-compact', port: 6831 },
  { name: 'agent-binary', port: 6832 },
] as const;

/**
 * The tracing subchart of Istio 1.0.7 with its `jaeger` provider: one Jaeger
 * all-in-one pod (agent, collector, in-memory store and query UI) and its
 * Services, among them `zipkin`, the Zipkin-compatible collector every
 * sidecar of the mesh (the remotes' too) sends its spans to. The chart writes
 * the Services as two `kind: List` documents; here each is an object of its own.
 */
export class Tracing extends Construct {
  constructor(scope: Construct, id: string, props: TracingProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const global = props.global ?? ISTIO_DEFAULTS.global;
    const tracing = props.tracing ?? ISTIO_DEFAULTS.tracing;
    const { jaeger, service } = tracing;
    const podLabels = { app: 'jaeger' };
    const annotations = Object.keys(service.annotations).length === 0 ? undefined : { ...service.annotations };
    const tcp = (name: string, port: number, targetPort = port): k8s.ServicePort => ({
      name,
      port,
      protocol: 'TCP',
      targetPort: k8s.IntOrString.fromNumber(targetPort),
    });

    componentDeployment(this, 'Deployment', {
      name: 'istio-tracing',
      namespace,
      labels: { app: 'istio-tracing' },
      podLabels,
      replicas: tracing.replicaCount,
      image: 'all-in-one',
      registry: jaeger,
      resources: tracing.resources,
      global,
      container: {
        name: 'jaeger',
        ports: [
          { containerPort: service.internalPort },
          { containerPort: jaeger.ui.port },
          ...AGENT_PORTS.map(({ port }) => ({ containerPort: port, protocol: 'UDP' })),
        ],
        env: [
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
          { name: 'COLLECTOR_ZIPKIN_HTTP_PORT', value: String(service.internalPort) },
          { name: 'MEMORY_MAX_TRACES', value: String(jaeger.memory.max_traces) },
        ],
        livenessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(jaeger.ui.port) } },
        readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(jaeger.ui.port) } },
      },
    });

    // The Services name Jaeger's own ports, as the chart does, whatever `jaeger.ui.port` says.
    new k8s.KubeService(this, 'QueryService', {
      metadata: { name: 'jaeger-query', namespace, annotations, labels: { ...podLabels, 'jaeger-infra': 'jaeger-service' } },
      spec: { ports: [tcp('query-http', QUERY_PORT)], selector: podLabels },
    });
    new k8s.KubeService(this, 'CollectorService', {
      metadata: { name: 'jaeger-collector', namespace, labels: { ...podLabels, 'jaeger-infra': 'collector-service' } },
      spec: {
        ports: [tcp('jaeger-collector-tchannel', COLLECTOR_TCHANNEL_PORT), tcp('jaeger-collector-http', COLLECTOR_HTTP_PORT)],
        selector: podLabels,
        type: 'ClusterIP',
      },
    });
    new k8s.KubeService(this, 'AgentService', {
      metadata: { name: 'jaeger-agent', namespace, labels: { ...podLabels, 'jaeger-infra': 'agent-service' } },
      spec: {
        ports: AGENT_PORTS.map(({ name, port }) => ({ name, port, protocol: 'UDP', targetPort: k8s.IntOrString.fromNumber(port) })),
        // Headless: each client's agent traffic goes straight to a pod.
        clusterIp: 'None',
        selector: podLabels,
      },
    });
    new k8s.KubeService(this, 'ZipkinService', {
      metadata: { name: 'zipkin', namespace, labels: podLabels },
      spec: {
        type: service.type,
        ports: [{ port: service.externalPort, targetPort: k8s.IntOrString.fromNumber(service.internalPort), protocol: 'TCP', name: service.name }],
        selector: podLabels,
      },
    });
    new k8s.KubeService(this, 'TracingService', {
      metadata: { name: 'tracing', namespace, annotations, labels: podLabels },
      spec: { ports: [tcp('http-query', 80, QUERY_PORT)], selector: podLabels },
    });

    if (jaeger.ingress.enabled) {
      tracingIngress(this, 'QueryIngress', { name: 'jaeger-query', namespace, labels: podLabels, port: QUERY_PORT, ingress: jaeger.ingress });
    }
    if (tracing.ingress.enabled) {
      tracingIngress(this, 'ZipkinIngress', { name: 'zipkin', namespace, labels: { app: 'zipkin' }, port: service.externalPort, ingress: tracing.ingress });
    }
  }
}

interface TracingIngressProps {
  /** The Ingress's name, and the Service it sends every host's `/` to. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly port: number;
  readonly ingress: TracingIngressValues;
}

/**
 * An Ingress of the tracing subchart, in `networking.k8s.io/v1` (the chart's
 * `extensions/v1beta1` is not served since Kubernetes 1.22). `pathType`,
 * which `v1` requires, is `ImplementationSpecific`: what `v1beta1` meant by a
 * path without one.
 */
function tracingIngress(scope: Construct, id: string, props: TracingIngressProps): k8s.KubeIngress {
  const { ingress } = props;
  const backend: k8s.IngressBackend = { service: { name: props.name, port: { number: props.port } } };
  return new k8s.KubeIngress(scope, id, {
    metadata: {
      name: props.name,
      namespace: props.namespace,
      labels: { ...props.labels },
      annotations: ingress.annotations && Object.keys(ingress.annotations).length > 0 ? { ...ingress.annotations } : undefined,
    },
    spec: {
      rules: ingress.hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend }] } })),
      tls: ingress.tls?.map((tls) => ({ secretName: tls.secretName, hosts: tls.hosts && [...tls.hosts] })),
    },
  });
}
