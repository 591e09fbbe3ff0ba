/**
 * The mixer configuration Istio 1.0.7's `istio` chart installs
 * (charts/mixer/templates/config.yaml): the attribute vocabulary, the stdio,
 * Prometheus and kubernetesenv adapters, the instances they consume, and the
 * rules that bind them. Facts, reproduced value for value: telemetry reads
 * them at run time, so a changed expression, label or order changes the
 * metrics every dashboard queries. The chart renders all of them whenever the
 * mixer subchart is on, with no other condition; only the release namespace
 * varies.
 */

/** The API version of every mixer configuration kind in 1.0 (CRDs of group config.istio.io). */
export const MIXER_CONFIG_API_VERSION = 'config.istio.io/v1alpha2';

/** One mixer configuration object: kind, name and spec (null where the chart leaves the spec empty). */
export interface MixerConfigResource {
  readonly kind: string;
  readonly name: string;
  readonly spec: Readonly<Record<string, unknown>> | null;
}

type ValueType = 'STRING' | 'INT64' | 'BOOL' | 'TIMESTAMP' | 'DURATION' | 'IP_ADDRESS' | 'STRING_MAP';

/** Attributes Envoy reports (attributemanifest `istioproxy`), in the chart's order. */
const PROXY_ATTRIBUTES: Readonly<Record<string, ValueType>> = {
  'origin.ip': 'IP_ADDRESS',
  'origin.uid': 'STRING',
  'origin.user': 'STRING',
  'request.headers': 'STRING_MAP',
  'request.id': 'STRING',
  'request.host': 'STRING',
  'request.method': 'STRING',
  'request.path': 'STRING',
  'request.reason': 'STRING',
  'request.referer': 'STRING',
  'request.scheme': 'STRING',
  'request.total_size': 'INT64',
  'request.size': 'INT64',
  'request.time': 'TIMESTAMP',
  'request.useragent': 'STRING',
  'response.code': 'INT64',
  'response.duration': 'DURATION',
  'response.headers': 'STRING_MAP',
  'response.total_size': 'INT64',
  'response.size': 'INT64',
  'response.time': 'TIMESTAMP',
  'source.uid': 'STRING',
  // Deprecated in 1.0, still declared.
  'source.user': 'STRING',
  'source.principal': 'STRING',
  'destination.uid': 'STRING',
  'destination.principal': 'STRING',
  'destination.port': 'INT64',
  'connection.event': 'STRING',
  'connection.id': 'STRING',
  'connection.received.bytes': 'INT64',
  'connection.received.bytes_total': 'INT64',
  'connection.sent.bytes': 'INT64',
  'connection.sent.bytes_total': 'INT64',
  'connection.duration': 'DURATION',
  'connection.mtls': 'BOOL',
  'connection.requested_server_name': 'STRING',
  'context.protocol': 'STRING',
  'context.timestamp': 'TIMESTAMP',
  'context.time': 'TIMESTAMP',
  'context.reporter.local': 'BOOL',
  'context.reporter.kind': 'STRING',
  'context.reporter.uid': 'STRING',
  'api.service': 'STRING',
  'api.version': 'STRING',
  'api.operation': 'STRING',
  'api.protocol': 'STRING',
  'request.auth.principal': 'STRING',
  'request.auth.audiences': 'STRING',
  'request.auth.presenter': 'STRING',
  'request.auth.claims': 'STRING_MAP',
  'request.auth.raw_claims': 'STRING',
  'request.api_key': 'STRING',
};

/** Attributes the kubernetesenv adapter fills in (attributemanifest `kubernetes`), in the chart's order. */
const KUBERNETES_ATTRIBUTES: Readonly<Record<string, ValueType>> = {
  'source.ip': 'IP_ADDRESS',
  'source.labels': 'STRING_MAP',
  'source.metadata': 'STRING_MAP',
  'source.name': 'STRING',
  'source.namespace': 'STRING',
  'source.owner': 'STRING',
  // Deprecated in 1.0, still declared.
  'source.service': 'STRING',
  'source.serviceAccount': 'STRING',
  'source.services': 'STRING',
  'source.workload.uid': 'STRING',
  'source.workload.name': 'STRING',
  'source.workload.namespace': 'STRING',
  'destination.ip': 'IP_ADDRESS',
  'destination.labels': 'STRING_MAP',
  'destination.metadata': 'STRING_MAP',
  'destination.owner': 'STRING',
  'destination.name': 'STRING',
  'destination.container.name': 'STRING',
  'destination.namespace': 'STRING',
  // Deprecated in 1.0, still declared.
  'destination.service': 'STRING',
  'destination.service.uid': 'STRING',
  'destination.service.name': 'STRING',
  'destination.service.namespace': 'STRING',
  'destination.service.host': 'STRING',
  'destination.serviceAccount': 'STRING',
  'destination.workload.uid': 'STRING',
  'destination.workload.name': 'STRING',
  'destination.workload.namespace': 'STRING',
};

