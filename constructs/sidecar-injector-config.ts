import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as k8s from '../imports/k8s';
import { istioImage, remoteChartScope } from './istio-component-pod';
import type { ComputeResources, SharedGlobalValues } from '../istio/global-values';
import type { IstioGlobalValues } from '../istio/istio-values';

/**
 * The `istio` chart's injection template (1.0.6): it reads annotations
 * through the injector's `annotation` function, and adds Envoy's Prometheus
 * port, the agent's status port with its readiness probe, and the pod's
 * annotations and labels as proxy metadata.
 */
export interface IstioChartInjection {
  readonly chart: 'istio';
  /** The `global.proxy` keys only this chart reads. */
  readonly proxy: Pick<
    IstioGlobalValues['proxy'],
    'statusPort' | 'readinessInitialDelaySeconds' | 'readinessPeriodSeconds' | 'readinessFailureThreshold' | 'stats'
  >;
}

/** The istio-remote chart's older template, which reads annotations with `isset` and `index`. */
export interface IstioRemoteChartInjection {
  readonly chart: 'istio-remote';
  /** `global.zipkinAddress`: when set, the proxy gets `--zipkinAddress`. */
  readonly zipkinAddress: string;
}

/** Which chart's template, with the values only it reads. */
export type ChartInjection = IstioChartInjection | IstioRemoteChartInjection;

export interface SidecarInjectorConfigProps {
  /** The `app` label, the chart's name (`nameOverride` replaces it). @default - the chart's name */
  readonly app?: string;
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The `global` block, of either chart. @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: SharedGlobalValues;
  /** @default - the istio-remote chart's, with its default `zipkinAddress` (none) */
  readonly injection?: ChartInjection;
}

/**
 * ConfigMap `istio-sidecar-injector`: the injection policy and the pod
 * template the 1.0 injector (webhook or `istioctl kube-inject
 * --injectConfigMapName`) adds to pods. It is emitted even with the webhook
 * off, for manual injection.
 */
export class SidecarInjectorConfig extends Construct {
  static readonly NAME = 'istio-sidecar-injector';
  static readonly CONFIG_KEY = 'config';

  constructor(scope: Construct, id: string, props: SidecarInjectorConfigProps = {}) {
    super(scope, id);
    const { namespace, global } = remoteChartScope(props);
    const injection = props.injection ?? { chart: 'istio-remote', zipkinAddress: '' };
    const template = renderInjectionTemplate(global, injection)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: SidecarInjectorConfig.NAME, namespace, labels: { app: props.app ?? injection.chart, istio: 'sidecar-injector' } },
      data: { [SidecarInjectorConfig.CONFIG_KEY]: `policy: ${global.proxy.autoInject}\ntemplate: |-\n${template}` },
    });
  }
}

/** The core-dump init container's image name, fixed in the charts' template. */
const CORE_DUMP_IMAGE = 'proxy_init';

/**
 * How a template reads a pod annotation, falling back to a value. The two
 * charts spell the same lookups differently; the injector evaluates either.
 */
interface AnnotationSyntax {
  /** The annotation, or `fallback` (an expression) without it. */
  or(name: string, fallback: string): string;
  /** The annotation, or the pod's ProxyConfig interception mode. */
  readonly interceptionMode: string;
  /** An annotation key as an argument of `isset` and `index`. */
  key(name: string): string;
}

/** istio-remote's: `index` into the annotations, `or` for the fallback. */
const INDEX_SYNTAX: AnnotationSyntax = {
  or: (name, fallback) => `or (index .ObjectMeta.Annotations "${name}") ${fallback}`,
  interceptionMode: 'or (index .ObjectMeta.Annotations "sidecar.istio.io/interceptionMode") .ProxyConfig.InterceptionMode.String',
  key: (name) => `"${name}"`,
};

/** The istio chart's: the injector's `annotation` function, which stringifies the fallback itself. */
const ANNOTATION_SYNTAX: AnnotationSyntax = {
  or: (name, fallback) => `annotation .ObjectMeta \`${name}\` ${fallback}`,
  interceptionMode: 'annotation .ObjectMeta `sidecar.istio.io/interceptionMode` .ProxyConfig.InterceptionMode',
  key: (name) => `\`${name}\``,
};

/**
 * The injection template, line for line as the chart renders it (blank lines
 * aside). `[[ ]]` is the injector's own Go template syntax, evaluated per pod
 * at injection time; the chart's values are already substituted. The
 * injector parses it as YAML after expansion, so its indentation is
 * significant.
 */
export function renderInjectionTemplate(global: SharedGlobalValues, injection: ChartInjection): string {
  const syntax = injection.chart === 'istio' ? ANNOTATION_SYNTAX : INDEX_SYNTAX;
  return [...initContainers(global, injection, syntax), ...proxyContainer(global, injection, syntax), ...VOLUMES].join('\n');
}

