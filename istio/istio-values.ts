import { z } from 'zod';
import { Finding } from '../lib/finding';
import { HelmOverlay, mergeValues, overlaySchemaOf, valuesDefaults } from '../lib/helm-values';
import { isPlainObject } from '../lib/deep-merge';
import { chartOverlayFindings } from './chart-values-findings';
import { computeResourcesSchema, countSchema, proxyResources, sharedGlobalFields, sharedProxyFields } from './global-values';
import { securitySchema, sidecarInjectorWebhookSchema } from './shared-subchart-values';

/**
 * The values of Istio 1.0.7's `istio` chart, the primary's control plane, and
 * of its subcharts (which have no defaults of their own: everything is in the
 * chart's values.yaml). One schema, from which the types, the defaults and the
 * schema of one values file come. Names follow the chart, so that a Helm
 * values file reads the same here.
 */

const replicas = countSchema;
const port = z.number().int().min(1).max(65535);
/** A map of text, such as labels or annotations. */
const textMap = z.record(z.string(), z.string());
/** Environment variables as the chart writes them: `GODEBUG: gctrace=2`, `PILOT_PUSH_THROTTLE_COUNT: 100`. */
const envMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
/** An image tag: YAML reads `tag: 1.5` as a number, and Helm prints it back as written. */
const imageTag = z.union([z.string().min(1), z.number()]);

/** `cpu.targetAverageUtilization` of a HorizontalPodAutoscaler. */
function cpuTarget() {
  return z
    .strictObject({
      /** Percent of the requested CPU the autoscaler aims at. @default 80 */
      targetAverageUtilization: z.number().int().min(1).default(80),
    })
    .prefault({});
}

/** One port of a gateway's Service. */
const gatewayPortSchema = z.strictObject({
  /** @default - none, required */
  port,
  /** @default - the port */
  targetPort: port.optional(),
  /** Istio reads the protocol from the name's prefix (`http2-`, `tcp-`, `https`). @default - none, required */
  name: z.string().min(1),
  /** For a NodePort or LoadBalancer Service. @default - one Kubernetes picks */
  nodePort: port.optional(),
});

/** A Secret mounted into a gateway's pods, for its TLS certificates. */
const gatewaySecretVolumeSchema = z.strictObject({
  /** @default - none, required */
  name: z.string().min(1),
  /** @default - none, required */
  secretName: z.string().min(1),
  /** @default - none, required */
  mountPath: z.string().min(1),
});

/**
 * One entry of `gateways`. The chart loops over the map, so any name is a
 * gateway; only the three it ships have defaults, so every field is optional
 * here and a gateway of your own names everything it needs.
 */
export const gatewaySchema = z.strictObject({
  /** @default - false for a gateway the chart does not ship */
  enabled: z.boolean().optional(),
  /** Labels of the gateway's pods, which its Service and Gateway resources select. @default - none */
  labels: textMap.optional(),
  /** @default - none */
  replicaCount: replicas.optional(),
  /** @default - none */
  autoscaleMin: replicas.optional(),
  /** @default - none */
  autoscaleMax: replicas.optional(),
  /** @default - global.defaultResources */
  resources: computeResourcesSchema.optional(),
  /** @default - none */
  cpu: z.strictObject({ /** @default - none */ targetAverageUtilization: z.number().int().min(1).optional() }).optional(),
  /** @default '' (none) */
  loadBalancerIP: z.string().optional(),
  /** @default {} */
  serviceAnnotations: textMap.optional(),
  /** The Service type. @default - none */
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).optional(),
  /** `Local` preserves the client's source IP (values.yaml's commented-out option); NodePort and LoadBalancer only. @default - Kubernetes' own, `Cluster` */
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  /** The Service's ports; a list given in a values file replaces the whole list. @default - none */
  ports: z.array(gatewayPortSchema).optional(),
  /** @default - none */
  secretVolumes: z.array(gatewaySecretVolumeSchema).optional(),
});
export type GatewayValues = z.output<typeof gatewaySchema>;

/** A gateway the chart ships, with its default block. */
function shippedGateway(block: GatewayValues) {
  // `null` removes it, as Helm does.
  return gatewaySchema.prefault(block).optional();
}

function secretVolumes(prefix: string): GatewayValues['secretVolumes'] {
  return [
    { name: `${prefix}-certs`, secretName: `istio-${prefix}-certs`, mountPath: `/etc/istio/${prefix}-certs` },
    { name: `${prefix}-ca-certs`, secretName: `istio-${prefix}-ca-certs`, mountPath: `/etc/istio/${prefix}-ca-certs` },
  ];
}

