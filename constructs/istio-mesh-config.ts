import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { IstioRemoteGlobalValues } from '../istio/istio-remote-values';
import { DEFAULT_STATSD_PORT } from '../istio/global-values-rules';
import { remoteChartScope } from './istio-component-pod';

export interface IstioMeshConfigProps {
  /** The `app` label, the chart's name (`nameOverride` replaces it). @default 'istio-remote' */
  readonly app?: string;
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The chart's `global` block. @default ISTIO_REMOTE_DEFAULTS.global */
  readonly global?: IstioRemoteGlobalValues;
}

/** Control-plane ports of Istio 1.0 that the mesh config points sidecars at. */
const MIXER_PORT = 15004;
const ZIPKIN_PORT = 9411;
/** Pilot's discovery ports: plain text, or mTLS when control-plane security is on. */
const PILOT_PLAINTEXT_PORT = 15007;
const PILOT_MTLS_PORT = 15005;

/**
 * ConfigMap `istio`: the MeshConfig that sidecars injected on this remote get
 * (`defaultConfig`) and that the injector reads, pointing them at the
 * primary cluster's Pilot, Mixer and Zipkin.
 */
export class IstioMeshConfig extends Construct {
  static readonly NAME = 'istio';
  static readonly MESH_KEY = 'mesh';

  constructor(scope: Construct, id: string, props: IstioMeshConfigProps = {}) {
    super(scope, id);
    const { namespace, global } = remoteChartScope(props);
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: IstioMeshConfig.NAME, namespace, labels: { app: props.app ?? 'istio-remote' } },
      data: { [IstioMeshConfig.MESH_KEY]: renderMeshConfig(global, namespace) },
    });
  }
}

/**
 * The `mesh` document, with the chart's conditionals: policy settings and
 * `mixerCheckServer` only with a policy address, `mixerReportServer` only with
 * a telemetry address, tracing only with a Zipkin address, statsd only when
 * enabled. Text, not an object, because operators read and diff it.
 */
export function renderMeshConfig(global: IstioRemoteGlobalValues, namespace: string): string {
  const lines: string[] = [];
  if (global.remotePolicyAddress !== '') {
    lines.push(`disablePolicyChecks: ${global.disablePolicyChecks}`);
    lines.push(`policyCheckFailOpen: ${global.policyCheckFailOpen}`);
  }
  if (global.remoteZipkinAddress !== '') {
    lines.push(`enableTracing: ${global.enableTracing}`);
  }
  lines.push(`accessLogFile: ${JSON.stringify(global.proxy.accessLogFile)}`);
  if (global.remotePolicyAddress !== '') {
    lines.push(`mixerCheckServer: ${hostPort(global.remotePolicyAddress, MIXER_PORT)}`);
  }
  if (global.remoteTelemetryAddress !== '') {
    lines.push(`mixerReportServer: ${hostPort(global.remoteTelemetryAddress, MIXER_PORT)}`);
  }

  lines.push('defaultConfig:');
  const proxy = (line: string) => lines.push(`  ${line}`);
  proxy('connectTimeout: 10s');
  proxy('configPath: "/etc/istio/proxy"');
  proxy('binaryPath: "/usr/local/bin/envoy"');
  proxy('serviceCluster: istio-proxy');
  proxy('drainDuration: 45s');
  proxy('parentShutdownDuration: 1m0s');
  proxy('proxyAdminPort: 15000');
  proxy(`concurrency: ${global.proxy.concurrency}`);
  if (global.remoteZipkinAddress !== '') {
    proxy(`zipkinAddress: ${hostPort(global.remoteZipkinAddress, ZIPKIN_PORT)}`);
  }
  const statsd = global.proxy.envoyStatsd;
  if (statsd.enabled) {
    proxy(`statsdUdpAddress: ${hostPort(statsd.host ?? '', statsd.port ?? DEFAULT_STATSD_PORT)}`);
  }
  // With the selector-less Service, sidecars dial Pilot by its in-cluster name.
  const pilotHost =
    global.remotePilotCreateSvcEndpoint || global.remotePilotAddress === '' ? `istio-pilot.${namespace}` : global.remotePilotAddress;
  if (global.controlPlaneSecurityEnabled) {
    proxy('controlPlaneAuthPolicy: MUTUAL_TLS');
    proxy(`discoveryAddress: ${hostPort(pilotHost, PILOT_MTLS_PORT)}`);
  } else {
    proxy('controlPlaneAuthPolicy: NONE');
    proxy(`discoveryAddress: ${hostPort(pilotHost, PILOT_PLAINTEXT_PORT)}`);
  }
  return lines.join('\n');
}

/** `host:port`; IPv6 in brackets, quoted because a plain YAML scalar cannot start with `[`. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? JSON.stringify(`[${host}]:${port}`) : `${host}:${port}`;
}
