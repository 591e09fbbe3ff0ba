import type { Finding } from './finding';
import { cidrsOverlap, isIpAddress, parseCidr, type Cidr } from './net';
import type { MeshTopology } from './schema';

/**
 * Rules that relate fields to each other, run once the shape is valid.
 * Each finding points at the value that has to change.
 */
export function checkTopologyRules(topology: MeshTopology): Finding[] {
  return [
    ...uniqueClusterNames(topology),
    ...oneControlPlane(topology),
    ...disjointNetworks(topology),
    ...selectorlessPilotNeedsIp(topology),
    ...injectionNamespaces(topology),
  ];
}

function uniqueClusterNames(topology: MeshTopology): Finding[] {
  const first = new Map<string, number>();
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    const earlier = first.get(cluster.name);
    if (earlier === undefined) {
      first.set(cluster.name, i);
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

function oneControlPlane(topology: MeshTopology): Finding[] {
  const primaries = topology.clusters.flatMap((c, i) => (c.role === 'primary' ? [i] : []));
  const findings: Finding[] = [];
  if (primaries.length === 0) {
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
  if (!topology.clusters.some((c) => c.role === 'remote')) {
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
function disjointNetworks(topology: MeshTopology): Finding[] {
  const seen: { cidr: Cidr; where: string }[] = [];
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    for (const field of ['podCIDR', 'serviceCIDR'] as const) {
      const cidr = parseCidr(cluster[field]);
      if (!cidr) {
        continue;
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) {
        findings.push({
          path: ['clusters', i, field],
          value: cluster[field],
          problem: `overlaps ${clash.where} ${clash.cidr.text}`,
          allowed: 'a pod or service network that no other network of the mesh overlaps',
          hint: 'every pod and service CIDR must be unique across the mesh for the flat network to route them; pick a free range',
        });
      }
      seen.push({ cidr, where: `clusters[${i}].${field} (${cluster.name})` });
    }
  });
  return findings;
}

function selectorlessPilotNeedsIp(topology: MeshTopology): Finding[] {
  const pilot = topology.controlPlane.pilot;
  if (pilot === undefined || isIpAddress(pilot) || topology.controlPlane.exposure === 'gateway') {
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

function injectionNamespaces(topology: MeshTopology): Finding[] {
  const findings: Finding[] = [];
  topology.clusters.forEach((cluster, i) => {
    if (cluster.role !== 'remote') {
      return;
    }
    const seen = new Set<string>();
    cluster.injectionNamespaces.forEach((namespace, j) => {
      const path = ['clusters', i, 'injectionNamespaces', j];
      if (namespace === topology.istio.namespace) {
        findings.push({
          path,
          value: namespace,
          problem: 'is the control-plane namespace',
          allowed: 'application namespaces',
          hint: 'the control plane must not get sidecars: remove it from the list',
        });
      } else if (seen.has(namespace)) {
        findings.push({ path, value: namespace, problem: 'is listed twice', allowed: 'each namespace once', hint: 'remove the repeat' });
      }
      seen.add(namespace);
    });
  });
  return findings;
}
