import type { Finding } from '../lib/finding';
import { isIpAddress } from '../lib/net';
import type { MeshTopology } from '../topology/schema';
import type { RemoteControlPlaneAddresses } from './control-plane-addresses';

/**
 * With control-plane security on, sidecars dial Pilot by the name
 * `istio-pilot.<namespace>` and check its certificate against it. A remote that
 * was given Pilot's IP must still resolve that name, which the selector-less
 * istio-pilot Service and Endpoints (`global.remotePilotCreateSvcEndpoint`) do.
 * Through the gateway the remotes already use the name, so the rule is moot.
 *
 * Pilot's address is the one the remotes are given, `addresses.pilot`: in
 * loadBalancer exposure it may be the requested loadBalancerIP rather than
 * controlPlane.pilot.
 */
export function checkPilotName(topology: MeshTopology, addresses: RemoteControlPlaneAddresses): Finding[] {
  const { istio, clusters } = topology;
  const { pilot, pilotByServiceName } = addresses;
  if (!istio.controlPlaneSecurityEnabled || pilotByServiceName || !isIpAddress(pilot)) {
    return [];
  }
  const findings: Finding[] = [];
  clusters.forEach((cluster, i) => {
    if (cluster.role === 'remote' && !cluster.pilotSelectorlessService) {
      findings.push({
        path: ['clusters', i, 'pilotSelectorlessService'],
        value: false,
        problem: `leaves remote ${JSON.stringify(cluster.name)} unable to resolve istio-pilot.${istio.namespace}, which sidecars must dial when istio.controlPlaneSecurityEnabled is true (Pilot's certificate is checked against that name, and the remotes reach Pilot at the IP ${pilot})`,
        allowed: 'true while istio.controlPlaneSecurityEnabled is true and the remotes reach Pilot by IP address',
        hint: `set pilotSelectorlessService: true on cluster ${JSON.stringify(cluster.name)}, so istio-pilot.${istio.namespace} resolves to ${pilot} there`,
      });
    }
  });
  return findings;
}
