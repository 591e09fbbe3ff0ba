import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as k8s from '../imports/k8s';
import { istioImage, remoteChartScope } from './istio-component-pod';
import { IstioRemoteGlobalValues } from '../istio/istio-remote-values';

export interface SidecarInjectorConfigProps {
  /** The `app` label, the chart's name (`nameOverride` replaces it). @default 'istio-remote' */
  readonly app?: string;
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The chart's `global` block. @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: IstioRemoteGlobalValues;
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
    const template = renderInjectionTemplate(global)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: SidecarInjectorConfig.NAME, namespace, labels: { app: props.app ?? 'istio-remote', istio: 'sidecar-injector' } },
      data: { [SidecarInjectorConfig.CONFIG_KEY]: `policy: ${global.proxy.autoInject}\ntemplate: |-\n${template}` },
    });
  }
}

/** The core-dump init container's image name, fixed in the chart's template. */
const CORE_DUMP_IMAGE = 'proxy_init';

/**
 * The injection template. `[[ ]]` is the injector's own Go template syntax,
 * evaluated per pod at injection time; the chart's values are already
 * substituted. The injector parses it line by line as YAML after expansion,
 * so its indentation is significant.
 */
export function renderInjectionTemplate(global: IstioRemoteGlobalValues): string {
  const proxy = global.proxy;
  const pull = global.imagePullPolicy;
  const initImage = istioImage(global, global.proxy_init.image);
  const annotation = (name: string) => `index .ObjectMeta.Annotations "${name}"`;
  // An annotation wins over the chart value, as in `-i`, `-x`, `-b`, `-d` below.
  const overridable = (name: string, fallback: string[]) => [
    `[[ if (isset .ObjectMeta.Annotations "${name}") -]]`,
    `- "[[ ${annotation(name)}  ]]"`,
    '[[ else -]]',
    ...fallback,
    '[[ end -]]',
  ];
  const interceptionMode = `[[ or (${annotation('sidecar.istio.io/interceptionMode')}) .ProxyConfig.InterceptionMode.String ]]`;

  const lines: string[] = [
    'initContainers:',
    '- name: istio-init',
    `  image: ${initImage}`,
    '  args:',
    ...indent(2, [
      '- "-p"',
      '- [[ .MeshConfig.ProxyListenPort ]]',
      '- "-u"',
      '- 1337',
      '- "-m"',
      `- ${interceptionMode}`,
      '- "-i"',
      ...overridable('traffic.sidecar.istio.io/includeOutboundIPRanges', [`- ${JSON.stringify(proxy.includeIPRanges)}`]),
      '- "-x"',
      ...overridable('traffic.sidecar.istio.io/excludeOutboundIPRanges', [`- ${JSON.stringify(proxy.excludeIPRanges)}`]),
      '- "-b"',
      // Without the annotation, capture the ports the pod's containers declare;
      // the last `[[ end]]` closes the `if`.
      `[[ if (isset .ObjectMeta.Annotations "traffic.sidecar.istio.io/includeInboundPorts") -]]`,
      `- "[[ ${annotation('traffic.sidecar.istio.io/includeInboundPorts')}  ]]"`,
      '[[ else -]]',
      '- [[ range .Spec.Containers -]][[ range .Ports -]][[ .ContainerPort -]], [[ end -]][[ end -]][[ end]]',
      '- "-d"',
      `[[ if (isset .ObjectMeta.Annotations "traffic.sidecar.istio.io/excludeInboundPorts") -]]`,
      `- "[[ ${annotation('traffic.sidecar.istio.io/excludeInboundPorts')} ]]"`,
      '[[ else -]]',
      `- ${JSON.stringify(proxy.excludeInboundPorts)}`,
      '[[ end -]]',
    ]),
    `  imagePullPolicy: ${pull}`,
    '  securityContext:',
    '    capabilities:',
    '      add:',
    '      - NET_ADMIN',
    // The chart's `global.proxy.privileged` lands here, in istio-init, beside its NET_ADMIN.
    ...(proxy.privileged ? ['    privileged: true'] : []),
    '  restartPolicy: Always',
  ];
  if (proxy.enableCoreDump) {
    // Core dumps land in the proxy's volume; the pattern is node-wide, hence privileged.
    // The chart names the image `proxy_init` here whatever global.proxy_init.image says,
    // and indents `command:`'s list deeper than `args:`'s; both are kept line for line.
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
  lines.push(
    'containers:',
    '- name: istio-proxy',
    `  image: [[ if (isset .ObjectMeta.Annotations "sidecar.istio.io/proxyImage") -]]`,
    `  "[[ ${annotation('sidecar.istio.io/proxyImage')} ]]"`,
    '  [[ else -]]',
    `  ${istioImage(global, proxy.image)}`,
    '  [[ end -]]',
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
      `- [[ or (${annotation('sidecar.istio.io/discoveryAddress')}) .ProxyConfig.DiscoveryAddress ]]`,
      '- --discoveryRefreshDelay',
      '- [[ formatDuration .ProxyConfig.DiscoveryRefreshDelay ]]',
      // The chart tests global.zipkinAddress, but the address itself comes from the mesh config.
      ...(global.zipkinAddress !== '' ? ['- --zipkinAddress', '- [[ .ProxyConfig.ZipkinAddress ]]'] : []),
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
      `- [[ or (${annotation('sidecar.istio.io/controlPlaneAuthPolicy')}) .ProxyConfig.ControlPlaneAuthPolicy ]]`,
    ]),
    '  env:',
    ...indent(2, [
      ...fieldEnv('POD_NAME', 'metadata.name'),
      ...fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      ...fieldEnv('INSTANCE_IP', 'status.podIP'),
      ...fieldEnv('ISTIO_META_POD_NAME', 'metadata.name'),
      '- name: ISTIO_META_INTERCEPTION_MODE',
      `  value: ${interceptionMode}`,
    ]),
    `  imagePullPolicy: ${pull}`,
    '  securityContext:',
    // A core dump needs somewhere to be written.
    ...(proxy.enableCoreDump ? [] : ['    readOnlyRootFilesystem: true']),
    `    [[ if eq (or (${annotation('sidecar.istio.io/interceptionMode')}) .ProxyConfig.InterceptionMode.String) "TPROXY" -]]`,
    '    capabilities:',
    '      add:',
    '      - NET_ADMIN',
    '    runAsGroup: 1337',
    '    [[ else -]]',
    '    runAsUser: 1337',
    '    [[ end -]]',
    '  restartPolicy: Always',
    '  resources:',
    '    [[ if (isset .ObjectMeta.Annotations "sidecar.istio.io/proxyCPU") -]]',
    '    requests:',
    `      cpu: "[[ ${annotation('sidecar.istio.io/proxyCPU')} ]]"`,
    `      memory: "[[ ${annotation('sidecar.istio.io/proxyMemory')} ]]"`,
    '  [[ else -]]',
    ...indent(4, resourcesYaml(proxy.resources)),
    '  [[ end -]]',
    '  volumeMounts:',
    '  - mountPath: /etc/istio/proxy',
    '    name: istio-envoy',
    '  - mountPath: /etc/certs/',
    '    name: istio-certs',
    '    readOnly: true',
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
  );
  return lines.join('\n');
}

function indent(width: number, lines: readonly string[]): string[] {
  return lines.map((line) => `${' '.repeat(width)}${line}`);
}

function fieldEnv(name: string, fieldPath: string): string[] {
  return [`- name: ${name}`, '  valueFrom:', '    fieldRef:', `      fieldPath: ${fieldPath}`];
}

/** Helm's `toYaml`: keys sorted; nothing when there are no resources. */
function resourcesYaml(resources: IstioRemoteGlobalValues['proxy']['resources']): string[] {
  if (resources === undefined || Object.keys(resources).length === 0) {
    return [];
  }
  return stringify(resources, { sortMapEntries: true }).trimEnd().split('\n');
}