/** istio-init, which redirects the pod's traffic to Envoy, and the optional core-dump container. */
function initContainers(global: SharedGlobalValues, injection: ChartInjection, syntax: AnnotationSyntax): string[] {
  const proxy = global.proxy;
  const primary = injection.chart === 'istio' ? injection.proxy : undefined;
  const initImage = istioImage(global, global.proxy_init.image);
  const lines: string[] = [
    'initContainers:',
    '- name: istio-init',
    `  image: ${primary ? JSON.stringify(initImage) : initImage}`,
    '  args:',
    ...indent(2, [
      '- "-p"',
      '- [[ .MeshConfig.ProxyListenPort ]]',
      '- "-u"',
      '- 1337',
      '- "-m"',
      `- [[ ${syntax.interceptionMode} ]]`,
      ...(primary ? primaryCaptureArgs(proxy, primary.statusPort) : remoteCaptureArgs(proxy)),
    ]),
    `  imagePullPolicy: ${global.imagePullPolicy}`,
    '  securityContext:',
    '    capabilities:',
    '      add:',
    '      - NET_ADMIN',
    // The istio chart always runs istio-init privileged and applies `global.proxy.privileged`
    // to istio-proxy; istio-remote's applies it here, beside NET_ADMIN.
    ...(primary || proxy.privileged ? ['    privileged: true'] : []),
    '  restartPolicy: Always',
  ];
  if (proxy.enableCoreDump) {
    // Core dumps land in the proxy's volume; the pattern is node-wide, hence privileged.
    // The charts name the image `proxy_init` here whatever global.proxy_init.image says,
    // and indent `command:`'s list deeper than `args:`'s; both are kept line for line.
    lines.push(
      '- args:',
      '  - -c',
      '  - sysctl -w kernel.core_pattern=/var/lib/istio/core.proxy && ulimit -c unlimited',
      '  command:',
      '    - /bin/sh',
      `  image: ${istioImage(global, CORE_DUMP_IMAGE)}`,
      '  imagePullPolicy: IfNotPresent',
      '  name: enable-core-dump',
      '  resources: {}',
      '  securityContext:',
      '    privileged: true',
    );
  }
  return lines;
}

