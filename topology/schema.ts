import { z } from 'zod';
import { istioRemoteValuesOverlaySchema } from '../istio/istio-remote-values';
import { istioValuesOverlaySchema } from '../istio/istio-values';
import { DEFAULT_STATSD_PORT } from '../istio/global-values-rules';
import { address, annotationMap, cidr, dns1035Label, dns1123Label, filePath, httpsUrl, ianaSvcName, imageHub, imageTag, ipAddress, kubeContext, labelSelector, port } from '../lib/fields';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

/**
 * The topology file (`mesh.yaml`): the one contract users edit by hand.
 * Field names follow the istio-remote chart's value names where one exists.
 * Shape and per-field checks live here; rules that relate fields to each other
 * (one primary, no overlapping CIDRs, ...) live in `rules.ts`.
 */

const istio = z
  .strictObject({
    namespace: dns1123Label('namespace').default(DEFAULT_ISTIO_NAMESPACE).describe('Namespace of the Istio control plane on every cluster.'),
    hub: imageHub.default('docker.io/istio').describe("Image registry and path, the chart's `global.hub`."),
    tag: imageTag.default('1.0.7').describe("Image tag, the chart's `global.tag`."),
    controlPlaneSecurityEnabled: z
      .boolean()
      .default(false)
      .describe('Mutual TLS between sidecars and the control plane (`global.controlPlaneSecurityEnabled`).'),
    mtlsEnabled: z.boolean().default(false).describe('Mutual TLS between services (`global.mtls.enabled`).'),
    tracingEnabled: z
      .boolean()
      .default(false)
      .describe("The primary runs Jaeger (`tracing.enabled`), and the remotes send it their spans through the exposure; without it they trace only to a controlPlane.zipkin you run yourself."),
    ca: z
      .strictObject({
        selfSigned: z
          .boolean()
          .default(true)
          .describe("Citadel signs with its own self-signed root (`security.selfSigned`). Set false to share one root across clusters."),
        rootCert: filePath.optional().describe('PEM file of the shared root certificate; required when selfSigned is false.'),
      })
      .default({ selfSigned: true })
      .describe('The certificate authority of the mesh.'),
  })
  .describe('Mesh-wide Istio settings.');

const loadBalancerService = z.strictObject({
  loadBalancerIP: ipAddress.optional().describe('Requested address of the load balancer.'),
  annotations: annotationMap.optional().describe("Service annotations, for example a cloud's internal load balancer."),
});

const controlPlane = z
  .strictObject({
    exposure: z
      .enum(['podIP', 'loadBalancer', 'gateway'])
      .default('podIP')
      .describe('How remotes reach the control plane: pod IPs, LoadBalancer Services, or the ingress gateway.'),
    pilot: address.optional().describe("Pilot's address as the remotes see it (`global.remotePilotAddress`)."),
    policy: address.optional().describe("Mixer policy's address (`global.remotePolicyAddress`)."),
    telemetry: address.optional().describe("Mixer telemetry's address (`global.remoteTelemetryAddress`)."),
    zipkin: address.optional().describe("Zipkin's address (`global.remoteZipkinAddress`); tracing is off without it."),
    statsd: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Send Envoy statistics to statsd (`global.proxy.envoyStatsd.enabled`).'),
        host: address.optional().describe('The statsd host.'),
        port: port.default(DEFAULT_STATSD_PORT).describe('The statsd UDP port.'),
      })
      .default({ enabled: false, port: DEFAULT_STATSD_PORT })
      .describe('Envoy statsd sink.'),
    loadBalancer: z
      .strictObject({
        pilot: loadBalancerService.optional(),
        policy: loadBalancerService.optional(),
        telemetry: loadBalancerService.optional(),
        zipkin: loadBalancerService.optional(),
      })
      .optional()
      .describe('Settings of the LoadBalancer Services, when exposure is loadBalancer.'),
    gateway: z
      .strictObject({
        address: address.describe("The ingress gateway's address as the remotes see it."),
        selector: labelSelector.default({ istio: 'ingressgateway' }).describe('Labels of the gateway pods.'),
      })
      .optional()
      .describe('The gateway that fronts the control plane, when exposure is gateway.'),
  })
  .describe("The primary's control-plane endpoints, as the remote clusters see them.");

