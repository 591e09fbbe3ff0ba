import { CONTROL_PLANE_SECRETS } from '../istio/control-plane-secrets';
import type { Finding } from '../lib/finding';
import { cidrsOverlap, isDnsName, parseCidr, type Cidr } from '../lib/net';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { FirstSeen } from '../lib/first-seen';

/**
 * Rules that relate fields to each other. They read the document as written,
 * taking each field only where it has the right type, so that they run even
 * when another part of the file is invalid: one synth reports every error.
 * Each finding points at the value that has to change.
 */
export function checkTopologyRules(document: unknown): Finding[] {
  const topology = ruleView(document);
  return [
    ...uniqueClusterNames(topology),
    ...remoteSecretNames(topology),
    ...oneControlPlane(topology),
    ...disjointNetworks(topology),
    ...selectorlessPilotNeedsIp(topology),
    ...injectionNamespaces(topology),
  ];
}

/** The fields the rules read, each present only when well typed; defaults as the schema applies them. */
interface RuleView {
  readonly namespace: string;
  readonly exposure: unknown;
  readonly pilot?: string;
  readonly clusters: readonly {
    readonly name?: string;
    readonly role?: string;
    readonly podCIDR?: string;
    readonly serviceCIDR?: string;
    readonly pilotSelectorlessService: boolean;
    readonly injectionNamespaces: readonly unknown[];
  }[];
}

function ruleView(document: unknown): RuleView {
  const root = record(document);
  const istio = record(root.istio);
  const controlPlane = record(root.controlPlane);
  const clusters = Array.isArray(root.clusters) ? root.clusters : [];
  return {
    namespace: text(istio.namespace) ?? DEFAULT_ISTIO_NAMESPACE,
    exposure: controlPlane.exposure ?? 'podIP',
    pilot: text(controlPlane.pilot),
    clusters: clusters.map((entry) => {
      const cluster = record(entry);
      return {
        name: text(cluster.name),
        role: text(cluster.role),
        podCIDR: text(cluster.podCIDR),
        serviceCIDR: text(cluster.serviceCIDR),
        pilotSelectorlessService: cluster.pilotSelectorlessService === true,
        injectionNamespaces: Array.isArray(cluster.injectionNamespaces) ? cluster.injectionNamespaces : [],
      };
    }),
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function uniqueClusterNames(topology: RuleView): Finding[] {
  const names = new FirstSeen<number>();
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    const earlier = cluster.name === undefined ? undefined : names.earlier(cluster.name, i);
    if (earlier === undefined) {
      return;
    }
    findings.push({
      path: ['clusters', i, 'name'],
      value: cluster.name,
      problem: `is already the name of clusters[${earlier}]`,
      allowed: 'a name used by one cluster only',
      hint: 'cluster names become dist/ folders and Secret names on the primary: rename one of them',
    });
  });
  return findings;
}

/**
 * A remote's kubeconfig Secret on the primary is named after the remote, in
 * the control-plane namespace: a remote named like a Secret the control plane
 * keeps there would replace that Secret when dist-secrets/ is applied. (Two
 * remotes of one name, the other way two Secrets collide, uniqueClusterNames
 * reports.)
 */
function remoteSecretNames(topology: RuleView): Finding[] {
  return topology.clusters.flatMap((cluster, i) => {
    const owner = cluster.role === 'remote' && cluster.name !== undefined && Object.hasOwn(CONTROL_PLANE_SECRETS, cluster.name) ? CONTROL_PLANE_SECRETS[cluster.name] : undefined;
    if (owner === undefined) {
      return [];
    }
    return [
      {
        path: ['clusters', i, 'name'],
        value: cluster.name,
        problem: `names this remote's kubeconfig Secret on the primary, Secret ${topology.namespace}/${cluster.name}, which is already ${owner}: applying one would replace the other`,
        allowed: `a name that is not one of the control plane's Secrets (${Object.keys(CONTROL_PLANE_SECRETS).join(', ')})`,
        hint: `rename the cluster, for example ${JSON.stringify(`remote-${cluster.name}`)}`,
      },
    ];
  });
}

