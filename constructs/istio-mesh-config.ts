import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import type { SharedGlobalValues } from '../istio/global-values';
import { IstioRemoteGlobalValues } from '../istio/istio-remote-values';
import { DEFAULT_STATSD_PORT } from '../istio/global-values-rules';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

/**
 * The MeshConfig fields Istio 1.0.7's `istio` and `istio-remote` charts write
 * into ConfigMap `istio`, with their MeshConfig names. A field left undefined
 * is left out of the document, as the charts' conditionals leave it out.
 */
export interface MeshConfigFields {
  /** @default - left out */
  readonly disablePolicyChecks?: boolean;
  /** @default - left out */
  readonly policyCheckFailOpen?: boolean;
  /** @default - left out */
  readonly enableTracing?: boolean;
  readonly accessLogFile: string;
  /** `host:port` of Mixer policy. @default - left out */
  readonly mixerCheckServer?: string;
  /** `host:port` of Mixer telemetry. @default - left out */
  readonly mixerReportServer?: string;
  /** Envoy's SDS socket; empty mounts the key and certificate from Citadel's Secret instead. @default - left out */
  readonly sdsUdsPath?: string;
  /** @default - left out */
  readonly sdsRefreshDelay?: string;
  /** The ProxyConfig every injected sidecar starts from. */
  readonly defaultConfig: DefaultProxyConfigFields;
}

/** The ProxyConfig fields that vary with the values; the others are fixed in both charts. */
export interface DefaultProxyConfigFields {
  readonly concurrency: number;
  /** `host:port` of the Zipkin collector. @default - left out */
  readonly zipkinAddress?: string;
  /** `host:port` of the statsd collector. @default - left out */
  readonly statsdUdpAddress?: string;
  readonly controlPlaneAuthPolicy: 'MUTUAL_TLS' | 'NONE';
  /** `host:port` of Pilot. */
  readonly discoveryAddress: string;
}

export interface IstioMeshConfigProps {
  /** The `app` label, the chart's name (`nameOverride` replaces it). */
  readonly app: string;
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The document: see `primaryMeshConfig` and `remoteMeshConfig`. */
  readonly meshConfig: MeshConfigFields;
}

/** Mixer's ports in Istio 1.0: plain gRPC, or mTLS (served by Mixer's sidecar) with control-plane security. */
const MIXER_PLAINTEXT_PORT = 9091;
const MIXER_MTLS_PORT = 15004;
const ZIPKIN_PORT = 9411;
/** Pilot's discovery ports, served by its sidecar: plain text, or mTLS when control-plane security is on. */
const PILOT_PLAINTEXT_PORT = 15007;
const PILOT_MTLS_PORT = 15005;

/**
 * ConfigMap `istio`: the MeshConfig that Pilot and the injector read, and
 * that sidecars start from (`defaultConfig`), pointing them at Pilot, Mixer
 * and Zipkin.
 */
export class IstioMeshConfig extends Construct {
  static readonly NAME = 'istio';
  static readonly MESH_KEY = 'mesh';

  constructor(scope: Construct, id: string, props: IstioMeshConfigProps) {
    super(scope, id);
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: IstioMeshConfig.NAME, namespace: props.namespace ?? DEFAULT_ISTIO_NAMESPACE, labels: { app: props.app } },
      data: { [IstioMeshConfig.MESH_KEY]: renderMeshConfig(props.meshConfig) },
    });
  }
}

/**
 * The `istio` chart's mesh config, for the primary: every address is a
 * Service of the release's namespace. Policy checks and reports only with
 * Mixer installed; Mixer's and Pilot's mTLS ports with control-plane security.
 */
export function primaryMeshConfig(global: SharedGlobalValues, mixerEnabled: boolean, namespace: string): MeshConfigFields {
  const mixerPort = global.controlPlaneSecurityEnabled ? MIXER_MTLS_PORT : MIXER_PLAINTEXT_PORT;
  const mixer = (name: string) => hostPort(`${name}.${namespace}.svc.cluster.local`, mixerPort);
  return {
    disablePolicyChecks: global.disablePolicyChecks,
    policyCheckFailOpen: mixerEnabled ? global.policyCheckFailOpen : undefined,
    enableTracing: global.enableTracing,
    accessLogFile: global.proxy.accessLogFile,
    mixerCheckServer: mixerEnabled ? mixer('istio-policy') : undefined,
    mixerReportServer: mixerEnabled ? mixer('istio-telemetry') : undefined,
    // Istio 1.0 serves keys and certificates from Citadel's Secrets only: no SDS socket.
    sdsUdsPath: '',
    sdsRefreshDelay: '15s',
    defaultConfig: sidecarDefaults(global, `istio-pilot.${namespace}`, hostPort(`zipkin.${namespace}`, ZIPKIN_PORT)),
  };
}

