import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMesh } from '../../charts/mesh';
import type { MeshInputs } from '../../plan/mesh-inputs';
import { meshOverview, OVERVIEW_FILE } from '../../output/mesh-overview';
import { MERMAID_LIMITS } from '../../output/overview-flowchart';
import { clusterFactsOf } from '../../output/overview-facts';
import { parseTopology } from '../../topology/load';
import { meshTopologySchema, type MeshTopology } from '../../topology/schema';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { secureTopology } from '../support/secure-topology';

const EXAMPLE = parseTopology(readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8'), 'mesh.yaml').topology;
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: istio-multi\n  user:\n    token: s3cr3t-t0ken-value\n';

function overview(topology: MeshTopology, inputs: MeshInputs = { kubeconfigs: new Map(), caBundles: new Map() }): string {
  const charts = buildMesh(topology, inputs);
  return meshOverview({ topology, kubeconfigs: new Set(inputs.kubeconfigs.keys()), facts: charts.map((c) => clusterFactsOf(c, topology.istio.namespace)) });
}

/** The Mermaid source inside the overview's one mermaid block. */
function mermaidOf(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!match) {
    throw new Error('no mermaid block');
  }
  return match[1];
}

describe('meshOverview', () => {
  it('describes the example mesh: flowchart, cluster table and security settings', () => {
    const markdown = overview(EXAMPLE);
    expect(markdown).toMatchSnapshot();
    expect(mermaidOf(markdown)).toMatch(/^flowchart LR\n/);
    expect(markdown).toContain(
      '| remote-east | remote | 10.9.0.0/16 | 10.97.0.0/16 | https://remote-east.k8s.example.com:6443 | bookinfo | on | yes, 10.8.0.12:15007 | no |',
    );
    expect(markdown).toContain('| remote-west | remote | 10.10.0.0/16 | 10.98.0.0/16 | https://remote-west.k8s.example.com:6443 | — | off | no | no |');
    expect(markdown).toContain("| certificate authority (`istio.ca`) | each cluster's Citadel signs with its own self-signed root: no trust across clusters |");
  });

  it('marks the remotes whose istio-multi Secret the primary holds, and the shared CA, without any secret in it', () => {
    // GIVEN a shared CA and a kubeconfig for remote-east only
    const topology = secureTopology();
    const markdown = overview(topology, { kubeconfigs: new Map([['remote-east', KUBECONFIG]]), caBundles: new Map() });
    // THEN
    expect(markdown).toMatch(/\| remote-east \| remote \|.*\| yes \| [^|]+ \| \d+ \|/);
    expect(markdown).toMatch(/\| remote-west \| remote \|.*\| no \| [^|]+ \| \d+ \|/);
    expect(mermaidOf(markdown)).toContain('pilot -.->|"reads the API server"| r0n');
    expect(mermaidOf(markdown)).not.toContain('| r1n\n');
    expect(markdown).toContain('CA: one shared root');
    expect(markdown).toContain('| clusters with `cacerts` from the topology | primary, remote-east, remote-west |');
    expect(markdown).toContain('| remotes whose `istio-multi` Secret the primary holds | 1 of 2 |');
    expect(markdown).not.toContain('s3cr3t');
    expect(markdown).not.toMatch(/token|PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it("shows gateway exposure's addresses: the gateway, and telemetry's own gateway port", () => {
    const markdown = overview(exposureTopology(CONTROL_PLANES.gateway));
    expect(mermaidOf(markdown)).toContain('r0n -->|"10.0.2.1:25004"| telemetry');
    expect(markdown).toContain('exposure `gateway`');
  });

  it('is the same text for the same topology', () => {
    expect(overview(EXAMPLE)).toBe(overview(EXAMPLE));
  });

  it('stays within Mermaid\'s default limits for a generated mesh of 1000 remotes, and says it grouped them', () => {
    // GIVEN 1000 remotes, every other one with a selector-less Pilot and every third with its kubeconfig
    const topology = meshTopologySchema.parse({
      controlPlane: CONTROL_PLANES.podIP,
      clusters: [
        { name: 'primary', role: 'primary', podCIDR: '10.0.0.0/16', serviceCIDR: '10.1.0.0/16', apiServer: 'https://primary.example.com:6443' },
        ...Array.from({ length: 1000 }, (_, i) => ({
          name: `remote-${i + 1}`,
          role: 'remote',
          podCIDR: `100.${64 + (i >> 6)}.${(i & 63) * 4}.0/22`,
          serviceCIDR: `172.${16 + (i >> 8)}.${i & 255}.0/24`,
          apiServer: `https://remote-${i + 1}.example.com:6443`,
          pilotSelectorlessService: i % 2 === 0,
        })),
      ],
    });
    const kubeconfigs = new Map(topology.clusters.filter((_, i) => i > 0 && i % 3 === 0).map((c) => [c.name, KUBECONFIG]));
    // WHEN
    const markdown = overview(topology, { kubeconfigs, caBundles: new Map() });
    // THEN the chart fits both limits, every remote is in the table, and the grouping is said
    const mermaid = mermaidOf(markdown);
    expect(mermaid.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    expect(mermaid.split('\n').filter((l) => /-->|-\.->/.test(l)).length).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    expect(markdown).toMatch(/\n> Mermaid draws at most 50,000 characters and 500 edges, too few for 1000 remotes one by one: .*\(2 boxes\)/);
    expect(markdown.split('\n').filter((l) => /^\| remote-\d+ \| remote \|/.test(l))).toHaveLength(1000);
  });

  it('is named MESH.md, which kubectl apply -f passes over', () => {
    expect(OVERVIEW_FILE).toBe('MESH.md');
    expect(OVERVIEW_FILE).not.toMatch(/\.(json|ya?ml)$/);
  });
});
