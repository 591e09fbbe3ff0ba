import fc from 'fast-check';
import { FUZZ_CLUSTER_CAS, FUZZ_PKI } from './workspace';

/**
 * Valid topologies, as plain data the way a user writes mesh.yaml (before
 * defaults). Each is built so that every rule of topology/ holds: disjoint
 * networks, unique names, the addresses each exposure mode needs, a shared CA
 * whenever mTLS or control-plane security is on, and values blocks that set
 * only what the topology does not. Synth must accept every one of them.
 */
export interface FuzzTopology {
  /** The topology document. */
  readonly data: Record<string, any>;
  /** Indexes of the remotes whose kubeconfig the case writes, so the primary gets their Secrets. */
  readonly kubeconfigFor: readonly number[];
  /** How the document is written out. */
  readonly style: { readonly indent: number; readonly flowLists: boolean; readonly comment: boolean };
}

/** Remotes per mesh: 1..MAX_REMOTES, so the largest mesh has FUZZ_CLUSTER_CAS clusters. */
export const MAX_REMOTES = FUZZ_CLUSTER_CAS - 1;

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const clusterName = fc.oneof(fc.constantFrom('primary', 'remote-east', 'remote-west', 'eu-1', 'us-central', 'c0'), label);
const namespaceName = fc.oneof(fc.constantFrom('bookinfo', 'shop', 'payments', 'apps'), label.map((l) => `ns-${l}`));
const controlPlaneNamespace = fc.constantFrom('istio-system', 'istio', 'mesh-control');

/** Label keys and values the API server accepts, prefixed keys included. */
const labelKey = fc.oneof(fc.constantFrom('app', 'istio', 'version', 'app.kubernetes.io/name', 'example.com/tier'), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}[a-z0-9]$/));
const labelValue = fc.oneof(fc.constantFrom('reviews', 'ingressgateway', 'v1', ''), fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,20}[A-Za-z0-9])?$/));
const labels = fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 3 });
const annotations = fc.dictionary(
  fc.constantFrom('cloud.google.com/load-balancer-type', 'service.beta.kubernetes.io/aws-load-balancer-internal', 'example.com/owner'),
  fc.string({ maxLength: 30 }),
  { minKeys: 1, maxKeys: 2 },
);
/** Requests from the low set and limits from the high one: the API server refuses a request above its limit. */
const quantity = (unit: 'cpu' | 'memory', list: 'requests' | 'limits') =>
  unit === 'cpu'
    ? fc.constantFrom<string | number>(...(list === 'requests' ? ['100m', '250m', '0.5'] : [1, 2, '1500m']))
    : fc.constantFrom<string | number>(...(list === 'requests' ? ['64Mi', '128Mi', 134217728] : ['512M', '1Gi', 1073741824]));

interface Network {
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  /** An address inside the pod network, for control-plane pods of the primary. */
  readonly podIP: (host: number) => string;
}

/** Disjoint networks for `count` clusters: distinct /16../24 blocks of 10/8, or distinct /64s of fd00::/8. */
function networks(count: number): fc.Arbitrary<Network[]> {
  const v4 = fc.record({
    octets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 2 * count, maxLength: 2 * count }),
    prefix: fc.constantFrom(16, 20, 24),
  }).map(({ octets, prefix }) =>
    Array.from({ length: count }, (_, i): Network => ({
      podCIDR: `10.${octets[2 * i]}.0.0/${prefix}`,
      serviceCIDR: `10.${octets[2 * i + 1]}.0.0/${prefix}`,
      podIP: (host) => `10.${octets[2 * i]}.0.${host}`,
    })),
  );
  const v6 = fc.uniqueArray(fc.integer({ min: 1, max: 0xffff }), { minLength: 2 * count, maxLength: 2 * count }).map((blocks) =>
    Array.from({ length: count }, (_, i): Network => ({
      podCIDR: `fd00:${blocks[2 * i].toString(16)}::/64`,
      serviceCIDR: `fd00:${blocks[2 * i + 1].toString(16)}::/64`,
      podIP: (host) => `fd00:${blocks[2 * i].toString(16)}::${host.toString(16)}`,
    })),
  );
  return fc.oneof({ arbitrary: v4, weight: 4 }, { arbitrary: v6, weight: 1 });
}