/**
 * The `istio-remote` chart's mesh config: policy settings and
 * `mixerCheckServer` only with a policy address, `mixerReportServer` only
 * with a telemetry address, tracing only with a Zipkin address. The chart
 * dials Mixer on its mTLS port whatever control-plane security says.
 */
export function remoteMeshConfig(global: IstioRemoteGlobalValues, namespace: string): MeshConfigFields {
  const policy = global.remotePolicyAddress !== '';
  const zipkin = global.remoteZipkinAddress !== '';
  // With the selector-less Service, sidecars dial Pilot by its in-cluster name.
  const pilotHost =
    global.remotePilotCreateSvcEndpoint || global.remotePilotAddress === '' ? `istio-pilot.${namespace}` : global.remotePilotAddress;
  return {
    disablePolicyChecks: policy ? global.disablePolicyChecks : undefined,
    policyCheckFailOpen: policy ? global.policyCheckFailOpen : undefined,
    enableTracing: zipkin ? global.enableTracing : undefined,
    accessLogFile: global.proxy.accessLogFile,
    mixerCheckServer: policy ? hostPort(global.remotePolicyAddress, MIXER_MTLS_PORT) : undefined,
    mixerReportServer: global.remoteTelemetryAddress !== '' ? hostPort(global.remoteTelemetryAddress, MIXER_MTLS_PORT) : undefined,
    defaultConfig: sidecarDefaults(global, pilotHost, zipkin ? hostPort(global.remoteZipkinAddress, ZIPKIN_PORT) : undefined),
  };
}

/** What both charts write into `defaultConfig` from `global`: statsd only when enabled, Pilot's port by control-plane security. */
function sidecarDefaults(global: SharedGlobalValues, pilotHost: string, zipkinAddress: string | undefined): DefaultProxyConfigFields {
  const statsd = global.proxy.envoyStatsd;
  const secure = global.controlPlaneSecurityEnabled;
  return {
    concurrency: global.proxy.concurrency,
    zipkinAddress,
    statsdUdpAddress: statsd.enabled ? hostPort(statsd.host ?? '', statsd.port ?? DEFAULT_STATSD_PORT) : undefined,
    controlPlaneAuthPolicy: secure ? 'MUTUAL_TLS' : 'NONE',
    discoveryAddress: hostPort(pilotHost, secure ? PILOT_MTLS_PORT : PILOT_PLAINTEXT_PORT),
  };
}

/**
 * The `mesh` document, in a fixed order. Text, not an object, because
 * operators read and diff it.
 */
export function renderMeshConfig(config: MeshConfigFields): string {
  const lines: string[] = [];
  const field = (indent: string, name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) {
      lines.push(`${indent}${name}: ${value}`);
    }
  };
  field('', 'disablePolicyChecks', config.disablePolicyChecks);
  field('', 'policyCheckFailOpen', config.policyCheckFailOpen);
  field('', 'enableTracing', config.enableTracing);
  field('', 'accessLogFile', JSON.stringify(config.accessLogFile));
  field('', 'mixerCheckServer', address(config.mixerCheckServer));
  field('', 'mixerReportServer', address(config.mixerReportServer));
  field('', 'sdsUdsPath', config.sdsUdsPath === undefined ? undefined : JSON.stringify(config.sdsUdsPath));
  field('', 'sdsRefreshDelay', config.sdsRefreshDelay);

  const proxy = config.defaultConfig;
  lines.push('defaultConfig:');
  for (const fixed of [
    'connectTimeout: 10s',
    'configPath: "/etc/istio/proxy"',
    'binaryPath: "/usr/local/bin/envoy"',
    'serviceCluster: istio-proxy',
    'drainDuration: 45s',
    'parentShutdownDuration: 1m0s',
    'proxyAdminPort: 15000',
  ]) {
    lines.push(`  ${fixed}`);
  }
  field('  ', 'concurrency', proxy.concurrency);
  field('  ', 'zipkinAddress', address(proxy.zipkinAddress));
  field('  ', 'statsdUdpAddress', address(proxy.statsdUdpAddress));
  field('  ', 'controlPlaneAuthPolicy', proxy.controlPlaneAuthPolicy);
  field('  ', 'discoveryAddress', address(proxy.discoveryAddress));
  return lines.join('\n');
}

/** `host:port`; IPv6 in brackets. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Quoted when bracketed, because a plain YAML scalar cannot start with `[`. */
function address(value: string | undefined): string | undefined {
  return value?.startsWith('[') ? JSON.stringify(value) : value;
}
