import { DNS1035_ALLOWED, isDns1035Label } from '../lib/dns-1035';
import { Finding } from '../lib/finding';
import { isDns1123Label, suggestDns1123Label } from '../lib/net';
import { checkSharedGlobalValues } from './global-values-rules';
import { GatewayValues, IstioValues, NOT_BUILT_SUBCHARTS } from './istio-values';

/** The tracing provider the 1.0.7 tracing subchart deploys. */
const BUILT_TRACING_PROVIDER = 'jaeger';

/**
 * Semantic checks of the merged values of the `istio` chart: the shared
 * `global` rules, the subcharts this project does not build, the gateways the
 * map names, and the autoscaling bounds. Returns every problem at once.
 */
export function checkIstioValues(values: IstioValues): Finding[] {
  return [
    ...checkSharedGlobalValues(values.global),
    ...notBuiltFindings(values),
    ...gatewayFindings(values),
    ...autoscaleFindings(values),
  ];
}

function notBuilt(path: (string | number)[], value: unknown, what: string, hint: string): Finding {
  return { path, value, problem: `turns on ${what}, which istio-mesh-synth does not build`, allowed: 'false', hint };
}

function notBuiltFindings(values: IstioValues): Finding[] {
  const findings: Finding[] = [];
  for (const name of NOT_BUILT_SUBCHARTS) {
    if (values[name].enabled) {
      findings.push(notBuilt([name, 'enabled'], true, name, `set ${name}.enabled=false, or install ${name} yourself beside the mesh`));
    }
  }
  const telemetryGateway = values['telemetry-gateway'];
  for (const key of ['grafanaEnabled', 'prometheusEnabled'] as const) {
    if (telemetryGateway[key]) {
      findings.push(notBuilt(['telemetry-gateway', key], true, `telemetry-gateway's ${key.replace('Enabled', '')} route`, `set telemetry-gateway.${key}=false`));
    }
  }
  if (values.tracing.enabled && values.tracing.provider !== BUILT_TRACING_PROVIDER) {
    findings.push({
      path: ['tracing', 'provider'],
      value: values.tracing.provider,
      problem: 'is a tracing provider istio-mesh-synth does not build',
      allowed: JSON.stringify(BUILT_TRACING_PROVIDER),
      hint: `use "${BUILT_TRACING_PROVIDER}", whose collector also takes Zipkin spans, or set tracing.enabled=false`,
    });
  }
  return findings;
}

