import type { ControlPlaneComponent } from '../istio/control-plane-services';
import type { DialedAddress } from './overview-facts';

/**
 * Mermaid's defaults (`maxTextSize`, `maxEdges`): past either, GitHub shows an
 * error instead of the chart, and a site cannot raise them for a README.
 */
export const MERMAID_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

export interface FlowchartRemote {
  readonly name: string;
  readonly dials: readonly DialedAddress[];
  /** The primary holds its istio-multi Secret: synth read its kubeconfig. */
  readonly secretOnPrimary: boolean;
}

export interface FlowchartInput {
  readonly primary: string;
  readonly exposure: string;
  /** One root shared by every cluster's Citadel (`istio.ca.selfSigned: false`). */
  readonly caShared: boolean;
  readonly remotes: readonly FlowchartRemote[];
}

export interface Flowchart {
  /** The Mermaid source, without the code fence. */
  readonly text: string;
  readonly edges: number;
  /** Set when the remotes had to be grouped to stay within the limits: says how. */
  readonly note?: string;
}

const COMPONENTS: readonly { readonly component: ControlPlaneComponent; readonly label: string }[] = [
  { component: 'pilot', label: 'Pilot' },
  { component: 'policy', label: 'Mixer policy' },
  { component: 'telemetry', label: 'Mixer telemetry' },
  { component: 'zipkin', label: 'Zipkin' },
];

/** Names listed in a group's box before the rest are counted. */
const NAMES_PER_GROUP = 5;

/** One box of remotes: a single remote, or remotes that dial the same addresses and agree on the Secret. */
interface Box {
  readonly members: readonly string[];
  readonly dials: readonly DialedAddress[];
  readonly secretOnPrimary: boolean;
}

/**
 * A `flowchart LR` of the mesh: the primary's control plane, each remote as a
 * subgraph, an edge per address a remote dials, labelled with where it leads,
 * and a dashed edge from Pilot to each remote whose istio-multi Secret the
 * primary holds (Pilot reads that remote's API server with it). Within
 * Mermaid's limits every remote is drawn; past them remotes that dial the same
 * addresses share one box; past that too, the largest boxes are drawn and the
 * rest are counted in one. Deterministic: boxes follow the topology's order.
 */
export function meshFlowchart(input: FlowchartInput, limits: { readonly maxTextSize: number; readonly maxEdges: number } = MERMAID_LIMITS): Flowchart {
  const fits = (chart: Flowchart) => chart.text.length <= limits.maxTextSize && chart.edges <= limits.maxEdges;
  const single = render(input, input.remotes.map((r) => ({ members: [r.name], dials: r.dials, secretOnPrimary: r.secretOnPrimary })));
  if (fits(single)) {
    return single;
  }
  const groups = groupRemotes(input.remotes);
  const why = `Mermaid draws at most ${limits.maxTextSize.toLocaleString('en-US')} characters and ${limits.maxEdges} edges, too few for ${input.remotes.length} remotes one by one`;
  const grouped = render(input, groups);
  if (fits(grouped)) {
    return { ...grouped, note: `${why}: remotes that dial the same addresses and agree on the istio-multi Secret share one box (${groups.length} boxes). The cluster table lists every remote.` };
  }
  // Largest boxes first, while they fit beside one box that counts the rest.
  const bySize = groups.map((box, order) => ({ box, order })).sort((a, b) => b.box.members.length - a.box.members.length || a.order - b.order);
  let drawn = 0;
  let best: Flowchart | undefined;
  for (let n = 1; n <= bySize.length; n += 1) {
    const chosen = bySize.slice(0, n).sort((a, b) => a.order - b.order).map((c) => c.box);
    const rest = bySize.slice(n).flatMap((c) => c.box.members);
    const chart = render(input, chosen, rest);
    if (!fits(chart)) {
      break;
    }
    drawn = n;
    best = chart;
  }
  const shown = best ?? render(input, [], input.remotes.map((r) => r.name));
  return {
    ...shown,
    note: `${why}, and their ${groups.length} groups of remotes that dial the same addresses are too many as well: the ${drawn} largest groups are drawn, the other remotes are counted in one box. The cluster table lists every remote.`,
  };
}

function groupRemotes(remotes: readonly FlowchartRemote[]): Box[] {
  const boxes = new Map<string, { members: string[]; dials: readonly DialedAddress[]; secretOnPrimary: boolean }>();
  for (const remote of remotes) {
    const key = JSON.stringify([remote.secretOnPrimary, remote.dials.map((d) => [d.component, d.reaches])]);
    const box = boxes.get(key) ?? { members: [], dials: remote.dials, secretOnPrimary: remote.secretOnPrimary };
    box.members.push(remote.name);
    boxes.set(key, box);
  }
  return [...boxes.values()];
}

function render(input: FlowchartInput, boxes: readonly Box[], uncounted: readonly string[] = []): Flowchart {
  const ca = input.caShared ? 'CA: one shared root' : 'CA: each cluster its own self-signed root';
  const lines = [
    'flowchart LR',
    `  subgraph primary["${label(`${input.primary} (primary) · exposure: ${input.exposure} · ${ca}`)}"]`,
    ...COMPONENTS.map(({ component, label: name }) => `    ${component}["${name}"]`),
    '  end',
  ];
  let edges = 0;
  boxes.forEach((box, i) => {
    const title = box.members.length === 1 ? box.members[0] : `${box.members.length} remotes`;
    const names = box.members.length === 1 ? [] : [listNames(box.members)];
    const secret = box.secretOnPrimary ? 'istio-multi Secret on the primary' : 'no istio-multi Secret on the primary: Pilot does not read this cluster';
    lines.push(`  subgraph r${i}["${label(title)}"]`, `    r${i}n["${label([...names, 'sidecars', secret].join('<br/>'))}"]`, '  end');
    for (const dial of box.dials) {
      lines.push(`  r${i}n -->|"${label(dial.reaches)}"| ${dial.component}`);
      edges += 1;
    }
    if (box.secretOnPrimary) {
      lines.push(`  pilot -.->|"reads the API server"| r${i}n`);
      edges += 1;
    }
  });
  if (uncounted.length > 0) {
    lines.push(`  subgraph rest["${uncounted.length} more remotes"]`, `    restn["${label(`${listNames(uncounted)}<br/>not drawn: see the cluster table`)}"]`, '  end');
  }
  return { text: `${lines.join('\n')}\n`, edges };
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_PER_GROUP).join(', ');
  return names.length > NAMES_PER_GROUP ? `${shown} and ${names.length - NAMES_PER_GROUP} more` : shown;
}

/** Text inside a quoted Mermaid label: its quote is the one character that ends it. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}
