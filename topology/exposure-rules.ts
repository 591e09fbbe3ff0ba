import { isIP } from 'node:net';
import { CONTROL_PLANE_SERVICES, ControlPlaneComponent, ISTIO_OWNED_SERVICE_NAMES } from '../istio/control-plane-services';
import { Finding } from '../lib/finding';
import { cidrsOverlap, isIpAddress, parseCidr } from '../lib/net';
import { remotesOf } from './remotes';
import { MeshTopology } from './schema';
import { FirstSeen } from '../lib/first-seen';

/**
 * Rules that relate the control-plane exposure mode to the rest of the
 * topology, and the mesh services to the clusters and to the control plane.
 * The schema has already checked each field on its own.
 */
export function checkExposure(topology: MeshTopology): Finding[] {
  return [...checkAddresses(topology), ...checkStatsd(topology), ...checkUnusedSettings(topology), ...checkServices(topology)];
}

const ADDRESSES: readonly ControlPlaneComponent[] = ['pilot', 'policy', 'telemetry', 'zipkin'];

/** What a remote goes without when it has no address for the component. */
const COMPONENT_ROLES: Record<ControlPlaneComponent, string> = {
  pilot: 'service discovery',
  policy: 'Mixer policy checks',
  telemetry: 'Mixer telemetry',
  zipkin: 'tracing',
};

/** The name ControlPlaneLoadBalancers gives the component's LoadBalancer Service, for the kubectl hint. */
function loadBalancerServiceName(component: ControlPlaneComponent): string {
  const service = CONTROL_PLANE_SERVICES.find((s) => s.component === component);
  return `${service?.name ?? component}-lb`;
}

function checkAddresses(topology: MeshTopology): Finding[] {
  const cp = topology.controlPlane;
  const findings: Finding[] = [];

  if (cp.exposure === 'gateway') {
    if (cp.gateway === undefined) {
      findings.push({
        path: ['controlPlane', 'gateway'],
        problem: 'is missing while controlPlane.exposure is gateway',
        allowed: 'a mapping with the address of the ingress gateway and, optionally, the selector of its pods',
        hint: 'add `gateway: {address: <gateway IP>}` under controlPlane, or choose another exposure',
      });
    } else if (!isIpAddress(cp.gateway.address)) {
      // The remotes reach the gateway through Endpoints objects, and an
      // Endpoints address is an IP by API definition (EndpointAddress.ip).
      findings.push({
        path: ['controlPlane', 'gateway', 'address'],
        value: cp.gateway.address,
        problem: 'is not an IP address; remotes reach the gateway through Endpoints, which hold IPs only',
        allowed: 'an IPv4 or IPv6 address',
        hint: 'write the IP the host name resolves to, for example the output of `dig +short <name>`',
      });
    }
    topology.clusters.forEach((cluster, i) => {
      if (cluster.role === 'remote' && cluster.pilotSelectorlessService) {
        findings.push({
          path: ['clusters', i, 'pilotSelectorlessService'],
          value: true,
          problem: 'is ignored while controlPlane.exposure is gateway: the remote gets its istio-pilot Service and Endpoints from the gateway setup',
          hint: 'remove it, or set it to false',
          severity: 'warning',
        });
      }
    });
    for (const component of ADDRESSES) {
      // Without the primary's tracing, controlPlane.zipkin is the user's own collector, dialled as written.
      const ownCollector = component === 'zipkin' && !topology.istio.tracingEnabled;
      if (cp[component] !== undefined && !ownCollector) {
        findings.push({
          path: ['controlPlane', component],
          value: cp[component],
          problem: `is ignored while controlPlane.exposure is gateway: remotes dial the Service name through the gateway`,
          hint: `remove controlPlane.${component}`,
          severity: 'warning',
        });
      }
    }
    return findings;
  }

  const lbIP = cp.exposure === 'loadBalancer' ? cp.loadBalancer?.pilot?.loadBalancerIP : undefined;
  if (cp.pilot === undefined && lbIP === undefined) {
    findings.push({
      path: ['controlPlane', 'pilot'],
      problem: `is missing; remotes need Pilot's address when controlPlane.exposure is ${cp.exposure}`,
      allowed: 'an IP address or a DNS name the remotes resolve',
      hint:
        cp.exposure === 'podIP'
          ? 'run `npm run --silent mesh -- discover --context <primary> --write` to fill in the pod IPs'
          : "write the address of the istio-pilot load balancer, or request one with controlPlane.loadBalancer.pilot.loadBalancerIP",
    });
  }
  if (cp.exposure === 'podIP') {
    findings.push(...missingMixerPodIps(topology), ...podIpsOutsidePrimary(topology));
  }
  if (cp.exposure === 'loadBalancer') {
    for (const component of ADDRESSES) {
      const requested = cp.loadBalancer?.[component]?.loadBalancerIP;
      // Pilot without an address is an error above. For Mixer and Zipkin the
      // istio-remote chart takes an empty address as "none": ControlPlaneLoadBalancers
      // still emits the LoadBalancer Service, but remotes would silently run
      // without policy checks, telemetry or tracing.
      // Without the primary's tracing there is no Zipkin to reach, and none to miss.
      const needed = component !== 'pilot' && (component !== 'zipkin' || topology.istio.tracingEnabled);
      if (needed && cp[component] === undefined && requested === undefined) {
        const lb = loadBalancerServiceName(component);
        findings.push({
          path: ['controlPlane', component],
          problem: `is missing while controlPlane.exposure is loadBalancer: ${lb} gets a load balancer, but the remotes get no address for it and run without ${COMPONENT_ROLES[component]}`,
          allowed: 'the address of the load balancer, as the remotes reach it',
          hint: `once the cloud assigns the load balancer's address (\`kubectl -n ${topology.istio.namespace} get svc ${lb}\`), write it to controlPlane.${component} and synth again`,
          severity: 'warning',
        });
      }
      if (requested !== undefined && cp[component] !== undefined && cp[component] !== requested) {
        findings.push({
          path: ['controlPlane', component],
          value: cp[component],
          problem: `differs from controlPlane.loadBalancer.${component}.loadBalancerIP ${JSON.stringify(requested)}; remotes dial this address`,
          hint: `remove controlPlane.${component} to use the load balancer IP, or make the two agree`,
          severity: 'warning',
        });
      }
    }
  }
  return findings;
}

