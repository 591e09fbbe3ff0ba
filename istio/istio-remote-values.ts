import { z } from 'zod';
import { deepMerge } from '../lib/deep-merge';
import { Finding } from '../lib/finding';
import { valueAt } from '../lib/value-at';

/**
 * The values of Istio 1.0.7's `istio-remote` chart and of the two subcharts it
 * pulls in (`security`, `sidecarInjectorWebhook`), with the chart's defaults.
 * Names follow the chart so that a Helm values file reads the same here.
 */

/** Compute resources as Helm users write them: `cpu: 100m`, `memory: 128Mi`. */
export interface ResourceQuantities {
  readonly [resource: string]: string | number;
}

/** `requests`/`limits`, as in a container's `resources`. */
export interface ComputeResources {
  /** @default - no requests */
  readonly requests?: ResourceQuantities;
  /** @default - no limits */
  readonly limits?: ResourceQuantities;
}

/** Where envoy sends statsd metrics (`--statsdUdpAddress`). */
export interface EnvoyStatsdValues {
  /** @default false */
  readonly enabled: boolean;
  /** Required when `enabled`. @default - none */
  readonly host?: string;
  /** @default 9125 when `enabled` (the chart wrote `host:` with no port, which breaks the mesh config) */
  readonly port?: number;
}

/** `global.proxy`: the sidecar and its injection. */
export interface ProxyValues {
  /** Sidecar image name under `global.hub`. @default 'proxyv2' */
  readonly image: string;
  /** DNS domain suffix for the proxy agent; the 1.0 remote chart does not render it. @default '' */
  readonly proxyDomain: string;
  /** Sidecar resources written into the injection template. @default { requests: { cpu: '100m', memory: '128Mi' } } */
  readonly resources?: ComputeResources;
  /** Envoy worker threads; 0 starts one per core. @default 0 */
  readonly concurrency: number;
  /** @default '/dev/stdout' */
  readonly accessLogFile: string;
  /** Adds the `enable-core-dump` init container and a writable root filesystem. @default false */
  readonly enableCoreDump: boolean;
  /** Outbound IP ranges captured by the sidecar. @default '*' */
  readonly includeIPRanges: string;
  /** @default '' */
  readonly excludeIPRanges: string;
  /** The 1.0 injection template captures the pod's declared ports instead; kept for values compatibility. @default '*' */
  readonly includeInboundPorts: string;
  /** @default '' */
  readonly excludeInboundPorts: string;
  /** The injector's `policy`. @default 'enabled' */
  readonly autoInject: 'enabled' | 'disabled';
  /** @default { enabled: false } */
  readonly envoyStatsd: EnvoyStatsdValues;
}

/** `global`: read by the chart and both subcharts. */
export interface IstioRemoteGlobalValues {
  /** @default 'docker.io/istio' */
  readonly hub: string;
  /** @default '1.0.7' */
  readonly tag: string;
  /** @default see ProxyValues */
  readonly proxy: ProxyValues;
  /** @default { image: 'proxy_init' } */
  readonly proxy_init: { readonly image: string };
  /** @default 'IfNotPresent' */
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** Image of the cleanup Job. @default { hub: 'quay.io/coreos', tag: 'v1.7.6_coreos.0' } */
  readonly hyperkube: { readonly hub: string; readonly tag: string };
  /** mTLS between sidecars and the control plane (Pilot on 15005 instead of 15007). @default false */
  readonly controlPlaneSecurityEnabled: boolean;
  /** @default false */
  readonly disablePolicyChecks: boolean;
  /** @default false */
  readonly policyCheckFailOpen: boolean;
  /** @default true */
  readonly enableTracing: boolean;
  /** Mesh-wide service-to-service mTLS (MeshPolicy and DestinationRules). @default { enabled: false } */
  readonly mtls: { readonly enabled: boolean };
  /** Secrets, in the control-plane namespace, for pulling images. @default [] */
  readonly imagePullSecrets?: readonly string[];
  /** Create a selector-less `istio-pilot` Service and Endpoints pointing at `remotePilotAddress`. @default false */
  readonly remotePilotCreateSvcEndpoint: boolean;
  /** Pilot of the control-plane cluster: an IP, or a host name the remote resolves. Required. @default '' */
  readonly remotePilotAddress: string;
  /** Mixer policy; empty leaves policy checks out of the mesh config. @default '' */
  readonly remotePolicyAddress: string;
  /** Mixer telemetry; empty leaves reports out of the mesh config. @default '' */
  readonly remoteTelemetryAddress: string;
  /** Zipkin; empty leaves tracing out of the mesh config. @default '' */
  readonly remoteZipkinAddress: string;
  /** Scheduling weight per node architecture: 0 never, 1 least preferred, 2 no preference, 3 most preferred. @default { amd64: 2, s390x: 2, ppc64le: 2 } */
  readonly arch: { readonly [arch: string]: number };
  /** Resources of the control-plane Deployments. @default { requests: { cpu: '10m' } } */
  readonly defaultResources?: ComputeResources;
  /** @default '' (none) */
  readonly priorityClassName: string;
}