/** istio-proxy: the Pilot agent and Envoy. */
function proxyContainer(global: SharedGlobalValues, injection: ChartInjection, syntax: AnnotationSyntax): string[] {
  const proxy = global.proxy;
  const primary = injection.chart === 'istio' ? injection.proxy : undefined;
  const proxyImage = istioImage(global, proxy.image);
  const statusPortSet = primary ? `(ne (${statusPortAnnotation(primary.statusPort)} ) "0")` : '';
  const lines: string[] = [
    'containers:',
    '- name: istio-proxy',
    ...(primary
      ? [`  image: [[ annotation .ObjectMeta \`sidecar.istio.io/proxyImage\`  ${JSON.stringify(proxyImage)}  ]]`]
      : [
          `  image: [[ if (isset .ObjectMeta.Annotations "sidecar.istio.io/proxyImage") -]]`,
          `  "[[ index .ObjectMeta.Annotations "sidecar.istio.io/proxyImage" ]]"`,
          '  [[ else -]]',
          `  ${proxyImage}`,
          '  [[ end -]]',
        ]),
    // Envoy's Prometheus endpoint, which the istio chart's Prometheus scrapes; 0 turns it off.
    ...(primary && primary.stats.prometheusPort !== 0
      ? ['  ports:', `  - containerPort: ${primary.stats.prometheusPort}`, '    protocol: TCP', '    name: http-envoy-prom']
      : []),
    '  args:',
    ...indent(2, [
      '- proxy',
      '- sidecar',
      ...(proxy.proxyDomain !== '' ? ['- --domain', `- ${proxy.proxyDomain}`] : []),
      '- --configPath',
      '- [[ .ProxyConfig.ConfigPath ]]',
      '- --binaryPath',
      '- [[ .ProxyConfig.BinaryPath ]]',
      '- --serviceCluster',
      '[[ if ne "" (index .ObjectMeta.Labels "app") -]]',
      '- [[ index .ObjectMeta.Labels "app" ]]',
      '[[ else -]]',
      '- "istio-proxy"',
      '[[ end -]]',
      '- --drainDuration',
      '- [[ formatDuration .ProxyConfig.DrainDuration ]]',
      '- --parentShutdownDuration',
      '- [[ formatDuration .ProxyConfig.ParentShutdownDuration ]]',
      '- --discoveryAddress',
      `- [[ ${syntax.or('sidecar.istio.io/discoveryAddress', '.ProxyConfig.DiscoveryAddress')} ]]`,
      '- --discoveryRefreshDelay',
      '- [[ formatDuration .ProxyConfig.DiscoveryRefreshDelay ]]',
      // The istio chart always passes it; istio-remote's tests global.zipkinAddress, though
      // the address itself comes from the mesh config.
      ...(injection.chart === 'istio' || injection.zipkinAddress !== '' ? ['- --zipkinAddress', '- [[ .ProxyConfig.ZipkinAddress ]]'] : []),
      '- --connectTimeout',
      '- [[ formatDuration .ProxyConfig.ConnectTimeout ]]',
      // Without statsd the mesh config has no address, and envoy would get an empty flag value.
      ...(proxy.envoyStatsd.enabled ? ['- --statsdUdpAddress', '- [[ .ProxyConfig.StatsdUdpAddress ]]'] : []),
      '- --proxyAdminPort',
      '- [[ .ProxyConfig.ProxyAdminPort ]]',
      '[[ if gt .ProxyConfig.Concurrency 0 -]]',
      '- --concurrency',
      '- [[ .ProxyConfig.Concurrency ]]',
      '[[ end -]]',
      '- --controlPlaneAuthPolicy',
      `- [[ ${syntax.or('sidecar.istio.io/controlPlaneAuthPolicy', '.ProxyConfig.ControlPlaneAuthPolicy')} ]]`,
    ]),
    // The agent's health endpoint, for the readiness probe below, when a status port is set.
    ...(primary
      ? [
          `[[- if ${statusPortSet} ]]`,
          '  - --statusPort',
          `  - [[ ${statusPortAnnotation(primary.statusPort)}  ]]`,
          '  - --applicationPorts',
          '  - "[[ annotation .ObjectMeta `readiness.status.sidecar.istio.io/applicationPorts` (applicationPorts .Spec.Containers) ]]"',
          '[[- end ]]',
        ]
      : []),
    '  env:',
    ...indent(2, [
      ...fieldEnv('POD_NAME', 'metadata.name'),
      ...fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      ...fieldEnv('INSTANCE_IP', 'status.podIP'),
      ...fieldEnv('ISTIO_META_POD_NAME', 'metadata.name'),
      '- name: ISTIO_META_INTERCEPTION_MODE',
      `  value: [[ ${INDEX_SYNTAX.interceptionMode} ]]`,
      // The pod's annotations and labels, as JSON, for Pilot to read as proxy metadata.
      ...(primary ? [...metadataJsonEnv('ISTIO_METAJSON_ANNOTATIONS', 'Annotations'), ...metadataJsonEnv('ISTIO_METAJSON_LABELS', 'Labels')] : []),
    ]),
    `  imagePullPolicy: ${global.imagePullPolicy}`,
  ];
  if (primary) {
    const readiness = (name: string, value: number) =>
      `    ${name}: [[ annotation .ObjectMeta \`readiness.status.sidecar.istio.io/${name}\`  ${value}  ]]`;
    lines.push(
      `  [[ if ${statusPortSet} ]]`,
      '  readinessProbe:',
      '    httpGet:',
      '      path: /healthz/ready',
      `      port: [[ ${statusPortAnnotation(primary.statusPort)}  ]]`,
      readiness('initialDelaySeconds', primary.readinessInitialDelaySeconds),
      readiness('periodSeconds', primary.readinessPeriodSeconds),
      readiness('failureThreshold', primary.readinessFailureThreshold),
      // The chart trims the line break after this `end`, so the next key shares its line.
      '  [[ end -]]securityContext:',
      ...(proxy.privileged ? ['    privileged: true'] : []),
    );
  } else {
    lines.push('  securityContext:');
  }
  lines.push(
    // A core dump needs somewhere to be written.
    ...(proxy.enableCoreDump ? [] : ['    readOnlyRootFilesystem: true']),
    `    [[ if eq (${syntax.interceptionMode}) "TPROXY" -]]`,
    '    capabilities:',
    '      add:',
    '      - NET_ADMIN',
    '    runAsGroup: 1337',
    '    [[ else -]]',
    '    runAsUser: 1337',
    '    [[ end -]]',
    '  restartPolicy: Always',
    '  resources:',
    `    [[ if (isset .ObjectMeta.Annotations ${syntax.key('sidecar.istio.io/proxyCPU')}) -]]`,
    '    requests:',
    `      cpu: "[[ index .ObjectMeta.Annotations ${syntax.key('sidecar.istio.io/proxyCPU')} ]]"`,
    `      memory: "[[ index .ObjectMeta.Annotations ${syntax.key('sidecar.istio.io/proxyMemory')} ]]"`,
    '  [[ else -]]',
    ...indent(4, resourcesYaml(proxy.resources)),
    '  [[ end -]]',
    '  volumeMounts:',
    '  - mountPath: /etc/istio/proxy',
    '    name: istio-envoy',
    '  - mountPath: /etc/certs/',
    '    name: istio-certs',
    '    readOnly: true',
  );
  return lines;
}