const SCALING = { replicaCount: 1, autoscaleMin: 1, autoscaleMax: 5, cpu: { targetAverageUtilization: 80 } } as const;

/** `gateways`: the ingress, egress and internal-load-balancer gateways, and any other the map names. */
const gatewaysSchema = z
  .strictObject({
    /** Turns every gateway off at once. @default true */
    enabled: z.boolean().default(true),
    /** The ingress gateway. @default the chart's `gateways.istio-ingressgateway` block: LoadBalancer, ports 80, 443, 31400, 15011, 8060, 853, 15030, 15031 */
    'istio-ingressgateway': shippedGateway({
      enabled: true,
      labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
      ...SCALING,
      resources: {},
      loadBalancerIP: '',
      serviceAnnotations: {},
      type: 'LoadBalancer',
      ports: [
        { port: 80, targetPort: 80, name: 'http2', nodePort: 31380 },
        { port: 443, name: 'https', nodePort: 31390 },
        { port: 31400, name: 'tcp', nodePort: 31400 },
        { port: 15011, targetPort: 15011, name: 'tcp-pilot-grpc-tls' },
        { port: 8060, targetPort: 8060, name: 'tcp-citadel-grpc-tls' },
        { port: 853, targetPort: 853, name: 'tcp-dns-tls' },
        { port: 15030, targetPort: 15030, name: 'http2-prometheus' },
        { port: 15031, targetPort: 15031, name: 'http2-grafana' },
      ],
      secretVolumes: secretVolumes('ingressgateway'),
    }),
    /** The egress gateway. @default the chart's `gateways.istio-egressgateway` block: ClusterIP, ports 80 and 443 */
    'istio-egressgateway': shippedGateway({
      enabled: true,
      labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
      ...SCALING,
      serviceAnnotations: {},
      type: 'ClusterIP',
      ports: [
        { port: 80, name: 'http2' },
        { port: 443, name: 'https' },
      ],
      secretVolumes: secretVolumes('egressgateway'),
    }),
    /** The internal-load-balancer gateway for mesh expansion. @default the chart's `gateways.istio-ilbgateway` block, disabled */
    'istio-ilbgateway': shippedGateway({
      enabled: false,
      labels: { app: 'istio-ilbgateway', istio: 'ilbgateway' },
      ...SCALING,
      resources: { requests: { cpu: '800m', memory: '512Mi' } },
      loadBalancerIP: '',
      serviceAnnotations: { 'cloud.google.com/load-balancer-type': 'internal' },
      type: 'LoadBalancer',
      ports: [
        { port: 15011, name: 'grpc-pilot-mtls' },
        { port: 15010, name: 'grpc-pilot' },
        { port: 8060, targetPort: 8060, name: 'tcp-citadel-grpc-tls' },
        { port: 853, name: 'tcp-dns' },
      ],
      secretVolumes: secretVolumes('ilbgateway'),
    }),
  })
  // Any other key is a gateway of the user's own, as the chart's `range` over the map makes it.
  .catchall(gatewaySchema)
  .prefault({});

/** The autoscaling of one Mixer Deployment (`istio-policy`, `istio-telemetry`). */
function mixerAutoscaling() {
  return z
    .strictObject({
      /** @default true */
      autoscaleEnabled: z.boolean().default(true),
      /** @default 1 */
      autoscaleMin: replicas.default(1),
      /** @default 5 */
      autoscaleMax: replicas.default(5),
      /** @default { targetAverageUtilization: 80 } */
      cpu: cpuTarget(),
    })
    .prefault({});
}

/** An Ingress of the tracing subchart. */
function tracingIngress(host: string) {
  return z
    .strictObject({
      /** @default false */
      enabled: z.boolean().default(false),
      /** @default [host] */
      hosts: z.array(z.string().min(1)).default([host]),
      /** @default - none */
      annotations: textMap.optional(),
      /** @default - none */
      tls: z.array(z.strictObject({ secretName: z.string().min(1), hosts: z.array(z.string().min(1)).optional() })).optional(),
    })
    .prefault({});
}

/**
 * A subchart this project does not build. Its keys are accepted as the chart
 * has them, unchecked, so that a values file written for Helm passes while it
 * stays disabled; enabling it is an error (see istio-values-rules.ts).
 */
function notBuilt() {
  return z
    .object({
      /** @default false */
      enabled: z.boolean().default(false),
    })
    .catchall(z.unknown())
    .prefault({});
}

/** The subcharts `enabled: true` would install but this project does not build. */
export const NOT_BUILT_SUBCHARTS = ['grafana', 'kiali', 'servicegraph', 'certmanager', 'ingress'] as const;