/** `sidecarInjectorWebhook`: the automatic injector subchart. */
export interface SidecarInjectorWebhookValues {
  /** @default true */
  readonly enabled: boolean;
  /** @default 1 */
  readonly replicaCount: number;
  /** @default 'sidecar_injector' */
  readonly image: string;
  /** Inject every namespace not labelled `istio-injection=disabled`, instead of only those labelled `enabled`. @default false */
  readonly enableNamespacesByDefault: boolean;
}

/** `security`: the Citadel subchart. */
export interface SecurityValues {
  /** @default 1 */
  readonly replicaCount: number;
  /** @default 'citadel' */
  readonly image: string;
  /** Self-signed root, or the CA from the `cacerts` Secret. @default true */
  readonly selfSigned: boolean;
}

/** The whole values tree, after merging. */
export interface IstioRemoteValues {
  readonly global: IstioRemoteGlobalValues;
  readonly sidecarInjectorWebhook: SidecarInjectorWebhookValues;
  readonly security: SecurityValues;
}

/** The chart's own `values.yaml`. */
export const ISTIO_REMOTE_DEFAULTS: IstioRemoteValues = {
  global: {
    hub: 'docker.io/istio',
    tag: '1.0.7',
    proxy: {
      image: 'proxyv2',
      proxyDomain: '',
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      concurrency: 0,
      accessLogFile: '/dev/stdout',
      enableCoreDump: false,
      includeIPRanges: '*',
      excludeIPRanges: '',
      includeInboundPorts: '*',
      excludeInboundPorts: '',
      autoInject: 'enabled',
      envoyStatsd: { enabled: false },
    },
    proxy_init: { image: 'proxy_init' },
    imagePullPolicy: 'IfNotPresent',
    hyperkube: { hub: 'quay.io/coreos', tag: 'v1.7.6_coreos.0' },
    controlPlaneSecurityEnabled: false,
    disablePolicyChecks: false,
    policyCheckFailOpen: false,
    enableTracing: true,
    mtls: { enabled: false },
    imagePullSecrets: [],
    remotePilotCreateSvcEndpoint: false,
    remotePilotAddress: '',
    remotePolicyAddress: '',
    remoteTelemetryAddress: '',
    remoteZipkinAddress: '',
    arch: { amd64: 2, s390x: 2, ppc64le: 2 },
    defaultResources: { requests: { cpu: '10m' } },
    priorityClassName: '',
  },
  sidecarInjectorWebhook: {
    enabled: true,
    replicaCount: 1,
    image: 'sidecar_injector',
    enableNamespacesByDefault: false,
  },
  security: {
    replicaCount: 1,
    image: 'citadel',
    selfSigned: true,
  },
};

// `null` is accepted only where unsetting means something: keys the chart
// itself leaves empty, lists, and resource maps. Elsewhere it would leave a
// hole the templates cannot render.
const quantity = z.union([z.string().min(1), z.number().nonnegative()]);
const quantities = z.record(z.string(), quantity.nullable()).nullable();
const resources = z.strictObject({ requests: quantities.optional(), limits: quantities.optional() }).nullable();
const port = z.number().int();
const weight = z.number().int().min(0).max(3);
// Deployment.spec.replicas and ProxyConfig.concurrency are int32: a larger
// count passes as a JavaScript number and the API server rejects the object.
const INT32_MAX = 2 ** 31 - 1;
const count = z.number().int().nonnegative().max(INT32_MAX);

/**
 * A partial values tree, as one values file or one `--set` gives it. Unknown
 * keys are rejected: Helm would silently ignore a misspelt key, and the
 * install would run with the default.
 */
