import { meshFlowchart, MERMAID_LIMITS, type FlowchartRemote } from '../../output/overview-flowchart';
import type { DialedAddress } from '../../output/overview-facts';

const DIALS: DialedAddress[] = [
  { component: 'pilot', configured: 'istio-pilot.istio-system:15007', reaches: '10.8.0.12:15007' },
  { component: 'policy', configured: '10.8.0.13:15004', reaches: '10.8.0.13:15004' },
  { component: 'telemetry', configured: '10.8.0.14:15004', reaches: '10.8.0.14:15004' },
  { component: 'zipkin', configured: '10.8.0.16:9411', reaches: '10.8.0.16:9411' },
];

const remotes = (count: number, secret: (i: number) => boolean = () => false, dials: (i: number) => DialedAddress[] = () => DIALS): FlowchartRemote[] =>
  Array.from({ length: count }, (_, i) => ({ name: `remote-${i}`, dials: dials(i), secretOnPrimary: secret(i) }));

/** Edges as Mermaid counts them: one per arrow. */
const arrows = (text: string) => text.split('\n').filter((l) => /-->|-\.->/.test(l)).length;

describe('meshFlowchart', () => {
  it('draws each remote with a labelled edge per address it dials, and a dashed edge from Pilot when the primary holds its Secret', () => {
    // GIVEN two remotes, one whose Secret is on the primary
    const chart = meshFlowchart({ primary: 'primary', exposure: 'podIP', caShared: true, remotes: remotes(2, (i) => i === 0) });
    // THEN
    expect(chart.text).toMatchSnapshot();
    expect(chart.text.startsWith('flowchart LR\n')).toBe(true);
    expect(chart.text).toContain('  r0n -->|"10.8.0.12:15007"| pilot\n');
    expect(chart.text).toContain('  pilot -.->|"reads the API server"| r0n\n');
    expect(chart.text).not.toContain('| r1n');
    expect(chart.text).toContain('CA: one shared root');
    expect(chart.edges).toBe(9);
    expect(arrows(chart.text)).toBe(chart.edges);
    expect(chart.note).toBeUndefined();
  });

  it('groups remotes that dial the same addresses when one box each would pass the limits, and says so', () => {
    // GIVEN 1000 remotes, a third with their Secret on the primary
    const chart = meshFlowchart({ primary: 'primary', exposure: 'podIP', caShared: false, remotes: remotes(1000, (i) => i % 3 === 0) });
    // THEN the chart stays within Mermaid's defaults, in two boxes
    expect(chart.text.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    expect(chart.edges).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    expect(arrows(chart.text)).toBe(chart.edges);
    expect(chart.text).toContain('subgraph r0["334 remotes"]');
    expect(chart.text).toContain('remote-0, remote-3, remote-6, remote-9, remote-12 and 329 more<br/>sidecars<br/>istio-multi Secret on the primary');
    expect(chart.text).toContain('subgraph r1["666 remotes"]');
    expect(chart.text).toContain('remote-1, remote-2, remote-4, remote-5, remote-7 and 661 more');
    expect(chart.note).toMatch(/^Mermaid draws at most 50,000 characters and 500 edges, too few for 1000 remotes one by one: remotes that dial the same addresses .* share one box \(2 boxes\)/);
  });

  it('draws the largest groups and counts the rest when even the groups pass the limits', () => {
    // GIVEN 1000 remotes that each dial their own Pilot address (chart values overriding it per remote)
    const own = (i: number): DialedAddress[] => [{ component: 'pilot', configured: `10.9.${i >> 8}.${i & 255}:15007`, reaches: `10.9.${i >> 8}.${i & 255}:15007` }];
    const chart = meshFlowchart({ primary: 'primary', exposure: 'podIP', caShared: false, remotes: remotes(1000, () => false, own) });
    // THEN it still fits, and counts what it did not draw
    expect(chart.text.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    expect(chart.edges).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    const drawn = Number(/the (\d+) largest groups are drawn/.exec(chart.note ?? '')?.[1]);
    expect(drawn).toBeGreaterThan(100);
    expect(chart.text).toContain(`subgraph rest["${1000 - drawn} more remotes"]`);
  });

  it('is deterministic', () => {
    const input = { primary: 'primary', exposure: 'gateway', caShared: false, remotes: remotes(700, (i) => i % 2 === 0) };
    expect(meshFlowchart(input)).toEqual(meshFlowchart(input));
  });

  it('keeps a quote from ending a label', () => {
    const chart = meshFlowchart({ primary: 'pri"mary', exposure: 'podIP', caShared: false, remotes: [] });
    expect(chart.text).toContain('subgraph primary["pri#quot;mary (primary)');
  });
});