const cacerts = z
  .strictObject({
    caCert: filePath.describe("PEM file of this cluster's CA certificate (ca-cert.pem)."),
    caKey: filePath.describe("PEM file of this cluster's CA private key (ca-key.pem)."),
    certChain: filePath.describe('PEM file of the chain from the CA certificate to the root (cert-chain.pem).'),
  })
  .describe('Files of the `cacerts` Secret for this cluster; its root is istio.ca.rootCert.');

const clusterCommon = {
  name: dns1123Label('cluster').describe('Cluster name: the dist/ folder, the remote Secret and its data key.'),
  podCIDR: cidr.describe("The cluster's pod network."),
  serviceCIDR: cidr.describe("The cluster's service network."),
  apiServer: httpsUrl.describe("The API server URL, as the primary's Pilot dials it."),
  context: kubeContext.optional().describe('kubeconfig context of this cluster. Default: the cluster name.'),
  cacerts: cacerts.optional(),
};

const primaryCluster = z.strictObject({
  ...clusterCommon,
  role: z.literal('primary').describe('Runs the Istio control plane.'),
  values: istioValuesOverlaySchema
    .default({})
    .describe("istio chart values, merged last, as in a Helm values file: paste your existing values here. What the topology sets (istio.*, the exposure's gateway ports) is refused."),
});

const remoteCluster = z.strictObject({
  ...clusterCommon,
  role: z.literal('remote').describe('Joins the mesh of the primary.'),
  sidecarInjectorWebhook: z.boolean().default(true).describe('Run the sidecar-injection webhook (`sidecarInjectorWebhook.enabled`).'),
  injectionNamespaces: z
    .array(dns1123Label('namespace'))
    .default([])
    .describe('Namespaces to create and label istio-injection=enabled.'),
  pilotSelectorlessService: z
    .boolean()
    .default(false)
    .describe('Create the selector-less istio-pilot Service and Endpoints (`global.remotePilotCreateSvcEndpoint`).'),
  kubeconfig: filePath.optional().describe("istio-multi's kubeconfig for this remote. Default: secrets/<name>.kubeconfig."),
  values: istioRemoteValuesOverlaySchema
    .default({})
    .describe('istio-remote chart values, merged last, as in a Helm values file: paste your existing values here.'),
});

const cluster = z.discriminatedUnion('role', [primaryCluster, remoteCluster]);

const servicePort = z.strictObject({
  name: ianaSvcName
    .optional()
    .describe('Port name, an IANA service name (at most 15 characters); Istio reads the protocol from its prefix (http-, grpc-, tcp-).'),
  port: port,
  targetPort: port.optional().describe('Container port. Default: port.'),
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
});

const meshService = z.strictObject({
  name: dns1035Label('service').describe('Service name, a DNS-1035 label as Kubernetes requires of Services.'),
  namespace: dns1123Label('namespace'),
  ports: z.array(servicePort).min(1),
  selector: labelSelector.describe('Labels of the pods behind the Service.'),
  clusters: z
    .array(dns1123Label('cluster'))
    .optional()
    .describe(
      'The clusters whose pods serve this Service, each a name from `clusters`. It records where the pods run and does not limit the output: every cluster gets the Service and its Namespace regardless, because clients resolve the name only where the Service exists. Default: all.',
    ),
});

export const meshTopologySchema = z
  .strictObject({
    istio: istio.default({
      namespace: DEFAULT_ISTIO_NAMESPACE,
      hub: 'docker.io/istio',
      tag: '1.0.7',
      controlPlaneSecurityEnabled: false,
      mtlsEnabled: false,
      tracingEnabled: false,
      ca: { selfSigned: true },
    }),
    controlPlane,
    clusters: z.array(cluster).describe('Every cluster of the mesh: exactly one primary and at least one remote.'),
    services: z.array(meshService).default([]).describe('Services that clients anywhere in the mesh call, defined in every cluster.'),
  })
  .describe('istio-mesh-synth topology: clusters joined to one Istio 1.0 control plane over a flat network.');

/** The topology as written, before defaults. */
export type MeshTopologyInput = z.input<typeof meshTopologySchema>;
/** The topology with every default applied. */
export type MeshTopology = z.output<typeof meshTopologySchema>;
export type ClusterSpec = MeshTopology['clusters'][number];
export type PrimaryClusterSpec = Extract<ClusterSpec, { role: 'primary' }>;
export type RemoteClusterSpec = Extract<ClusterSpec, { role: 'remote' }>;
export type ControlPlaneSpec = MeshTopology['controlPlane'];
export type IstioSpec = MeshTopology['istio'];
export type MeshServiceSpec = MeshTopology['services'][number];
