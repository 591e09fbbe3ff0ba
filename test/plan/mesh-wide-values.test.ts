import { remoteControlPlaneAddresses } from '../../plan/control-plane-addresses';
import { MESH_WIDE_OWNED_VALUES } from '../../plan/mesh-wide-values';
import { primaryChartValues } from '../../plan/primary-values';
import { remoteChartValues } from '../../plan/remote-values';
import { valueAt } from '../../lib/value-at';
import { remotesOf } from '../../topology/remotes';
import type { MeshTopology, PrimaryClusterSpec } from '../../topology/schema';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { secureTopology } from '../support/secure-topology';

/** The primary's and each remote's merged chart values, as synth derives them. */
function clusterValues(topology: MeshTopology) {
  const primary = topology.clusters.find((c): c is PrimaryClusterSpec => c.role === 'primary')!;
  const addresses = remoteControlPlaneAddresses(topology);
  return {
    primary: primaryChartValues(topology, primary),
    remotes: remotesOf(topology).map(({ cluster }) => remoteChartValues(topology.istio, cluster, addresses)),
  };
}

const MESHES: Record<string, () => MeshTopology> = {
  'the defaults': () => exposureTopology(CONTROL_PLANES.podIP, { istio: {} }),
  'mTLS, control-plane security and a shared CA': () => secureTopology(),
  'a registry and tag of its own, in gateway exposure': () =>
    exposureTopology(CONTROL_PLANES.gateway, { istio: { hub: 'registry.example.com/istio', tag: '1.0.6', tracingEnabled: false } }),
};

describe('primary and remotes agree by construction', () => {
  it.each(Object.keys(MESHES))('on images, auth policy, mTLS and the CA with %s', (name) => {
    // GIVEN
    const { primary, remotes } = clusterValues(MESHES[name]());

    // THEN every mesh-wide value reads the same on the primary and on each remote
    const meshWide = (values: unknown) => MESH_WIDE_OWNED_VALUES.map(({ path }) => [path.join('.'), valueAt(values, path)]);
    expect(remotes.length).toBeGreaterThan(0);
    for (const remote of remotes) {
      expect(meshWide(remote)).toEqual(meshWide(primary));
    }
  });

  it.each(['podIP', 'loadBalancer', 'gateway'] as const)("sends the remotes' spans to Zipkin only when the primary's Jaeger or the user's own collector takes them, in %s exposure", (mode) => {
    // GIVEN the same mesh with the primary's tracing on, off, and off with a collector of the user's own
    const zipkin = mode === 'loadBalancer' ? { zipkin: undefined, loadBalancer: { zipkin: { loadBalancerIP: '10.0.1.16' } } } : {};
    const on = exposureTopology({ ...CONTROL_PLANES[mode], ...zipkin }, { istio: { tracingEnabled: true } });
    const off = exposureTopology({ ...CONTROL_PLANES[mode], ...zipkin, zipkin: undefined }, { istio: { tracingEnabled: false } });
    const own = exposureTopology({ ...CONTROL_PLANES[mode], zipkin: 'zipkin.example.com' }, { istio: { tracingEnabled: false } });

    // WHEN / THEN
    const remoteZipkin = (t: MeshTopology) => clusterValues(t).remotes.map((r) => r.global.remoteZipkinAddress);
    expect(clusterValues(on).primary.tracing.enabled).toBe(true);
    expect(remoteZipkin(on).every((address) => address !== '')).toBe(true);
    expect(clusterValues(off).primary.tracing.enabled).toBe(false);
    expect(remoteZipkin(off)).toEqual(['', '']);
    expect(remoteZipkin(own)).toEqual(['zipkin.example.com', 'zipkin.example.com']);
  });
});