/** How the kubernetesenv adapter's output becomes attributes (instance `attributes` of kind `kubernetes`). */
const KUBERNETES_ATTRIBUTE_BINDINGS: Readonly<Record<string, string>> = {
  'source.ip': '$out.source_pod_ip | ip("0.0.0.0")',
  'source.uid': '$out.source_pod_uid | "unknown"',
  'source.labels': '$out.source_labels | emptyStringMap()',
  'source.name': '$out.source_pod_name | "unknown"',
  'source.namespace': '$out.source_namespace | "default"',
  'source.owner': '$out.source_owner | "unknown"',
  'source.serviceAccount': '$out.source_service_account_name | "unknown"',
  'source.workload.uid': '$out.source_workload_uid | "unknown"',
  'source.workload.name': '$out.source_workload_name | "unknown"',
  'source.workload.namespace': '$out.source_workload_namespace | "unknown"',
  'destination.ip': '$out.destination_pod_ip | ip("0.0.0.0")',
  'destination.uid': '$out.destination_pod_uid | "unknown"',
  'destination.labels': '$out.destination_labels | emptyStringMap()',
  'destination.name': '$out.destination_pod_name | "unknown"',
  'destination.container.name': '$out.destination_container_name | "unknown"',
  'destination.namespace': '$out.destination_namespace | "default"',
  'destination.owner': '$out.destination_owner | "unknown"',
  'destination.serviceAccount': '$out.destination_service_account_name | "unknown"',
  'destination.workload.uid': '$out.destination_workload_uid | "unknown"',
  'destination.workload.name': '$out.destination_workload_name | "unknown"',
  'destination.workload.namespace': '$out.destination_workload_namespace | "unknown"',
};

// Expressions the chart repeats in many instances.
const REPORTER = 'conditional((context.reporter.kind | "inbound") == "outbound", "source", "destination")';
const CONNECTION_SECURITY_POLICY =
  'conditional((context.reporter.kind | "inbound") == "outbound", "unknown", conditional(connection.mtls | false, "mutual_tls", "none"))';

/** The peers' identity in both access logs, in the chart's order. */
const ACCESS_LOG_PEERS: Readonly<Record<string, string>> = {
  sourceIp: 'source.ip | ip("0.0.0.0")',
  sourceApp: 'source.labels["app"] | ""',
  sourcePrincipal: 'source.principal | ""',
  sourceName: 'source.name | ""',
  sourceWorkload: 'source.workload.name | ""',
  sourceNamespace: 'source.namespace | ""',
  sourceOwner: 'source.owner | ""',
  destinationApp: 'destination.labels["app"] | ""',
  destinationIp: 'destination.ip | ip("0.0.0.0")',
  destinationServiceHost: 'destination.service.host | ""',
  destinationWorkload: 'destination.workload.name | ""',
  destinationName: 'destination.name | ""',
  destinationNamespace: 'destination.namespace | ""',
  destinationOwner: 'destination.owner | ""',
  destinationPrincipal: 'destination.principal | ""',
};

/** A logentry instance at Info severity with `global` as its monitored resource, as both of the chart's are. */
function logEntry(name: string, timestamp: string, variables: Readonly<Record<string, string>>): MixerConfigResource {
  return { kind: 'logentry', name, spec: { severity: '"Info"', timestamp, variables, monitored_resource_type: '"global"' } };
}