/** The gateways the chart installs: every entry of the map with `enabled: true`, when `gateways.enabled`. */
export function enabledGateways(values: IstioValues): [string, GatewayValues][] {
  if (!values.gateways.enabled) {
    return [];
  }
  return Object.entries(values.gateways)
    .filter((entry): entry is [string, GatewayValues] => entry[0] !== 'enabled' && typeof entry[1] === 'object' && entry[1].enabled === true)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function gatewayFindings(values: IstioValues): Finding[] {
  const findings = enabledGateways(values).flatMap(([name, gateway]) => checkGateway(name, gateway));
  const istioNamespace = values.global.istioNamespace;
  if (istioNamespace !== undefined && istioNamespace !== '' && !isDns1123Label(istioNamespace)) {
    findings.push({
      path: ['global', 'istioNamespace'],
      value: istioNamespace,
      problem: 'is not a namespace name, yet the gateways dial istio-pilot.<istioNamespace>',
      allowed: 'a DNS-1123 label: lowercase letters, digits and \'-\'',
      hint: `name the control plane's namespace, for example "${suggestDns1123Label(istioNamespace)}"`,
    });
  }
  return findings;
}

/** The checks of one enabled entry of the `gateways` map, named `name`: what its Service, Deployment and autoscaler need. */
export function checkGateway(name: string, gateway: GatewayValues): Finding[] {
  const path = ['gateways', name];
  const findings: Finding[] = [];
  // The map key names the gateway's Service, Deployment and ServiceAccount.
  if (!isDns1035Label(name)) {
    findings.push({
      path,
      value: name,
      problem: 'is not a name a gateway Service can take',
      allowed: DNS1035_ALLOWED,
      hint: 'rename the gateway, for example "custom-gateway"',
    });
  }
  if (gateway.labels === undefined || Object.keys(gateway.labels).length === 0) {
    findings.push({
      path: [...path, 'labels'],
      problem: 'is missing, but the Service selects the gateway pods by these labels',
      allowed: 'a map of labels, such as { app: custom-gateway, istio: custom-gateway }',
      hint: `add gateways.${name}.labels; Gateway resources select the pods by them too`,
    });
  }
  if (gateway.ports === undefined || gateway.ports.length === 0) {
    findings.push({
      path: [...path, 'ports'],
      problem: 'is missing, but a gateway Service needs at least one port',
      allowed: 'a list of { port, name, targetPort?, nodePort? }',
      hint: `add gateways.${name}.ports, for example [{ port: 80, name: http2 }]`,
    });
  }
  findings.push(...serviceTypeFindings(path, gateway), ...gatewayAutoscaleFindings(path, gateway));
  return findings;
}

/** A ClusterIP Service has no node ports and no external traffic, and Kubernetes refuses either field on one. */
function serviceTypeFindings(path: (string | number)[], gateway: GatewayValues): Finding[] {
  if (gateway.type !== 'ClusterIP') {
    return [];
  }
  const findings: Finding[] = [];
  (gateway.ports ?? []).forEach((port, index) => {
    if (port.nodePort !== undefined) {
      findings.push({
        path: [...path, 'ports', index, 'nodePort'],
        value: port.nodePort,
        problem: 'is set on a ClusterIP Service, which Kubernetes refuses',
        allowed: 'no nodePort, or type NodePort or LoadBalancer',
        hint: `remove the nodePort, or set ${path.join('.')}.type=NodePort`,
      });
    }
  });
  if (gateway.externalTrafficPolicy !== undefined) {
    findings.push({
      path: [...path, 'externalTrafficPolicy'],
      value: gateway.externalTrafficPolicy,
      problem: 'is set on a ClusterIP Service, which Kubernetes refuses',
      allowed: 'no externalTrafficPolicy, or type NodePort or LoadBalancer',
      hint: `remove it, or set ${path.join('.')}.type=LoadBalancer`,
    });
  }
  return findings;
}

/** The chart writes a gateway's autoscaler whenever `autoscaleMin` is set (not 0), and then needs its maximum. */
function gatewayAutoscaleFindings(path: (string | number)[], gateway: GatewayValues): Finding[] {
  if (gatewayAutoscaled(gateway) && gateway.autoscaleMax === undefined) {
    return [
      {
        path: [...path, 'autoscaleMax'],
        problem: `is missing, but autoscaleMin (${gateway.autoscaleMin}) gives the gateway a HorizontalPodAutoscaler, which needs a maximum`,
        allowed: `${gateway.autoscaleMin} or more`,
        hint: `set ${path.join('.')}.autoscaleMax, or autoscaleMin=0 for no autoscaler`,
      },
    ];
  }
  return boundsFindings(path, gateway.autoscaleMin, gateway.autoscaleMax);
}

/** Whether the chart gives this gateway a HorizontalPodAutoscaler: `autoscaleMin` set and not 0, as its template tests it. */
export function gatewayAutoscaled(gateway: GatewayValues): boolean {
  return gateway.autoscaleMin !== undefined && gateway.autoscaleMin > 0;
}

function autoscaleFindings(values: IstioValues): Finding[] {
  const findings: Finding[] = [];
  if (values.pilot.enabled) {
    findings.push(...boundsFindings(['pilot'], values.pilot.autoscaleMin, values.pilot.autoscaleMax));
  }
  if (values.mixer.enabled) {
    for (const name of ['istio-policy', 'istio-telemetry'] as const) {
      const mixer = values.mixer[name];
      if (mixer.autoscaleEnabled) {
        findings.push(...boundsFindings(['mixer', name], mixer.autoscaleMin, mixer.autoscaleMax));
      }
    }
  }
  return findings;
}

/**
 * A HorizontalPodAutoscaler refuses a maxReplicas below its minReplicas. A
 * minimum of 0 is left alone: what it means to each template (no autoscaler,
 * or a refused one) is not shown by any reference render.
 */
function boundsFindings(path: (string | number)[], min: number | undefined, max: number | undefined): Finding[] {
  if (min === undefined || max === undefined || min < 1 || max >= min) {
    return [];
  }
  return [
    {
      path: [...path, 'autoscaleMax'],
      value: max,
      problem: `is below autoscaleMin (${min}), which a HorizontalPodAutoscaler refuses`,
      allowed: `${min} or more`,
      hint: `raise autoscaleMax to at least ${min}, or lower autoscaleMin`,
    },
  ];
}