function oneControlPlane(topology: RuleView): Finding[] {
  const primaries = topology.clusters.flatMap((c, i) => (c.role === 'primary' ? [i] : []));
  // A cluster whose role is misspelled or missing may be the one that is "missing":
  // the schema reports that role, and counting here would only repeat it.
  const rolesKnown = topology.clusters.every((c) => c.role === 'primary' || c.role === 'remote');
  const findings: Finding[] = [];
  if (primaries.length === 0 && rolesKnown) {
    findings.push({
      path: ['clusters'],
      problem: 'has no cluster with role primary',
      allowed: 'exactly one primary',
      hint: 'set `role: primary` on the cluster that runs the Istio control plane',
    });
  }
  for (const i of primaries.slice(1)) {
    findings.push({
      path: ['clusters', i, 'role'],
      value: 'primary',
      problem: `makes a second primary, after clusters[${primaries[0]}]`,
      allowed: 'exactly one primary',
      hint: 'one control plane serves the mesh: set `role: remote` here',
    });
  }
  if (rolesKnown && !topology.clusters.some((c) => c.role === 'remote')) {
    findings.push({
      path: ['clusters'],
      problem: 'has no cluster with role remote',
      allowed: 'at least one remote',
      hint: 'add the clusters that join the mesh, each with `role: remote`',
    });
  }
  return findings;
}

/** Istio's VPN model routes pod and service IPs across clusters, so no two networks may overlap. */
function disjointNetworks(topology: RuleView): Finding[] {
  const seen: { cidr: Cidr; where: string }[] = [];
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    for (const field of ['podCIDR', 'serviceCIDR'] as const) {
      const written = cluster[field];
      const cidr = written === undefined ? undefined : parseCidr(written);
      if (!cidr) {
        continue;
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) {
        findings.push({
          path: ['clusters', i, field],
          value: written,
          problem: `overlaps ${clash.where} ${clash.cidr.text}`,
          allowed: 'a pod or service network that no other network of the mesh overlaps',
          hint: 'every pod and service CIDR must be unique across the mesh for the flat network to route them; pick a free range',
        });
      }
      seen.push({ cidr, where: `clusters[${i}].${field}${cluster.name === undefined ? '' : ` (${cluster.name})`}` });
    }
  });
  return findings;
}

function selectorlessPilotNeedsIp(topology: RuleView): Finding[] {
  const pilot = topology.pilot;
  // Only a valid host name: anything else is not an address at all, which the schema reports.
  if (pilot === undefined || !isDnsName(pilot) || topology.exposure === 'gateway') {
    return [];
  }
  return topology.clusters.flatMap((cluster, i) =>
    cluster.role === 'remote' && cluster.pilotSelectorlessService
      ? [
          {
            path: ['clusters', i, 'pilotSelectorlessService'],
            value: true,
            problem: `asks for istio-pilot Endpoints, but controlPlane.pilot is the host name "${pilot}"`,
            allowed: 'controlPlane.pilot as an IP address when pilotSelectorlessService is true',
            hint: 'Endpoints hold IP addresses only and the API server rejects a host name: set controlPlane.pilot to Pilot\'s IP, or set this to false',
          },
        ]
      : [],
  );
}

function injectionNamespaces(topology: RuleView): Finding[] {
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    if (cluster.role !== 'remote') {
      return;
    }
    const seen = new Set<unknown>();
    cluster.injectionNamespaces.forEach((namespace, j) => {
      const path = ['clusters', i, 'injectionNamespaces', j];
      if (namespace === topology.namespace) {
        findings.push({
          path,
          value: namespace,
          problem: "is the control-plane namespace, and the injection webhook's failurePolicy is Fail: the injector could not start once it is down",
          allowed: 'application namespaces',
          hint: 'the control plane must not get sidecars: remove it from the list',
        });
      } else if (typeof namespace === 'string' && namespace.startsWith('kube-')) {
        // The injector's webhook has failurePolicy Fail: while it is down, no
        // pod starts in a labelled namespace, and kube-system holds DNS and
        // the CNI the injector itself needs.
        findings.push({
          path,
          value: namespace,
          problem: "is one of Kubernetes' own namespaces, and the injection webhook's failurePolicy is Fail: while the injector is down, no pod would start there",
          allowed: "application namespaces; none starting with 'kube-'",
          hint: 'remove it from the list; the cluster\'s own pods must not depend on the mesh',
        });
      } else if (seen.has(namespace)) {
        findings.push({ path, value: namespace, problem: 'is listed twice', allowed: 'each namespace once', hint: 'remove the repeat' });
      }
      seen.add(namespace);
    });
  });
  return findings;
}