/**
 * Keys the release's own values files set that the 1.0.7 chart's values.yaml
 * does not have. They are accepted so that those files pass unchanged, with a
 * warning that they do nothing here.
 */
export const INERT_KEYS: readonly (readonly string[])[] = [
  ['global', 'refreshInterval'],
  ['global', 'nodePort'],
  ['istiotesting'],
];

export const istioValuesSchema = z.strictObject({
  /** Read by the chart and every subchart. */
  global: z
    .strictObject({
      ...sharedGlobalFields,
      /** The sidecar and its injection. */
      proxy: z
        .strictObject({
          ...sharedProxyFields,
          /** Sidecar resources written into the injection template; `null` unsets. @default { requests: { cpu: '10m' } } */
          resources: proxyResources({ requests: { cpu: '10m' } }),
          /** DNS domain suffix for Pilot discovery; empty leaves `cluster.local`. @default '' */
          discoveryDomain: z.string().default(''),
          /** Port of the Pilot agent's health checks; 0 turns the sidecar's readiness probe off. @default 0 */
          statusPort: z.number().int().min(0).max(65535).default(0),
          /** @default 1 */
          readinessInitialDelaySeconds: z.number().int().nonnegative().default(1),
          /** @default 2 */
          readinessPeriodSeconds: z.number().int().min(1).default(2),
          /** @default 30 */
          readinessFailureThreshold: z.number().int().min(1).default(30),
          /** @default { prometheusPort: 15090 } */
          stats: z
            .strictObject({
              /** Envoy's Prometheus port; 0 turns stats collection off. @default 15090 */
              prometheusPort: z.number().int().min(0).max(65535).default(15090),
            })
            .prefault({}),
        })
        .prefault({}),
      /** The gateway that serves Kubernetes Ingress resources (`istio: <selector>`). @default 'ingress' */
      k8sIngressSelector: z.string().min(1).default('ingress'),
      /** Adds port 443 for Kubernetes Ingress resources; needs the certificates in place. @default false */
      k8sIngressHttps: z.boolean().default(false),
      /** Pilot and Mixer watch only the release namespace. @default false */
      oneNamespace: z.boolean().default(false),
      /** Galley validates Istio configuration through its webhook. @default true */
      configValidation: z.boolean().default(true),
      /** Publishes Pilot's and Citadel's mTLS ports on the ingress gateway. @default false */
      meshExpansion: z.boolean().default(false),
      /** Publishes Pilot's and Citadel's ports on the internal-load-balancer gateway. @default false */
      meshExpansionILB: z.boolean().default(false),
      /** Renders the CRDs with the chart (this project writes them to dist-crds/ either way). @default true */
      crds: z.boolean().default(true),
      /** Not read by the 1.0.7 chart; set by the release's values-istio*.yaml. @default - none */
      refreshInterval: z.string().optional(),
      /** Not read by the 1.0.7 chart; set by the release's values-istio-demo.yaml. @default - none */
      nodePort: z.boolean().optional(),
      /**
       * Where the control plane runs, for gateways installed apart from it
       * (values-istio-gateways.yaml): the gateways then dial
       * `istio-pilot.<istioNamespace>` and `zipkin.<istioNamespace>`.
       * @default - none: the gateways' own namespace
       */
      istioNamespace: z.string().optional(),
    })
    .prefault({}),
  /** The legacy `istio: ingress` controller for Kubernetes Ingress resources. Not built. @default { enabled: false } */
  ingress: notBuilt(),
  /** @default see gatewaysSchema */
  gateways: gatewaysSchema,
  /** The automatic injector. */
  sidecarInjectorWebhook: sidecarInjectorWebhookSchema.prefault({}),
  /** Galley, the configuration validator. */
  galley: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default 1 */
      replicaCount: replicas.default(1),
      /** Image name under `global.hub`. @default 'galley' */
      image: z.string().min(1).default('galley'),
      /** The validator container's resources. @default - global.defaultResources */
      resources: computeResourcesSchema.optional(),
    })
    .prefault({}),
  /** Mixer: the policy and telemetry Deployments and the mixer configuration. */
  mixer: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default 1 */
      replicaCount: replicas.default(1),
      /** @default 1 */
      autoscaleMin: replicas.default(1),
      /** @default 5 */
      autoscaleMax: replicas.default(5),
      /** Image name under `global.hub`. @default 'mixer' */
      image: z.string().min(1).default('mixer'),
      /** Environment of the mixer containers. @default { GODEBUG: 'gctrace=2' } */
      env: envMap.default({ GODEBUG: 'gctrace=2' }),
      /** The mixer containers' resources; values.yaml sets none, the templates read it. @default - global.defaultResources */
      resources: computeResourcesSchema.optional(),
      /** Node labels istio-telemetry's pods require; values.yaml sets none, the template reads it. @default - none */
      nodeSelector: textMap.optional(),
      /** @default { autoscaleEnabled: true, autoscaleMin: 1, autoscaleMax: 5, cpu: { targetAverageUtilization: 80 } } */
      'istio-policy': mixerAutoscaling(),
      /** @default { autoscaleEnabled: true, autoscaleMin: 1, autoscaleMax: 5, cpu: { targetAverageUtilization: 80 } } */
      'istio-telemetry': mixerAutoscaling(),
      /** The statsd-to-Prometheus exporter image (1.0.7 ships only its ConfigMap). @default { hub: 'docker.io/prom', tag: 'v0.6.0' } */
      prometheusStatsdExporter: z
        .strictObject({
          /** @default 'docker.io/prom' */
          hub: z.string().min(1).default('docker.io/prom'),
          /** @default 'v0.6.0' */
          tag: imageTag.default('v0.6.0'),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Pilot, the discovery service. */
  pilot: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default 1 */
      replicaCount: replicas.default(1),
      /** 0 leaves the autoscaler out. @default 1 */
      autoscaleMin: replicas.default(1),
      /** 0 leaves the autoscaler out. @default 5 */
      autoscaleMax: replicas.default(5),
      /** Image name under `global.hub`. @default 'pilot' */
      image: z.string().min(1).default('pilot'),
      /** Runs an istio-proxy beside discovery. @default true */
      sidecar: z.boolean().default(true),
      /** Percent of requests traced. @default 1.0 */
      traceSampling: z.number().min(0).max(100).default(1.0),
      /** The discovery container's resources; `null` unsets. @default { requests: { cpu: '500m', memory: '2048Mi' } } */
      resources: computeResourcesSchema.default({ requests: { cpu: '500m', memory: '2048Mi' } }).optional(),
      /** Environment of the discovery container. @default { PILOT_PUSH_THROTTLE_COUNT: 100, GODEBUG: 'gctrace=2' } */
      env: envMap.default({ PILOT_PUSH_THROTTLE_COUNT: 100, GODEBUG: 'gctrace=2' }),
      /** @default { targetAverageUtilization: 80 } */
      cpu: cpuTarget(),
    })
    .prefault({}),
  /** Citadel. */
  security: securitySchema
    .extend({
      /** Installs Citadel (the chart's requirements condition). values.yaml leaves it unset, which Helm treats as on. @default - unset: installed */
      enabled: z.boolean().optional(),
    })
    .prefault({}),
  /** Grafana and Prometheus behind the ingress gateway. Not built. */
  'telemetry-gateway': z
    .strictObject({
      /** @default 'ingressgateway' */
      gatewayName: z.string().min(1).default('ingressgateway'),
      /** Not built. @default false */
      grafanaEnabled: z.boolean().default(false),
      /** Not built. @default false */
      prometheusEnabled: z.boolean().default(false),
    })
    .prefault({}),
  /** Not built. @default { enabled: false } */
  grafana: notBuilt(),
  /** Prometheus, which scrapes Mixer, Pilot, Galley and the sidecars. */
  prometheus: z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true),
      /** @default 1 */
      replicaCount: replicas.default(1),
      /** @default 'docker.io/prom' */
      hub: z.string().min(1).default('docker.io/prom'),
      /** @default 'v2.3.1' */
      tag: imageTag.default('v2.3.1'),
      /** The Prometheus container's resources. @default - global.defaultResources */
      resources: computeResourcesSchema.optional(),
      /** @default { annotations: {}, nodePort: { enabled: false, port: 32090 } } */
      service: z
        .strictObject({
          /** @default {} */
          annotations: textMap.default({}),
          /** @default { enabled: false, port: 32090 } */
          nodePort: z
            .strictObject({
              /** Publishes Prometheus on a node port. @default false */
              enabled: z.boolean().default(false),
              /** @default 32090 */
              port: port.default(32090),
            })
            .prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Not built. @default { enabled: false } */
  servicegraph: notBuilt(),
  /** Tracing: Jaeger, whose Zipkin-compatible collector the sidecars send spans to. */
  tracing: z
    .strictObject({
      /** @default false */
      enabled: z.boolean().default(false),
      /** @default 'jaeger' */
      provider: z.string().min(1).default('jaeger'),
      /** @default the chart's `tracing.jaeger` block */
      jaeger: z
        .strictObject({
          /** @default 'docker.io/jaegertracing' */
          hub: z.string().min(1).default('docker.io/jaegertracing'),
          /** @default 1.5 */
          tag: imageTag.default(1.5),
          /** @default { max_traces: 50000 } */
          memory: z
            .strictObject({
              /** @default 50000 */
              max_traces: z.number().int().min(1).default(50000),
            })
            .prefault({}),
          /** @default { port: 16686 } */
          ui: z
            .strictObject({
              /** @default 16686 */
              port: port.default(16686),
            })
            .prefault({}),
          /** @default { enabled: false, hosts: ['jaeger.local'] } */
          ingress: tracingIngress('jaeger.local'),
        })
        .prefault({}),
      /** @default 1 */
      replicaCount: replicas.default(1),
      /** The Jaeger container's resources. @default - global.defaultResources */
      resources: computeResourcesSchema.optional(),
      /** @default { annotations: {}, name: 'http', type: 'ClusterIP', externalPort: 9411, internalPort: 9411 } */
      service: z
        .strictObject({
          /** @default {} */
          annotations: textMap.default({}),
          /** @default 'http' */
          name: z.string().min(1).default('http'),
          /** @default 'ClusterIP' */
          type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('ClusterIP'),
          /** @default 9411 */
          externalPort: port.default(9411),
          /** @default 9411 */
          internalPort: port.default(9411),
        })
        .prefault({}),
      /** @default { enabled: false, hosts: ['tracing.local'] } */
      ingress: tracingIngress('tracing.local'),
    })
    .prefault({}),
  /** Not built. @default { enabled: false } */
  kiali: notBuilt(),
  /** Not built. @default { enabled: false } */
  certmanager: notBuilt(),
  /** Replaces the chart name in the `app` label of the chart's own objects. @default - the chart name, `istio` */
  nameOverride: z.string().optional(),
  /** Not read by the 1.0.7 chart; set by the release's values-istio-*.yaml for Istio's own tests. @default - none */
  istiotesting: z.strictObject({ /** @default - none */ oneNameSpace: z.boolean().optional() }).optional(),
});