const HTTP_ACCESS_LOG = logEntry('accesslog', 'request.time', {
  ...ACCESS_LOG_PEERS,
  apiClaims: 'request.auth.raw_claims | ""',
  apiKey: 'request.api_key | request.headers["x-api-key"] | ""',
  protocol: 'request.scheme | context.protocol | "http"',
  method: 'request.method | ""',
  url: 'request.path | ""',
  responseCode: 'response.code | 0',
  responseSize: 'response.size | 0',
  requestSize: 'request.size | 0',
  requestId: 'request.headers["x-request-id"] | ""',
  clientTraceId: 'request.headers["x-client-trace-id"] | ""',
  latency: 'response.duration | "0ms"',
  connection_security_policy: CONNECTION_SECURITY_POLICY,
  requestedServerName: 'connection.requested_server_name | ""',
  userAgent: 'request.useragent | ""',
  responseTimestamp: 'response.time',
  receivedBytes: 'request.total_size | 0',
  sentBytes: 'response.total_size | 0',
  referer: 'request.referer | ""',
  httpAuthority: 'request.headers[":authority"] | request.host | ""',
  xForwardedFor: 'request.headers["x-forwarded-for"] | "0.0.0.0"',
  reporter: REPORTER,
});

const TCP_ACCESS_LOG = logEntry('tcpaccesslog', 'context.time | timestamp("2017-01-01T00:00:00Z")', {
  connectionEvent: 'connection.event | ""',
  ...ACCESS_LOG_PEERS,
  protocol: 'context.protocol | "tcp"',
  connectionDuration: 'connection.duration | "0ms"',
  connection_security_policy: CONNECTION_SECURITY_POLICY,
  requestedServerName: 'connection.requested_server_name | ""',
  receivedBytes: 'connection.received.bytes | 0',
  sentBytes: 'connection.sent.bytes | 0',
  totalReceivedBytes: 'connection.received.bytes_total | 0',
  totalSentBytes: 'connection.sent.bytes_total | 0',
  reporter: REPORTER,
});

/** The workload dimensions every metric carries, up to the destination service. */
function workloadDimensions(destinationService: string): Record<string, string> {
  return {
    reporter: REPORTER,
    source_workload: 'source.workload.name | "unknown"',
    source_workload_namespace: 'source.workload.namespace | "unknown"',
    source_principal: 'source.principal | "unknown"',
    source_app: 'source.labels["app"] | "unknown"',
    source_version: 'source.labels["version"] | "unknown"',
    destination_workload: 'destination.workload.name | "unknown"',
    destination_workload_namespace: 'destination.workload.namespace | "unknown"',
    destination_principal: 'destination.principal | "unknown"',
    destination_app: 'destination.labels["app"] | "unknown"',
    destination_version: 'destination.labels["version"] | "unknown"',
    destination_service: destinationService,
    destination_service_name: 'destination.service.name | "unknown"',
    destination_service_namespace: 'destination.service.namespace | "unknown"',
  };
}

const HTTP_DIMENSIONS = {
  ...workloadDimensions('destination.service.host | "unknown"'),
  request_protocol: 'api.protocol | context.protocol | "unknown"',
  response_code: 'response.code | 200',
  connection_security_policy: CONNECTION_SECURITY_POLICY,
};
// The chart's TCP metrics take destination_service from the service name, not its host.
const TCP_DIMENSIONS = {
  ...workloadDimensions('destination.service.name | "unknown"'),
  connection_security_policy: CONNECTION_SECURITY_POLICY,
};

function metric(name: string, value: string, dimensions: Readonly<Record<string, string>>): MixerConfigResource {
  return { kind: 'metric', name, spec: { value, dimensions, monitored_resource_type: '"UNSPECIFIED"' } };
}

const HTTP_METRICS = [
  metric('requestcount', '1', HTTP_DIMENSIONS),
  metric('requestduration', 'response.duration | "0ms"', HTTP_DIMENSIONS),
  metric('requestsize', 'request.size | 0', HTTP_DIMENSIONS),
  metric('responsesize', 'response.size | 0', HTTP_DIMENSIONS),
];
const TCP_METRICS = [metric('tcpbytesent', 'connection.sent.bytes | 0', TCP_DIMENSIONS), metric('tcpbytereceived', 'connection.received.bytes | 0', TCP_DIMENSIONS)];

/** Prometheus label names, in the handler's order (not the instances'). */
const WORKLOAD_LABELS = [
  'reporter',
  'source_app',
  'source_principal',
  'source_workload',
  'source_workload_namespace',
  'source_version',
  'destination_app',
  'destination_principal',
  'destination_workload',
  'destination_workload_namespace',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
];
const HTTP_LABELS = [...WORKLOAD_LABELS, 'request_protocol', 'response_code', 'connection_security_policy'];
const TCP_LABELS = [...WORKLOAD_LABELS, 'connection_security_policy'];

