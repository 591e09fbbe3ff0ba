import { DNS1035_ALLOWED, isDns1035Label } from '../lib/dns-1035';
import { Finding } from '../lib/finding';
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
  const findings: Finding[] = [];
  for (const [name, gateway] of enabledGateways(values)) {
    const path = ['gateways', name];
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
    findings.push(...boundsFindings(path, gateway.autoscaleMin, gateway.autoscaleMax));
  }
  return findings;
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