/** The whole values tree of the `istio` chart, after merging. */
export type IstioValues = z.output<typeof istioValuesSchema>;
/** `global` of the `istio` chart. */
export type IstioGlobalValues = IstioValues['global'];
type IstioValuesInput = z.input<typeof istioValuesSchema>;
/**
 * `gateways` of one values file. Written out because TypeScript cannot type a
 * map whose `enabled` is a boolean and whose every other key is a gateway.
 */
export interface GatewaysOverlay {
  readonly enabled?: boolean | null;
  readonly [name: string]: HelmOverlay<z.input<typeof gatewaySchema>> | boolean | null | undefined;
}
/** One values file or `--set`, as a user writes it. */
export type IstioValuesOverlay = HelmOverlay<Omit<IstioValuesInput, 'gateways'>> & { readonly gateways?: GatewaysOverlay | null };

/** The chart's own values.yaml. */
export const ISTIO_DEFAULTS: IstioValues = valuesDefaults(istioValuesSchema);

/** The schema of one values file: every key optional, `null` where it unsets, unknown keys refused. */
export const istioValuesOverlaySchema = overlaySchemaOf(istioValuesSchema) as z.ZodType<HelmOverlay<IstioValues>, IstioValuesOverlay>;

const MODEL = { chart: 'istio', schema: istioValuesSchema, defaults: ISTIO_DEFAULTS };

/**
 * Checks one overlay against the chart's keys and types. Returns a Finding per
 * problem, with the path inside the overlay (warnings for the keys the
 * release's own files set to no effect); empty when it is valid.
 */
export function checkIstioOverlay(overlay: unknown): Finding[] {
  const findings = chartOverlayFindings(MODEL, overlay);
  for (const path of INERT_KEYS) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), overlay);
    const key = path[path.length - 1];
    if (isPlainObject(parent) && parent[key] !== undefined && parent[key] !== null) {
      findings.push({
        path,
        value: parent[key],
        problem: "is not a value of the 1.0.7 istio chart's values.yaml, and does nothing here",
        hint: 'it is accepted because the release\'s own values-istio*.yaml files set it; remove it to silence this warning',
        severity: 'warning',
      });
    }
  }
  return findings;
}

/** Merges overlays (values files, `--set`) over the chart's defaults, as Helm does. Check each overlay first. */
export function mergeIstioValues(...overlays: readonly IstioValuesOverlay[]): IstioValues {
  return mergeValues(istioValuesSchema, ISTIO_DEFAULTS, overlays);
}
