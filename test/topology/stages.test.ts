import { checkTopologyDocument } from '../../topology/stages';
import { secureTopology } from '../support/secure-topology';

describe('checkTopologyDocument', () => {
  it('gives the addressed check a valid topology, once', () => {
    // GIVEN a valid secure mesh
    const addressed = jest.fn(() => []);

    // WHEN every stage runs
    const { topology, findings } = checkTopologyDocument(secureTopology(), { addressed });

    // THEN the last stage saw the typed topology exactly once
    expect(findings).toEqual([]);
    expect(addressed).toHaveBeenCalledTimes(1);
    expect(addressed).toHaveBeenCalledWith(topology);
  });

  it("leaves the addressed check out while the exposure has errors, since Pilot's address is unknown", () => {
    // GIVEN podIP exposure with no Pilot address: the consistency stage reports it
    const document = secureTopology((t) => {
      t.controlPlane = { exposure: 'podIP', policy: '10.8.0.13', telemetry: '10.8.0.14' };
      t.clusters[1].pilotSelectorlessService = false;
    });
    const addressed = jest.fn(() => []);

    // WHEN
    const { findings } = checkTopologyDocument(document, { addressed });

    // THEN only the exposure error, and the address was never derived
    expect(findings.map((f) => f.path.join('.'))).toEqual(['controlPlane.pilot']);
    expect(addressed).not.toHaveBeenCalled();
  });

  it('reports a field error and a cross-cluster error of the same document together', () => {
    // GIVEN a bad hub and two clusters of one name
    const document = secureTopology((t) => {
      t.clusters[2].name = 'remote-east';
    });
    const broken = { ...document, istio: { ...document.istio, hub: 'Docker.io/Istio:1.0' } };

    // WHEN
    const { topology, findings } = checkTopologyDocument(broken, { addressed: () => [] });

    // THEN both stages speak, and no topology is accepted
    expect(topology).toBeUndefined();
    expect(findings.map((f) => f.path.join('.'))).toEqual(['istio.hub', 'clusters.2.name']);
  });

  it("stops after the cross-cluster rules in the 'document' scope", () => {
    // GIVEN statsd enabled without a host, which the consistency stage rejects
    const document = secureTopology((t) => {
      t.controlPlane = { exposure: 'podIP', pilot: '10.8.0.12', policy: '10.8.0.13', telemetry: '10.8.0.14', statsd: { enabled: true } };
    });

    // WHEN / THEN the document stages accept it
    expect(checkTopologyDocument(document, 'document').findings).toEqual([]);
    expect(checkTopologyDocument(document, { addressed: () => [] }).findings.map((f) => f.path.join('.'))).toEqual([
      'controlPlane.statsd.host',
    ]);
  });
});