const SIZE_BUCKETS = { exponentialBuckets: { numFiniteBuckets: 8, scale: 1, growthFactor: 10 } };
const DURATION_BUCKETS = { explicit_buckets: { bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] } };

/** The Prometheus handler's metrics: each names its instance fully qualified, hence the namespace. */
function prometheusMetrics(namespace: string): Record<string, unknown>[] {
  const exported = (name: string, instance: string, kind: 'COUNTER' | 'DISTRIBUTION', labels: readonly string[], buckets?: object) => ({
    name,
    instance_name: `${instance}.metric.${namespace}`,
    kind,
    label_names: [...labels],
    ...(buckets && { buckets }),
  });
  return [
    exported('requests_total', 'requestcount', 'COUNTER', HTTP_LABELS),
    exported('request_duration_seconds', 'requestduration', 'DISTRIBUTION', HTTP_LABELS, DURATION_BUCKETS),
    exported('request_bytes', 'requestsize', 'DISTRIBUTION', HTTP_LABELS, SIZE_BUCKETS),
    exported('response_bytes', 'responsesize', 'DISTRIBUTION', HTTP_LABELS, SIZE_BUCKETS),
    exported('tcp_sent_bytes_total', 'tcpbytesent', 'COUNTER', TCP_LABELS),
    exported('tcp_received_bytes_total', 'tcpbytereceived', 'COUNTER', TCP_LABELS),
  ];
}

const HTTP_MATCH = 'context.protocol == "http" || context.protocol == "grpc"';
const TCP_MATCH = 'context.protocol == "tcp"';

/** A rule sending the instances to one handler; no `match` matches every request. */
function rule(name: string, match: string | undefined, handler: string, instances: readonly string[]): MixerConfigResource {
  return { kind: 'rule', name, spec: { ...(match !== undefined && { match }), actions: [{ handler, instances: [...instances] }] } };
}

const attributeManifest = (name: string, attributes: Readonly<Record<string, ValueType>>): MixerConfigResource => ({
  kind: 'attributemanifest',
  name,
  spec: { attributes: Object.fromEntries(Object.entries(attributes).map(([attribute, valueType]) => [attribute, { valueType }])) },
});

/** Every mixer configuration object of the chart, for the release namespace, in the chart's order. */
export function mixerConfigResources(namespace: string): MixerConfigResource[] {
  return [
    attributeManifest('istioproxy', PROXY_ATTRIBUTES),
    attributeManifest('kubernetes', KUBERNETES_ATTRIBUTES),
    { kind: 'stdio', name: 'handler', spec: { outputAsJson: true } },
    HTTP_ACCESS_LOG,
    TCP_ACCESS_LOG,
    rule('stdio', HTTP_MATCH, 'handler.stdio', ['accesslog.logentry']),
    rule('stdiotcp', TCP_MATCH, 'handler.stdio', ['tcpaccesslog.logentry']),
    ...HTTP_METRICS,
    ...TCP_METRICS,
    { kind: 'prometheus', name: 'handler', spec: { metrics: prometheusMetrics(namespace) } },
    rule('promhttp', HTTP_MATCH, 'handler.prometheus', HTTP_METRICS.map((m) => `${m.name}.metric`)),
    rule('promtcp', TCP_MATCH, 'handler.prometheus', TCP_METRICS.map((m) => `${m.name}.metric`)),
    // The chart's kubernetesenv spec holds only comments: YAML null, the adapter's defaults (in-cluster config).
    { kind: 'kubernetesenv', name: 'handler', spec: null },
    rule('kubeattrgenrulerule', undefined, 'handler.kubernetesenv', ['attributes.kubernetes']),
    rule('tcpkubeattrgenrulerule', TCP_MATCH, 'handler.kubernetesenv', ['attributes.kubernetes']),
    {
      kind: 'kubernetes',
      name: 'attributes',
      spec: {
        source_uid: 'source.uid | ""',
        source_ip: 'source.ip | ip("0.0.0.0")',
        destination_uid: 'destination.uid | ""',
        destination_port: 'destination.port | 0',
        attribute_bindings: KUBERNETES_ATTRIBUTE_BINDINGS,
      },
    },
  ];
}