/**
 * podIP exposure with no Mixer pod IP: the remote's mesh config then has no
 * mixerCheckServer (or mixerReportServer), the chart's rendering of an empty
 * address. Without telemetry the remote only loses reports, a warning; without
 * policy, while a remote keeps policy checks on (`disablePolicyChecks` false,
 * the chart's default), its sidecars are configured to check with a server
 * they are never told about, so the policies the mesh relies on are not
 * enforced there: an error.
 */
function missingMixerPodIps(topology: MeshTopology): Finding[] {
  const cp = topology.controlPlane;
  const findings: Finding[] = [];
  const discover = 'run `npm run --silent mesh -- discover --context <primary> --write` to fill in the pod IPs';
  const checking = remotesOf(topology).filter(({ cluster }) => cluster.values.global?.disablePolicyChecks !== true);
  if (cp.policy === undefined && checking.length > 0) {
    findings.push({
      path: ['controlPlane', 'policy'],
      problem: `is missing while controlPlane.exposure is podIP and ${checking.map(({ cluster }) => cluster.name).join(', ')} ${checking.length === 1 ? 'keeps' : 'keep'} policy checks on: the mesh config would have no mixerCheckServer, and policies would go unchecked there`,
      allowed: "istio-policy's pod IP, or global.disablePolicyChecks: true in the values of every remote",
      hint: discover,
    });
  }
  if (cp.telemetry === undefined) {
    findings.push({
      path: ['controlPlane', 'telemetry'],
      problem: 'is missing while controlPlane.exposure is podIP: the mesh config of every remote would have no mixerReportServer, so the remotes send no telemetry',
      allowed: "istio-telemetry's pod IP",
      hint: discover,
      severity: 'warning',
    });
  }
  if (topology.istio.tracingEnabled && cp.zipkin === undefined) {
    findings.push({
      path: ['controlPlane', 'zipkin'],
      problem: "is missing while istio.tracingEnabled is true and controlPlane.exposure is podIP: the primary runs Jaeger, but the remotes get no address for it and send no spans",
      allowed: "the pod IP of the primary's Jaeger (app=jaeger)",
      hint: discover,
      severity: 'warning',
    });
  }
  return findings;
}

