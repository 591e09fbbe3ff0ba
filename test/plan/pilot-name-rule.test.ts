import { remoteControlPlaneAddresses } from '../../plan/control-plane-addresses';
import { checkPilotName } from '../../plan/pilot-name-rule';
import type { MeshTopology } from '../../topology/schema';
import { secureTopology } from '../support/secure-topology';

function namesPilot(topology: MeshTopology) {
  return checkPilotName(topology, remoteControlPlaneAddresses(topology));
}

describe('checkPilotName', () => {
  it('fails when control-plane security is on and a remote reaches Pilot by IP without the selector-less Service', () => {
    const topology = secureTopology((t) => {
      t.clusters[2].pilotSelectorlessService = false;
    });

    const findings = namesPilot(topology);

    expect(findings).toEqual([
      expect.objectContaining({ path: ['clusters', 2, 'pilotSelectorlessService'], value: false }),
    ]);
    expect(findings[0].problem).toMatch(/istio-pilot\.istio-system/);
    expect(findings[0].hint).toBe(
      'set pilotSelectorlessService: true on cluster "remote-west", so istio-pilot.istio-system resolves to 10.8.0.12 there',
    );
  });

  it("fails when control-plane security is on and a remote reaches Pilot at its load balancer's IP without the selector-less Service", () => {
    // GIVEN loadBalancer exposure where Pilot's address is only the requested loadBalancerIP
    const topology = secureTopology((t) => {
      t.controlPlane = { exposure: 'loadBalancer', loadBalancer: { pilot: { loadBalancerIP: '10.8.0.40' } } };
      t.clusters[1].pilotSelectorlessService = false;
    });

    // WHEN
    const findings = namesPilot(topology);

    // THEN the remote is told to resolve istio-pilot to that IP
    expect(findings).toEqual([expect.objectContaining({ path: ['clusters', 1, 'pilotSelectorlessService'], value: false })]);
    expect(findings[0].problem).toMatch(/the remotes reach Pilot at the IP 10\.8\.0\.40\)$/);
    expect(findings[0].hint).toBe(
      'set pilotSelectorlessService: true on cluster "remote-east", so istio-pilot.istio-system resolves to 10.8.0.40 there',
    );
  });

  it('does not ask for the selector-less Service when the remotes reach Pilot through the gateway', () => {
    const topology = secureTopology((t) => {
      t.controlPlane = { exposure: 'gateway', pilot: '10.8.0.12', gateway: { address: '10.8.0.50' } };
      t.clusters.slice(1).forEach((c) => (c.pilotSelectorlessService = false));
    });

    expect(namesPilot(topology)).toEqual([]);
  });

  it('does not ask for the selector-less Service when Pilot has a host name, or control-plane security is off', () => {
    const byName = secureTopology((t) => {
      t.controlPlane = { exposure: 'loadBalancer', pilot: 'istio-pilot.mesh.example.com' };
      t.clusters.slice(1).forEach((c) => (c.pilotSelectorlessService = false));
    });
    const insecurePlane = secureTopology((t) => {
      t.istio.controlPlaneSecurityEnabled = false;
      t.clusters.slice(1).forEach((c) => (c.pilotSelectorlessService = false));
    });

    expect(namesPilot(byName)).toEqual([]);
    expect(namesPilot(insecurePlane)).toEqual([]);
  });
});
