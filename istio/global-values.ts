import { z } from 'zod';
import { DNS1123_SUBDOMAIN, isDns1123Subdomain, isQuantity, LABEL_VALUE_ALLOWED, labelValueProblem, QUANTITY, QUANTITY_ALLOWED, resourceNameProblem } from '../lib/kubernetes-names';

/**
 * The `global` values that Istio 1.0.7's `istio` and `istio-remote` charts
 * both read, with the same meaning and default (`proxy.resources` aside,
 * whose default differs: each chart passes its own). Each chart's model
 * spreads these fields into its `global` and adds its own keys.
 */

// Deployment.spec.replicas and ProxyConfig.concurrency are int32: a larger
// count passes as a JavaScript number and the API server rejects the object.
const INT32_MAX = 2 ** 31 - 1;
/** A replica or thread count. */
export const countSchema = z.number().int().nonnegative().max(INT32_MAX);

// Kubernetes' own syntax for what lands in the pods: a resource name or
// quantity the API server refuses would only fail at `kubectl apply`. The
// params carry the topology loader's field rule, so a `values:` block in
// mesh.yaml reads like any other field.
const explained = (problem: string, allowed: string, hint: string) => ({ message: problem, params: { rule: { problem, allowed, hint: () => hint } } });

/** Compute quantities as Helm users write them: `cpu: 100m`, `memory: 128Mi`, in resource.Quantity's grammar. */
const quantity = z.union([
  z
    .string()
    .refine(
      (v) => isQuantity(v) && !v.startsWith('-'),
      explained('is not a Kubernetes resource quantity', `${QUANTITY_ALLOWED}, not negative`, 'write it as in a Pod spec: cpu in cores or millicores (500m), memory in bytes with a suffix (128Mi)'),
    )
    .meta({ pattern: QUANTITY.source }),
  z.number().nonnegative(),
]);
/** A container resource name: cpu, memory, ..., or a domain-qualified extended resource. */
const resourceName = z.string().superRefine((name, ctx) => {
  const problem = resourceNameProblem(name);
  if (problem !== undefined) {
    ctx.addIssue({
      code: 'custom',
      ...explained(
        `is not a container resource name: it ${problem}`,
        'cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-qualified extended resource',
        'use cpu or memory, or the resource name your device plugin registers',
      ),
    });
  }
});
/** `requests`/`limits`: `null` on a quantity removes it. */
const quantities = z.record(resourceName, quantity);

/** A container's `resources`, as the chart's `toYaml` writes it. */
export const computeResourcesSchema = z.strictObject({
  /** @default - no requests */
  requests: quantities.optional(),
  /** @default - no limits */
  limits: quantities.optional(),
});
export type ComputeResources = z.output<typeof computeResourcesSchema>;

/**
 * Scheduling weight per node architecture: 0 never scheduled there, 1 to 100
 * the preference (the chart's comment documents 1 to 3, but it writes the
 * weight into a preferred node affinity, where Kubernetes takes 1 to 100).
 */
export const archWeightSchema = z.number().int().min(0).max(100);

/** Where envoy sends statsd metrics (`--statsdUdpAddress`). */
export const envoyStatsdSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  /** Required when `enabled`; Istio 1.0.7 ships no collector. @default - none */
  host: z.string().optional(),
  /** @default 9125 when `enabled` (the chart wrote `host:` with no port, which breaks the mesh config) */
  port: z.number().int().optional(),
});

/** `global.proxy` fields both charts read. `resources` is added per chart, with its default. */
export const sharedProxyFields = {
  /** Sidecar image name under `global.hub`. @default 'proxyv2' */
  image: z.string().min(1).default('proxyv2'),
  /** DNS domain suffix for the proxy agent, passed as `--domain`; empty leaves the agent's own (`<namespace>.svc.cluster.local`). @default '' */
  proxyDomain: z.string().default(''),
  /** Envoy worker threads; 0 starts one per core. @default 0 */
  concurrency: countSchema.default(0),
  /** Envoy's access log; empty turns it off. @default '/dev/stdout' */
  accessLogFile: z.string().default('/dev/stdout'),
  /** Runs the injected proxy_init container privileged. @default false */
  privileged: z.boolean().default(false),
  /** Adds the `enable-core-dump` init container and a writable root filesystem. @default false */
  enableCoreDump: z.boolean().default(false),
  /** Outbound IP ranges captured by the sidecar. @default '*' */
  includeIPRanges: z.string().default('*'),
  /** @default '' */
  excludeIPRanges: z.string().default(''),
  /** Inbound ports captured by the sidecar. @default '*' */
  includeInboundPorts: z.string().default('*'),
  /** @default '' */
  excludeInboundPorts: z.string().default(''),
  /** The injector's `policy`. @default 'enabled' */
  autoInject: z.enum(['enabled', 'disabled']).default('enabled'),
  /** @default { enabled: false } */
  envoyStatsd: envoyStatsdSchema.prefault({}),
};