/**
 * In podIP exposure the addresses are pods of the primary, so each lies in the
 * primary's pod CIDR; one outside it is most likely a typo or a pod IP from
 * another cluster, which remotes would dial in vain. A warning: some networks
 * route pod IPs from more than one range.
 */
function podIpsOutsidePrimary(topology: MeshTopology): Finding[] {
  const primary = topology.clusters.find((c) => c.role === 'primary');
  const network = primary === undefined ? undefined : parseCidr(primary.podCIDR);
  if (primary === undefined || network === undefined) {
    return [];
  }
  // Without the primary's tracing, controlPlane.zipkin is a collector of the user's own, anywhere.
  const primaryPods = ADDRESSES.filter((component) => component !== 'zipkin' || topology.istio.tracingEnabled);
  return primaryPods.flatMap((component): Finding[] => {
    const address = topology.controlPlane[component];
    const host = address !== undefined && isIpAddress(address) ? parseCidr(`${address}/${isIP(address) === 4 ? 32 : 128}`) : undefined;
    if (host === undefined || cidrsOverlap(host, network)) {
      return [];
    }
    return [
      {
        path: ['controlPlane', component],
        value: address,
        problem: `is outside the primary's pod network ${primary.podCIDR} (clusters[${topology.clusters.indexOf(primary)}].podCIDR), but controlPlane.exposure podIP takes it for a pod IP of the primary`,
        hint: 'run `npm run --silent mesh -- discover --context <primary> --write` to write the pod IPs, or correct the primary\'s podCIDR',
        severity: 'warning',
      },
    ];
  });
}

function checkStatsd(topology: MeshTopology): Finding[] {
  const statsd = topology.controlPlane.statsd;
  if (!statsd.enabled || statsd.host !== undefined) {
    return [];
  }
  // statsd is UDP: the ingress gateway and the TCP load balancers do not carry
  // it, so in every mode the remotes send to a host they reach directly.
  const gateway = topology.controlPlane.exposure === 'gateway';
  return [
    {
      path: ['controlPlane', 'statsd', 'host'],
      problem: gateway
        ? 'is missing while statsd is enabled; statsd is UDP and cannot pass the ingress gateway'
        : 'is missing while statsd is enabled',
      allowed: 'an IP address or a DNS name that the remotes reach directly over UDP',
      hint:
        topology.controlPlane.exposure === 'podIP'
          ? 'run `npm run --silent mesh -- discover --context <primary> --write`, or set statsd.enabled to false'
          : "write the address of istio-statsd-prom-bridge as the remotes reach it, or set statsd.enabled to false",
    },
  ];
}

function checkUnusedSettings(topology: MeshTopology): Finding[] {
  const cp = topology.controlPlane;
  const findings: Finding[] = [];
  if (cp.loadBalancer !== undefined && cp.exposure !== 'loadBalancer') {
    findings.push({
      path: ['controlPlane', 'loadBalancer'],
      problem: `is ignored while controlPlane.exposure is ${cp.exposure}: no LoadBalancer Services are emitted`,
      hint: 'set controlPlane.exposure to loadBalancer, or remove controlPlane.loadBalancer',
      severity: 'warning',
    });
  }
  if (cp.gateway !== undefined && cp.exposure !== 'gateway') {
    findings.push({
      path: ['controlPlane', 'gateway'],
      problem: `is ignored while controlPlane.exposure is ${cp.exposure}: no Gateway is emitted`,
      hint: 'set controlPlane.exposure to gateway, or remove controlPlane.gateway',
      severity: 'warning',
    });
  }
  return findings;
}