/** The pod's volumes: Envoy's scratch space, and the key and certificate Citadel writes for the pod's account. */
const VOLUMES: readonly string[] = [
  'volumes:',
  '- emptyDir:',
  '    medium: Memory',
  '  name: istio-envoy',
  '- name: istio-certs',
  '  secret:',
  '    optional: true',
  '    [[ if eq .Spec.ServiceAccountName "" -]]',
  '    secretName: istio.default',
  '    [[ else -]]',
  '    secretName: [[ printf "istio.%s" .Spec.ServiceAccountName ]]',
  '    [[ end -]]',
];

/**
 * istio-init's capture arguments in the istio-remote chart: each annotation
 * wins over the chart value; without `includeInboundPorts`, the ports the
 * pod's containers declare (the last `[[ end]]` closes the `if`).
 */
function remoteCaptureArgs(proxy: SharedGlobalValues['proxy']): string[] {
  const annotation = (name: string, space: string) => [`[[ if (isset .ObjectMeta.Annotations "${name}") -]]`, `- "[[ index .ObjectMeta.Annotations "${name}"${space}]]"`, '[[ else -]]'];
  const overridable = (name: string, fallback: string, space = '  ') => [...annotation(name, space), `- ${JSON.stringify(fallback)}`, '[[ end -]]'];
  return [
    '- "-i"',
    ...overridable('traffic.sidecar.istio.io/includeOutboundIPRanges', proxy.includeIPRanges),
    '- "-x"',
    ...overridable('traffic.sidecar.istio.io/excludeOutboundIPRanges', proxy.excludeIPRanges),
    '- "-b"',
    ...annotation('traffic.sidecar.istio.io/includeInboundPorts', '  '),
    '- [[ range .Spec.Containers -]][[ range .Ports -]][[ .ContainerPort -]], [[ end -]][[ end -]][[ end]]',
    '- "-d"',
    ...overridable('traffic.sidecar.istio.io/excludeInboundPorts', proxy.excludeInboundPorts, ' '),
  ];
}

/** The same in the istio chart: the injector's helpers, and the status port kept out of the capture. */
function primaryCaptureArgs(proxy: SharedGlobalValues['proxy'], statusPort: number): string[] {
  const annotated = (name: string, fallback: string) => `- "[[ annotation .ObjectMeta \`${name}\`  ${fallback}  ]]"`;
  return [
    '- "-i"',
    annotated('traffic.sidecar.istio.io/includeOutboundIPRanges', JSON.stringify(proxy.includeIPRanges)),
    '- "-x"',
    annotated('traffic.sidecar.istio.io/excludeOutboundIPRanges', JSON.stringify(proxy.excludeIPRanges)),
    '- "-b"',
    '- "[[ annotation .ObjectMeta `traffic.sidecar.istio.io/includeInboundPorts` (includeInboundPorts .Spec.Containers) ]]"',
    '- "-d"',
    `- "[[ excludeInboundPort (${statusPortAnnotation(statusPort)} ) (annotation .ObjectMeta \`traffic.sidecar.istio.io/excludeInboundPorts\`  ${JSON.stringify(proxy.excludeInboundPorts)} ) ]]"`,
  ];
}

/** The pod's status-port annotation, or the chart's `statusPort` (0: none). */
function statusPortAnnotation(statusPort: number): string {
  return `annotation .ObjectMeta \`status.sidecar.istio.io/port\`  ${statusPort}`;
}

function indent(width: number, lines: readonly string[]): string[] {
  return lines.map((line) => `${' '.repeat(width)}${line}`);
}

function fieldEnv(name: string, fieldPath: string): string[] {
  return [`- name: ${name}`, '  valueFrom:', '    fieldRef:', `      fieldPath: ${fieldPath}`];
}

function metadataJsonEnv(name: string, field: 'Annotations' | 'Labels'): string[] {
  return [`[[ if .ObjectMeta.${field} ]]`, `- name: ${name}`, '  value: |', `         [[ toJson .ObjectMeta.${field} ]]`, '[[ end ]]'];
}

/** Helm's `toYaml`: keys sorted; nothing when there are no resources. */
function resourcesYaml(resources: ComputeResources | undefined): string[] {
  if (resources === undefined || Object.keys(resources).length === 0) {
    return [];
  }
  return stringify(resources, { sortMapEntries: true }).trimEnd().split('\n');
}
