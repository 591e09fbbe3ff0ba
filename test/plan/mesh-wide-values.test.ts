import { parse } from 'yaml';
import { buildMesh } from '../../charts/mesh';
import { chartObjects } from '../../output/render';
import type { MeshInputs } from '../../plan/mesh-inputs';
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

const NO_INPUTS: MeshInputs = { kubeconfigs: new Map(), caBundles: new Map() };

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

describe("the primary's mesh config and each remote's", () => {
  /** `data.mesh` of ConfigMap `istio` in each cluster's apply chart, parsed. */
  function meshConfigs(topology: MeshTopology): Map<string, Record<string, any>> {
    return new Map(
      buildMesh(topology, NO_INPUTS).map((set) => {
        const config = chartObjects(set.apply).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio') as { data: { mesh: string } } | undefined;
        return [set.cluster, parse(config?.data.mesh ?? '{}')];
      }),
    );
  }
  const port = (address: string | undefined) => address?.split(':').pop();

  // (Mixer's port is not compared: the istio-remote chart always dials 15004, which Mixer serves beside 9091.)
  it.each(Object.keys(MESHES))('agree on the control-plane auth policy, the Pilot port and tracing with %s', (name) => {
    // GIVEN
    const topology = MESHES[name]();

    // WHEN
    const [[, primary], ...remotes] = [...meshConfigs(topology)];

    // THEN each remote's sidecars speak to the primary's control plane as the primary's own do
    expect(primary.defaultConfig.controlPlaneAuthPolicy).toMatch(/^(NONE|MUTUAL_TLS)$/);
    for (const [, remote] of remotes) {
      expect(remote.defaultConfig.controlPlaneAuthPolicy).toBe(primary.defaultConfig.controlPlaneAuthPolicy);
      expect(port(remote.defaultConfig.discoveryAddress)).toBe(port(primary.defaultConfig.discoveryAddress));
      // spans leave a remote only for the primary's Jaeger (or a collector the user names)
      expect(remote.defaultConfig.zipkinAddress !== undefined).toBe(topology.istio.tracingEnabled || topology.controlPlane.zipkin !== undefined);
      expect(remote.enableTracing ?? primary.enableTracing).toBe(primary.enableTracing);
    }
  });
});