function checkServices(topology: MeshTopology): Finding[] {
  const findings: Finding[] = [];
  const clusterNames = new Set(topology.clusters.map((c) => c.name));
  const controlPlaneNamespace = topology.istio.namespace;
  const entries = new FirstSeen<number>();

  topology.services.forEach((service, i) => {
    // The whole control-plane namespace belongs to the Istio install: beyond
    // the Services we know of, its charts own the Namespace object itself and
    // later Istio releases add Services there. A mesh service has no business
    // in it, so any name there is refused rather than a list kept current.
    if (service.namespace === controlPlaneNamespace) {
      const owned = ISTIO_OWNED_SERVICE_NAMES.includes(service.name);
      findings.push({
        path: ['services', i, 'namespace'],
        value: service.namespace,
        problem: owned
          ? `is the control-plane namespace, and ${service.name} there is Istio's own Service`
          : 'is the control-plane namespace, which belongs to the Istio install',
        allowed: `any namespace but ${controlPlaneNamespace}`,
        hint: `move the service to the namespace its pods run in`,
      });
    }

    // `default/kubernetes` is the API server's own Service, kept by the API
    // server itself; applying ours would replace its ports and selector on
    // every cluster. The kube-* namespaces belong to Kubernetes (kube-system
    // holds DNS; kube-public and kube-node-lease are the cluster's own), and
    // every cluster's output also carries the service's Namespace, so
    // `kubectl delete -f dist/<cluster>/` would delete kube-system with it.
    if (service.namespace === 'default' && service.name === 'kubernetes') {
      findings.push({
        path: ['services', i, 'name'],
        value: service.name,
        problem: "in namespace default is the API server's own Service; ours would replace it on every cluster",
        allowed: 'any name but kubernetes in namespace default',
        hint: 'rename the service, or move it to the namespace its pods run in',
      });
    }
    if (service.namespace.startsWith('kube-')) {
      findings.push({
        path: ['services', i, 'namespace'],
        value: service.namespace,
        problem: 'is a namespace Kubernetes reserves for itself (kube-system, kube-public, kube-node-lease); the output would also carry it as a Namespace that deleting the output deletes',
        allowed: "any namespace not starting with 'kube-'",
        hint: 'move the service to the namespace its pods run in; the mesh must not define Services in the cluster\'s own namespaces',
      });
    }

    const first = entries.earlier(`${service.namespace}/${service.name}`, i);
    if (first !== undefined) {
      findings.push({
        path: ['services', i, 'name'],
        value: service.name,
        problem: `is already defined in namespace ${service.namespace} by services[${first}]`,
        allowed: 'one entry per name and namespace',
        hint: `merge the two entries, or rename one`,
      });
    }

    (service.clusters ?? []).forEach((cluster, k) => {
      if (!clusterNames.has(cluster)) {
        findings.push({
          path: ['services', i, 'clusters', k],
          value: cluster,
          problem: 'is not a cluster of the topology',
          allowed: [...clusterNames].sort().join(', '),
          hint: 'name a cluster from `clusters`, or remove it',
        });
      }
    });

    findings.push(...duplicatePorts(service.ports, i));

    // Kubernetes rejects a multi-port Service with an unnamed port
    // (ServiceSpec.ports: "All ports within a ServiceSpec must have unique names").
    if (service.ports.length > 1) {
      service.ports.forEach((port, k) => {
        if (port.name === undefined) {
          findings.push({
            path: ['services', i, 'ports', k, 'name'],
            problem: 'is missing; Kubernetes requires a name on every port of a Service with more than one',
            allowed: "a name whose prefix tells Istio the protocol: http-, grpc-, tcp-, ...",
            hint: `name it, for example "tcp-${port.port}"`,
          });
        }
      });
    }
  });
  return findings;
}

/**
 * The API server rejects a Service whose ports repeat a name or a
 * (port, protocol) pair (ServiceSpec.ports: "Duplicate value"); reported at
 * the second occurrence, the one to change.
 */
function duplicatePorts(ports: MeshTopology['services'][number]['ports'], service: number): Finding[] {
  const findings: Finding[] = [];
  const names = new FirstSeen<number>();
  const numbers = new FirstSeen<number>();
  ports.forEach((port, k) => {
    if (port.name !== undefined) {
      const first = names.earlier(port.name, k);
      if (first !== undefined) {
        findings.push({
          path: ['services', service, 'ports', k, 'name'],
          value: port.name,
          problem: `is already the name of ports[${first}]`,
          allowed: 'a name used once per service',
          hint: 'rename one of the two: every port of a Service needs its own name',
        });
      }
    }
    const first = numbers.earlier(`${port.port}/${port.protocol}`, k);
    if (first !== undefined) {
      findings.push({
        path: ['services', service, 'ports', k, 'port'],
        value: port.port,
        problem: `is already served over ${port.protocol} by ports[${first}]`,
        allowed: 'each port number once per protocol',
        hint: 'remove the duplicate, or give it another port number or protocol',
      });
    }
  });
  return findings;
}