const service = (clusterNames: readonly string[], forbiddenNamespace: string) =>
  fc
    .record({
      name: fc.oneof(fc.constantFrom('reviews', 'ratings', 'checkout'), fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/)),
      namespace: namespaceName.filter((ns) => ns !== forbiddenNamespace),
      ports: fc.uniqueArray(
        fc.record({
          port: fc.integer({ min: 1, max: 65535 }),
          name: fc.stringMatching(/^(http|grpc|tcp)-[a-z]{1,8}$/),
          targetPort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
          protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3, selector: (p) => p.port },
      ),
      unnamedSinglePort: fc.boolean(),
      selector: labels,
      clusters: fc.option(fc.subarray([...clusterNames], { minLength: 1 }), { nil: undefined }),
    })
    .map(({ unnamedSinglePort, ...s }) => ({
      ...s,
      // Names must differ too; a single port may go unnamed.
      ports: s.ports
        .map((p, i) => ({ ...p, name: `${p.name}${i}` }))
        .map((p) => (s.ports.length === 1 && unnamedSinglePort ? { ...p, name: undefined } : p))
        .map(dropUndefined),
      ...(s.clusters === undefined ? {} : { clusters: s.clusters }),
    }));

/** A values block that sets only chart values the topology leaves alone, each within what the chart accepts. */
const values = (cidrs: readonly string[]) =>
  fc
    .record(
      {
        proxy: fc.record(
          {
            includeIPRanges: fc.oneof(fc.constant('*'), fc.subarray([...cidrs], { minLength: 1 }).map((l) => l.join(','))),
            excludeIPRanges: fc.subarray([...cidrs]).map((l) => l.join(',')),
            excludeInboundPorts: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }).map((l) => l.join(',')),
            concurrency: fc.integer({ min: 0, max: 8 }),
            accessLogFile: fc.constantFrom('/dev/stdout', ''),
            enableCoreDump: fc.boolean(),
            autoInject: fc.constantFrom('enabled', 'disabled'),
            resources: fc.record(
              {
                requests: fc.record({ cpu: quantity('cpu', 'requests'), memory: quantity('memory', 'requests') }, { requiredKeys: [] }),
                limits: fc.record({ cpu: quantity('cpu', 'limits'), memory: quantity('memory', 'limits') }, { requiredKeys: [] }),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
        imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never'),
        imagePullSecrets: fc.uniqueArray(label, { maxLength: 2 }),
        disablePolicyChecks: fc.boolean(),
        policyCheckFailOpen: fc.boolean(),
        arch: fc.record({ amd64: fc.integer({ min: 1, max: 3 }), s390x: fc.integer({ min: 0, max: 3 }), ppc64le: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ['amd64'] }),
        priorityClassName: fc.constantFrom('', 'system-cluster-critical'),
      },
      { requiredKeys: [] },
    )
    .chain((global) =>
      fc
        .record(
          {
            sidecarInjectorWebhook: fc.record({ replicaCount: fc.integer({ min: 0, max: 3 }), enableNamespacesByDefault: fc.boolean() }, { requiredKeys: [] }),
            security: fc.record({ replicaCount: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        )
        .map((rest) => ({ ...(Object.keys(global).length > 0 ? { global } : {}), ...rest })),
    );

/** Every valid mesh: one primary at any position and 1..MAX_REMOTES remotes. */
export const validTopology: fc.Arbitrary<FuzzTopology> = fc
  .record({
    names: fc.uniqueArray(clusterName, { minLength: 2, maxLength: MAX_REMOTES + 1 }),
    primaryAt: fc.nat(),
    namespace: controlPlaneNamespace,
    hub: fc.constantFrom('docker.io/istio', 'gcr.io/istio-release', 'registry.example.com:5000/mirror/istio'),
    tag: fc.constantFrom('1.0.7', '1.0.6', 'release-1.0-latest'),
    security: fc.constantFrom('none', 'sharedCa', 'mtls', 'controlPlane', 'both'),
    chainToRoot: fc.boolean(),
    exposure: fc.constantFrom('podIP', 'loadBalancer', 'gateway'),
    style: fc.record({ indent: fc.constantFrom(2, 4), flowLists: fc.boolean(), comment: fc.boolean() }),
  })
  .chain((top) => {
    const count = top.names.length;
    const primaryIndex = top.primaryAt % count;
    const remoteIndexes = top.names.map((_, i) => i).filter((i) => i !== primaryIndex);
    return fc
      .record({
        nets: networks(count),
        pilotHost: fc.integer({ min: 2, max: 250 }),
        primaryContext: fc.option(fc.constantFrom('primary', 'gke_project_zone_primary', 'admin@primary'), { nil: undefined }),
        pilotByName: fc.boolean(),
        telemetry: fc.boolean(),
        zipkin: fc.boolean(),
        statsd: fc.constantFrom('off', 'on', 'onWithPort'),
        lbRequestsIps: fc.boolean(),
        lbAnnotations: fc.option(annotations, { nil: undefined }),
        gatewaySelector: fc.option(labels, { nil: undefined }),
        remotes: fc.array(
          fc.record({
            sidecarInjectorWebhook: fc.option(fc.boolean(), { nil: undefined }),
            injectionNamespaces: fc.uniqueArray(namespaceName, { maxLength: 2 }),
            selectorless: fc.boolean(),
            context: fc.option(fc.constantFrom('ctx-a', 'gke_project_zone_name', 'arn:aws:eks:eu-west-1:1:cluster/x'), { nil: undefined }),
            customKubeconfig: fc.boolean(),
            writeKubeconfig: fc.boolean(),
          }),
          { minLength: count - 1, maxLength: count - 1 },
        ),
        remoteValues: fc.array(fc.boolean(), { minLength: count - 1, maxLength: count - 1 }),
      })
      .chain((mid) => {
        const cidrs = mid.nets.flatMap((n) => [n.podCIDR, n.serviceCIDR]);
        return fc
          .record({
            services: fc.uniqueArray(service(top.names, top.namespace), { maxLength: 3, selector: (s) => `${s.namespace}/${s.name}` }),
            values: fc.array(values(cidrs), { minLength: count - 1, maxLength: count - 1 }),
          })
          .map((late) => assemble(top, primaryIndex, remoteIndexes, mid, late));
      });
  });

function assemble(top: any, primaryIndex: number, remoteIndexes: number[], mid: any, late: any): FuzzTopology {
  const sharedCa = top.security !== 'none';
  const controlPlaneSecurity = top.security === 'controlPlane' || top.security === 'both';
  const primaryNet: Network = mid.nets[primaryIndex];
  const pilotIp = primaryNet.podIP(mid.pilotHost);

  const controlPlane: Record<string, any> = { exposure: top.exposure };
  let pilotIsIp = true;
  if (top.exposure === 'podIP') {
    Object.assign(controlPlane, { pilot: pilotIp, policy: primaryNet.podIP(mid.pilotHost + 1) });
    if (mid.telemetry) controlPlane.telemetry = primaryNet.podIP(mid.pilotHost + 2);
    if (mid.zipkin) controlPlane.zipkin = primaryNet.podIP(mid.pilotHost + 3);
  } else if (top.exposure === 'loadBalancer') {
    pilotIsIp = !mid.pilotByName;
    if (mid.lbRequestsIps) {
      controlPlane.loadBalancer = {
        pilot: { loadBalancerIP: '192.0.2.10', ...(mid.lbAnnotations && { annotations: mid.lbAnnotations }) },
        policy: { loadBalancerIP: '192.0.2.11' },
        telemetry: { loadBalancerIP: '192.0.2.12' },
      };
      if (mid.pilotByName) controlPlane.pilot = 'pilot.mesh.example.com';
      else delete controlPlane.pilot;
    } else {
      Object.assign(controlPlane, {
        pilot: mid.pilotByName ? 'pilot.mesh.example.com' : '192.0.2.10',
        policy: 'policy.mesh.example.com',
        telemetry: '192.0.2.12',
        ...(mid.lbAnnotations && { loadBalancer: { pilot: { annotations: mid.lbAnnotations } } }),
      });
    }
    if (mid.zipkin) controlPlane.zipkin = 'zipkin.mesh.example.com';
  } else {
    controlPlane.gateway = { address: '192.0.2.1', ...(mid.gatewaySelector && { selector: mid.gatewaySelector }) };
  }
  if (mid.statsd !== 'off') {
    controlPlane.statsd = { enabled: true, host: top.exposure === 'podIP' ? primaryNet.podIP(mid.pilotHost + 4) : '192.0.2.15', ...(mid.statsd === 'onWithPort' && { port: 9125 }) };
  }

  const clusters = top.names.map((name: string, i: number) => {
    const net: Network = mid.nets[i];
    const common: Record<string, any> = {
      name,
      role: i === primaryIndex ? 'primary' : 'remote',
      podCIDR: net.podCIDR,
      serviceCIDR: net.serviceCIDR,
      apiServer: `https://${name}.k8s.example.com:${6443 + i}`,
    };
    if (sharedCa) {
      common.cacerts = { caCert: FUZZ_PKI.caCert(i), caKey: FUZZ_PKI.caKey(i), certChain: top.chainToRoot ? FUZZ_PKI.chainToRoot(i) : FUZZ_PKI.chainShort(i) };
    }
    if (i === primaryIndex) {
      return dropUndefined({ ...common, context: mid.primaryContext });
    }
    const r = remoteIndexes.indexOf(i);
    const remote = mid.remotes[r];
    // Sidecars dial Pilot by name under control-plane security; a remote given Pilot's IP resolves it through the selector-less Service.
    const selectorless = top.exposure === 'gateway' ? false : pilotIsIp ? controlPlaneSecurity || remote.selectorless : false;
    const namespaces = remote.injectionNamespaces.filter((ns: string) => ns !== top.namespace);
    const valueBlock = late.values[r];
    return dropUndefined({
      ...common,
      context: remote.context,
      sidecarInjectorWebhook: remote.sidecarInjectorWebhook,
      ...(namespaces.length > 0 && { injectionNamespaces: namespaces }),
      ...(selectorless && { pilotSelectorlessService: true }),
      ...(remote.customKubeconfig && { kubeconfig: `secrets/multi/${name}.yaml` }),
      ...(mid.remoteValues[r] && Object.keys(valueBlock).length > 0 && { values: valueBlock }),
    });
  });

  const data: Record<string, any> = {
    istio: {
      namespace: top.namespace,
      hub: top.hub,
      tag: top.tag,
      controlPlaneSecurityEnabled: controlPlaneSecurity,
      mtlsEnabled: top.security === 'mtls' || top.security === 'both',
      ca: sharedCa ? { selfSigned: false, rootCert: FUZZ_PKI.rootCert } : { selfSigned: true },
    },
    controlPlane,
    clusters,
    ...(late.services.length > 0 && { services: late.services }),
  };
  const kubeconfigFor = remoteIndexes.filter((i) => mid.remotes[remoteIndexes.indexOf(i)].writeKubeconfig);
  return { data, kubeconfigFor, style: top.style };
}

function dropUndefined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