/** The sidecar's `resources`, unset with `null`. */
export function proxyResources(defaults: ComputeResources) {
  return computeResourcesSchema.default(defaults).optional();
}

/** `global` fields both charts read, with the same defaults. */
export const sharedGlobalFields = {
  /** Registry of the Istio images. @default 'docker.io/istio' */
  hub: z.string().min(1).default('docker.io/istio'),
  /** Tag of the Istio images. @default '1.0.7' */
  tag: z.string().min(1).default('1.0.7'),
  /** @default { image: 'proxy_init' } */
  proxy_init: z
    .strictObject({
      /** Image name of the iptables init container, under `global.hub`. @default 'proxy_init' */
      image: z.string().min(1).default('proxy_init'),
    })
    .prefault({}),
  /** Pull policy of the control-plane and injected containers. @default 'IfNotPresent' */
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default('IfNotPresent'),
  /** Image of the jobs that run kubectl. @default { hub: 'quay.io/coreos', tag: 'v1.7.6_coreos.0' } */
  hyperkube: z
    .strictObject({
      /** @default 'quay.io/coreos' */
      hub: z.string().min(1).default('quay.io/coreos'),
      /** @default 'v1.7.6_coreos.0' */
      tag: z.string().min(1).default('v1.7.6_coreos.0'),
    })
    .prefault({}),
  /** mTLS between sidecars and the control plane (Pilot on 15011 instead of 15010). @default false */
  controlPlaneSecurityEnabled: z.boolean().default(false),
  /** Turns Mixer policy checks off in the mesh config. @default false */
  disablePolicyChecks: z.boolean().default(false),
  /** Lets traffic through when Mixer policy cannot be reached. @default false */
  policyCheckFailOpen: z.boolean().default(false),
  /** `enableTracing` of the mesh config. @default true */
  enableTracing: z.boolean().default(true),
  /** Mesh-wide service-to-service mTLS (MeshPolicy and DestinationRules). @default { enabled: false } */
  mtls: z
    .strictObject({
      /** @default false */
      enabled: z.boolean().default(false),
    })
    .prefault({}),
  /** Secrets, in the control-plane namespace, for pulling images; `null` unsets. @default [] */
  imagePullSecrets: z
    .array(
      z
        .string()
        .refine(isDns1123Subdomain, explained('is not a Secret name (a DNS-1123 subdomain)', "lowercase letters, digits, '-' and '.', at most 253 characters", 'name a docker-registry Secret of the control-plane namespace, such as regcred'))
        .meta({ pattern: DNS1123_SUBDOMAIN.source }),
    )
    .default([])
    .optional(),
  /** Scheduling weight per node architecture. @default { amd64: 2, s390x: 2, ppc64le: 2 } */
  // Each architecture is a value of the pods' `kubernetes.io/arch` node affinity.
  arch: z
    .record(
      z.string().refine((v) => labelValueProblem(v) === undefined, explained('is not a Kubernetes label value, as the node affinity needs', LABEL_VALUE_ALLOWED, 'name the architecture as nodes label it: amd64, arm64, ppc64le, s390x')),
      archWeightSchema,
    )
    .default({ amd64: 2, s390x: 2, ppc64le: 2 }),
  /** Resources of the control-plane Deployments that set none; `null` unsets. @default { requests: { cpu: '10m' } } */
  defaultResources: computeResourcesSchema.default({ requests: { cpu: '10m' } }).optional(),
  /** Priority class of the control-plane pods. @default '' (none) */
  priorityClassName: z
    .string()
    .refine((v) => v === '' || isDns1123Subdomain(v), explained('is not a PriorityClass name (a DNS-1123 subdomain)', "empty, or lowercase letters, digits, '-' and '.'", 'use the name of a PriorityClass of the cluster, such as system-cluster-critical'))
    .default(''),
  /** Leaves ConfigMap `istio-sidecar-injector` out, for a user who provides their own. @default false */
  omitSidecarInjectorConfigMap: z.boolean().default(false),
};

/** The `global` values every shared construct (Citadel, the injector) reads. */
const sharedGlobalSchema = z.strictObject({
  ...sharedGlobalFields,
  proxy: z.strictObject({ ...sharedProxyFields, resources: proxyResources({}) }).prefault({}),
});
export type SharedGlobalValues = z.output<typeof sharedGlobalSchema>;