export const istioRemoteValuesOverlaySchema = z.strictObject({
  global: z
    .strictObject({
      hub: z.string().min(1),
      tag: z.string().min(1),
      proxy: z
        .strictObject({
          image: z.string().min(1),
          proxyDomain: z.string(),
          resources,
          concurrency: count,
          accessLogFile: z.string(),
          enableCoreDump: z.boolean(),
          includeIPRanges: z.string(),
          excludeIPRanges: z.string(),
          includeInboundPorts: z.string(),
          excludeInboundPorts: z.string(),
          autoInject: z.enum(['enabled', 'disabled']),
          envoyStatsd: z
            .strictObject({
              enabled: z.boolean(),
              host: z.string().nullable(),
              port: port.nullable(),
            })
            .partial(),
        })
        .partial(),
      proxy_init: z.strictObject({ image: z.string().min(1) }).partial(),
      imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']),
      hyperkube: z.strictObject({ hub: z.string().min(1), tag: z.string().min(1) }).partial(),
      controlPlaneSecurityEnabled: z.boolean(),
      disablePolicyChecks: z.boolean(),
      policyCheckFailOpen: z.boolean(),
      enableTracing: z.boolean(),
      mtls: z.strictObject({ enabled: z.boolean() }).partial(),
      imagePullSecrets: z.array(z.string().min(1)).nullable(),
      remotePilotCreateSvcEndpoint: z.boolean(),
      remotePilotAddress: z.string(),
      remotePolicyAddress: z.string(),
      remoteTelemetryAddress: z.string(),
      remoteZipkinAddress: z.string(),
      arch: z.record(z.string(), weight.nullable()),
      defaultResources: resources,
      priorityClassName: z.string(),
    })
    .partial(),
  sidecarInjectorWebhook: z
    .strictObject({
      enabled: z.boolean(),
      replicaCount: count,
      image: z.string().min(1),
      enableNamespacesByDefault: z.boolean(),
    })
    .partial(),
  security: z
    .strictObject({
      replicaCount: count,
      image: z.string().min(1),
      selfSigned: z.boolean(),
    })
    .partial(),
}).partial();

export type IstioRemoteValuesOverlay = z.input<typeof istioRemoteValuesOverlaySchema>;

/**
 * Checks one overlay against the chart's keys and types. Returns a Finding per
 * problem, with the path inside the overlay; empty when it is valid.
 */
export function checkIstioRemoteOverlay(overlay: unknown): Finding[] {
  const result = istioRemoteValuesOverlaySchema.safeParse(overlay);
  if (result.success) {
    return [];
  }
  const findings: Finding[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(istioRemoteValuesOverlaySchema, path);
      for (const key of issue.keys) {
        findings.push({
          path: [...path, key],
          problem: 'is not a value of the istio-remote chart',
          allowed: known.length > 0 ? known.join(', ') : undefined,
          hint: 'remove it or fix its spelling (Helm would ignore it silently and keep the default)',
        });
      }
      continue;
    }
    const value = valueAt(overlay, path);
    findings.push({
      path,
      value,
      problem: problemOf(issue, value),
      hint: hintOf(path),
    });
  }
  return findings;
}

/** Merges overlays (values files, `--set`) over the chart's defaults, as Helm does. Validate each overlay first. */
export function mergeIstioRemoteValues(...overlays: readonly IstioRemoteValuesOverlay[]): IstioRemoteValues {
  return deepMerge(ISTIO_REMOTE_DEFAULTS, ...overlays);
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'object' || issue.expected === 'record' ? 'map' : issue.expected;
      const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
      return value === undefined || value === null ? `must be ${article} ${expected}, not empty` : `is not ${article} ${expected}`;
    }
    case 'invalid_value':
      return `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'is empty' : `is below ${String(issue.minimum)}`;
    case 'too_big':
      return `is above ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function hintOf(path: readonly (string | number)[]): string {
  const defaultValue = valueAt(ISTIO_REMOTE_DEFAULTS, path);
  if (defaultValue !== undefined && (typeof defaultValue !== 'object' || defaultValue === null)) {
    return `write it like the chart's default, ${JSON.stringify(defaultValue)}`;
  }
  return 'write it as the istio-remote chart documents it, or leave it out to keep the default';
}

/** The keys the schema allows at `path`, for the hint on an unknown key. */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let current: z.ZodType = schema;
  for (const segment of [...path, undefined]) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    }
    if (!(current instanceof z.ZodObject)) {
      return [];
    }
    if (segment === undefined) {
      return Object.keys(current.shape).sort();
    }
    current = current.shape[segment] as z.ZodType;
  }
  return [];
}

