import fc from 'fast-check';
import { FUZZ_PKI } from './workspace';

/**
 * Ways to break a valid topology, at the data level (the document a user
 * meant) and at the text level (the bytes of mesh.yaml). Each says what synth
 * must do with the result: `reject` it with located errors, or either reject
 * it or accept it (`any`), its output then held to the same checks as a valid
 * topology's. A mutation that exposes a defect filed in issue 12 names it, so
 * that KNOWN_DEFECTS (fuzz-case.ts) can hold it back until its fix lands.
 */
export interface Mutation {
  readonly name: string;
  readonly level: 'data' | 'text';
  readonly expect: 'reject' | 'any';
  /** The issue-12 defect this mutation exposes, as KNOWN_DEFECTS names it. */
  readonly defect?: string;
  /** Undefined when the mutation does not apply to this topology. `pick` and `variant` choose where and how. */
  readonly apply: (input: MutationInput, pick: number, variant: number) => MutationResult | undefined;
}

export interface MutationInput {
  readonly data: Record<string, any>;
  readonly text: string;
}

export interface MutationResult {
  readonly data?: Record<string, any>;
  readonly text?: string;
  /** What was done, for the report and the shrunk counterexample: `clusters[1].name = "cacerts"`. */
  readonly note: string;
  /** Text that must not appear in synth's messages: content of a file that is not a topology. */
  readonly mustNotEcho?: string;
}

/** A mutation to apply, as fast-check generates and shrinks it. */
export interface MutationSpec {
  readonly name: string;
  readonly pick: number;
  readonly variant: number;
}

type Path = (string | number)[];

const at = <T>(list: readonly T[], n: number): T => list[n % list.length];

function clone<T>(value: T): T {
  return structuredClone(value);
}

function get(data: any, path: Path): any {
  return path.reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), data);
}

function set(data: any, path: Path, value: unknown): void {
  const parent = get(data, path.slice(0, -1));
  parent[path[path.length - 1]] = value;
}

function show(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Maps whose keys are the user's own (labels, annotations, quantities): a new key there is data, not a misspelt field. */
const OPEN_MAPS = new Set(['selector', 'annotations', 'arch', 'requests', 'limits']);

/** Paths of every scalar, and of every map whose keys the schema fixes, below `node`. */
function paths(node: any, path: Path = []): { leaves: Path[]; maps: Path[] } {
  const leaves: Path[] = [];
  const maps: Path[] = [];
  const visit = (value: any, p: Path) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...p, i]));
    } else if (typeof value === 'object' && value !== null) {
      if (!OPEN_MAPS.has(String(p[p.length - 1]))) {
        maps.push(p);
      }
      Object.entries(value).forEach(([k, v]) => visit(v, [...p, k]));
    } else {
      leaves.push(p);
    }
  };
  visit(node, path);
  return { leaves, maps };
}

/** Leaves whose values reach objects under the API server's label and quantity rules; the targeted mutations below cover them. */
const underOpenMap = (path: Path) => path.some((k) => OPEN_MAPS.has(String(k)));

/**
 * A leaf chosen by field first (`clusters[].context`), then by occurrence, so
 * that a field written once weighs as much as one every cluster repeats.
 */
function byField(leaves: Path[], pick: number): Path | undefined {
  const fields = new Map<string, Path[]>();
  for (const leaf of leaves) {
    const field = show(leaf.map((k) => (typeof k === 'number' ? 0 : k)));
    fields.set(field, [...(fields.get(field) ?? []), leaf]);
  }
  const groups = [...fields.values()];
  return groups.length === 0 ? undefined : at(at(groups, pick), Math.floor(pick / groups.length));
}

/** Two different clusters' indexes. */
function twoClusters(data: any, pick: number, variant: number): [number, number] {
  const n = data.clusters.length;
  const i = pick % n;
  return [i, (i + 1 + (variant % (n - 1))) % n];
}

const remotes = (data: any): number[] => (data.clusters ?? []).flatMap((c: any, i: number) => (c?.role === 'remote' ? [i] : []));

/** Odd strings no field should trip over: each is either rejected where it lands or harmless there. */
export const ODD_STRINGS = [
  '',
  ' ',
  'ünïcödé',
  '🙂',
  '\u202eevil',
  'zero\u200bwidth',
  'a\u0000b',
  'bell\u0007',
  'line\nbreak',
  'tab\there',
  'x'.repeat(300),
  'yes',
  'null',
  '~',
  '0x1F',
  '1e3',
  '-',
  '.',
  '..',
  '../../etc/passwd',
  '/etc/hostname',
  '$(touch /tmp/mesh-fuzz-pwned)',
  '`id`',
  "it's",
  '"quoted"',
  '{{ .Values.global.hub }}',
  '*alias',
  '&anchor',
  '!tag',
  '# comment',
  'default',
  'KUBE-SYSTEM',
  'xn--bcher-kva',
  'a'.repeat(64),
  'Remote_2',
];

const ODD_NUMBERS = [-1, 0, 1.5, 65536, 2 ** 31, 2 ** 53 + 2, 1e21, -0, Number.MAX_SAFE_INTEGER, Infinity, -Infinity, NaN];

/** The topology with the leaf at `path` set to `value`. */
function withLeaf(data: Record<string, any>, path: Path, value: unknown): MutationResult {
  const copy = clone(data);
  set(copy, path, value);
  return { data: copy, note: `${show(path)} = ${typeof value === 'number' ? String(value) : JSON.stringify(value)}` };
}

/** Sets a leaf of the given type, chosen by field, to a value from the pool. */
function oddLeaf(type: 'string' | 'number', pool: readonly unknown[]): Mutation['apply'] {
  return ({ data }, pick, variant) => {
    const path = byField(paths(data).leaves.filter((p) => typeof get(data, p) === type && !underOpenMap(p)), pick);
    return path && withLeaf(data, path, at(pool, variant));
  };
}

/** Values of another type than a leaf's own. */
function otherType(value: unknown, variant: number): unknown {
  const choices: unknown[] =
    typeof value === 'string' ? [12345, true, [], {}, [value]] : typeof value === 'number' ? [String(value), 'eighty', true, [value], {}] : typeof value === 'boolean' ? [String(value), 'yes', 1, [], {}] : ['text', 1, {}];
  return at(choices, variant);
}

function mapped(cidr: string, hex: boolean): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) {
    return undefined;
  }
  const [a, b, c, d, prefix] = match.slice(1).map(Number);
  const address = hex ? `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}` : `${a}.${b}.${c}.${d}`;
  return `::ffff:${address}/${96 + prefix}`;
}

/** The text's lines holding `key: scalar`, by index: the places text-level mutations aim at. */
function scalarLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (/^\s*(- )?[A-Za-z][\w.-]*: [^\s#&*!|>{[]/.test(line) ? [i] : []));
}

function editLine(text: string, pick: number, edit: (line: string) => string): { text: string; line: number } | undefined {
  const lines = text.split('\n');
  const candidates = scalarLines(text);
  if (candidates.length === 0) {
    return undefined;
  }
  const index = at(candidates, pick);
  lines[index] = edit(lines[index]);
  return { text: lines.join('\n'), line: index + 1 };
}

/** Puts one of the tags before the value of a `key: value` line. */
function tagged(tags: readonly string[]): Mutation['apply'] {
  return ({ text }, pick, variant) => {
    const tag = at(tags, variant);
    const edited = editLine(text, pick, (line) => line.replace(/^(\s*(- )?[A-Za-z][\w.-]*: )/, `$1${tag} `));
    return edited && { text: edited.text, note: `line ${edited.line}: tag ${tag}` };
  };
}

const valueOf = (line: string) => line.replace(/^(\s*(- )?[A-Za-z][\w.-]*: ).*$/, '$1');

function billionLaughs(levels: number): string {
  const lines = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) {
    lines.push(`lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  }
  return `\nx-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

export const MUTATIONS: readonly Mutation[] = [
  // --- data level: shape ---
  {
    name: 'drop-key',
    level: 'data',
    expect: 'any',
    apply: ({ data }, pick) => {
      const { leaves, maps } = paths(data);
      const all = [...leaves, ...maps].filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string');
      const path = at(all, pick);
      const copy = clone(data);
      delete get(copy, path.slice(0, -1))[path[path.length - 1]];
      return { data: copy, note: `delete ${show(path)}` };
    },
  },
  {
    name: 'unknown-key',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const path = at(paths(data).maps, pick);
      const key = at(['nmae', 'Name', 'extra', 'apiserver', 'podCidr', 'enabled '], variant);
      const copy = clone(data);
      const target = get(copy, path);
      if (key in target) {
        return undefined;
      }
      target[key] = 'x';
      return { data: copy, note: `add ${show([...path, key])}` };
    },
  },
  {
    name: 'wrong-type',
    level: 'data',
    // null unsets what the schema lets it unset; any other type is refused.
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const path = at(paths(data).leaves.filter((p) => !underOpenMap(p)), pick);
      return path && withLeaf(data, path, otherType(get(data, path), variant));
    },
  },
  {
    name: 'null-value',
    level: 'data',
    expect: 'any',
    apply: ({ data }, pick) => withLeaf(data, at(paths(data).leaves, pick), null),
  },
  { name: 'odd-string', level: 'data', expect: 'any', apply: oddLeaf('string', ODD_STRINGS) },
  { name: 'odd-number', level: 'data', expect: 'any', apply: oddLeaf('number', ODD_NUMBERS) },
  {
    name: 'deep-nesting',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const path = at(paths(data).leaves, pick);
      // Deeper nesting goes in as text (deep-flow-nesting): the harness's own YAML writer recurses too.
      const depth = at([30, 200], variant);
      let value: unknown = 'deep';
      for (let i = 0; i < depth; i++) {
        value = variant % 2 === 0 ? [value] : { deeper: value };
      }
      const copy = clone(data);
      set(copy, path, value);
      return { data: copy, note: `${show(path)} = ${depth} levels of ${variant % 2 === 0 ? 'lists' : 'maps'}` };
    },
  },
  // --- data level: cross-field rules ---
  {
    name: 'duplicate-cluster-name',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const [i, j] = twoClusters(data, pick, variant);
      const copy = clone(data);
      copy.clusters[j].name = copy.clusters[i].name;
      return { data: copy, note: `clusters[${j}].name = clusters[${i}].name` };
    },
  },
  {
    name: 'second-primary',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      copy.clusters[i].role = 'primary';
      return { data: copy, note: `clusters[${i}].role = primary` };
    },
  },
  {
    name: 'overlapping-cidr',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const [i, j] = twoClusters(data, pick, variant);
      const field = variant % 2 === 0 ? 'podCIDR' : 'serviceCIDR';
      const copy = clone(data);
      copy.clusters[j][field] = data.clusters[i].podCIDR;
      return { data: copy, note: `clusters[${j}].${field} = clusters[${i}].podCIDR (${data.clusters[i].podCIDR})` };
    },
  },
  {
    name: 'ipv4-mapped-cidr',
    level: 'data',
    expect: 'reject',
    defect: 'ipv4-mapped-cidr',
    apply: ({ data }, pick, variant) => {
      const [i, j] = twoClusters(data, pick, variant);
      const value = mapped(data.clusters[i].podCIDR, variant % 2 === 1);
      if (value === undefined) {
        return undefined;
      }
      const copy = clone(data);
      copy.clusters[j].serviceCIDR = value;
      return { data: copy, note: `clusters[${j}].serviceCIDR = ${value}, clusters[${i}].podCIDR as IPv4-mapped IPv6` };
    },
  },
  {
    name: 'kube-namespace-injection',
    level: 'data',
    expect: 'reject',
    defect: 'kube-system-injection',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      const namespace = at(['kube-system', 'kube-public', 'kube-node-lease'], variant);
      copy.clusters[i].injectionNamespaces = [...(copy.clusters[i].injectionNamespaces ?? []), namespace];
      return { data: copy, note: `clusters[${i}].injectionNamespaces += ${namespace}` };
    },
  },
  {
    name: 'control-plane-namespace-injection',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      copy.clusters[i].injectionNamespaces = [...(copy.clusters[i].injectionNamespaces ?? []), copy.istio.namespace];
      return { data: copy, note: `clusters[${i}].injectionNamespaces += ${copy.istio.namespace}` };
    },
  },
  {
    name: 'remote-named-like-a-control-plane-secret',
    level: 'data',
    expect: 'reject',
    defect: 'remote-name-collision',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      const name = at(['cacerts', 'istio-ca-secret'], variant);
      copy.clusters[i].name = name;
      delete copy.clusters[i].kubeconfig;
      return { data: copy, note: `clusters[${i}].name = ${name}` };
    },
  },
  {
    name: 'empty-selector',
    level: 'data',
    expect: 'reject',
    defect: 'empty-selector',
    apply: ({ data }, pick) => {
      const copy = clone(data);
      const targets: Path[] = [
        ...(copy.controlPlane.exposure === 'gateway' ? [['controlPlane', 'gateway', 'selector']] : []),
        ...(copy.services ?? []).map((_: unknown, i: number) => ['services', i, 'selector']),
      ];
      if (targets.length === 0) {
        return undefined;
      }
      const path = at(targets, pick);
      set(copy, path, {});
      return { data: copy, note: `${show(path)} = {}` };
    },
  },
  {
    name: 'bad-label',
    level: 'data',
    expect: 'reject',
    defect: 'label-syntax',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const targets: { path: Path; annotations: boolean }[] = [
        ...(copy.controlPlane.exposure === 'gateway' ? [{ path: ['controlPlane', 'gateway', 'selector'], annotations: false }] : []),
        ...(copy.services ?? []).map((_: unknown, i: number) => ({ path: ['services', i, 'selector'], annotations: false })),
        ...(copy.controlPlane.loadBalancer?.pilot?.annotations ? [{ path: ['controlPlane', 'loadBalancer', 'pilot', 'annotations'], annotations: true }] : []),
      ];
      if (copy.controlPlane.exposure === 'loadBalancer' && targets.every((t) => !t.annotations)) {
        targets.push({ path: ['controlPlane', 'loadBalancer', 'pilot', 'annotations'], annotations: true });
      }
      if (targets.length === 0) {
        return undefined;
      }
      const { path, annotations } = at(targets, pick);
      const badKeys = ['bad key!', '-x', 'a/b/c', 'Example.COM/x', 'x'.repeat(64), 'example.com/', '/x', 'istio '];
      const badValues = ['re views', '-x', 'x'.repeat(64), 'a@b', 'in gress'];
      const map = { ...(get(copy, path) ?? {}) };
      const useKey = annotations || variant % 2 === 0;
      const note = useKey ? `key ${JSON.stringify(at(badKeys, variant >> 1))}` : `value ${JSON.stringify(at(badValues, variant >> 1))}`;
      if (useKey) {
        map[at(badKeys, variant >> 1)] = 'v';
      } else {
        map[Object.keys(map)[0] ?? 'app'] = at(badValues, variant >> 1);
      }
      if (path[0] === 'controlPlane' && path[1] === 'loadBalancer') {
        copy.controlPlane.loadBalancer = { ...(copy.controlPlane.loadBalancer ?? {}), pilot: { ...(copy.controlPlane.loadBalancer?.pilot ?? {}), annotations: map } };
      } else {
        set(copy, path, map);
      }
      return { data: copy, note: `${show(path)} gets ${note}` };
    },
  },
  {
    name: 'bad-quantity',
    level: 'data',
    expect: 'reject',
    defect: 'quantity-syntax',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      const value = at<string | number>(['lots', '1.5.5', '-1', '1 Gi', 'Infinity', '0x10', '100mi', '+-1'], variant);
      const resource = variant % 2 === 0 ? 'cpu' : 'memory';
      const list = variant % 3 === 0 ? 'limits' : 'requests';
      const values = copy.clusters[i].values ?? {};
      values.global = values.global ?? {};
      values.global.proxy = values.global.proxy ?? {};
      values.global.proxy.resources = { ...(values.global.proxy.resources ?? {}), [list]: { ...(values.global.proxy.resources?.[list] ?? {}), [resource]: value } };
      copy.clusters[i].values = values;
      return { data: copy, note: `clusters[${i}].values.global.proxy.resources.${list}.${resource} = ${JSON.stringify(value)}` };
    },
  },
  {
    name: 'api-server-with-userinfo-path-or-query',
    level: 'data',
    expect: 'reject',
    defect: 'api-server-url-parts',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const i = pick % copy.clusters.length;
      const url = new URL(copy.clusters[i].apiServer);
      const edits = [() => ((url.username = 'admin'), (url.password = 'pw')), () => (url.pathname = '/k8s'), () => (url.search = '?x=1'), () => (url.hash = 'frag')];
      at(edits, variant)();
      copy.clusters[i].apiServer = url.href;
      return { data: copy, note: `clusters[${i}].apiServer = ${url.href}` };
    },
  },
  {
    name: 'pod-ip-without-policy',
    level: 'data',
    expect: 'reject',
    defect: 'pod-ip-policy-missing',
    apply: ({ data }) => {
      if (data.controlPlane.exposure !== 'podIP' || remotes(data).every((i) => data.clusters[i].values?.global?.disablePolicyChecks === true)) {
        return undefined;
      }
      const copy = clone(data);
      delete copy.controlPlane.policy;
      return { data: copy, note: 'delete controlPlane.policy (podIP exposure, policy checks on)' };
    },
  },
  {
    name: 'two-certificates-in-ca-cert',
    level: 'data',
    expect: 'reject',
    defect: 'ca-cert-two-certificates',
    apply: ({ data }, pick) => {
      const i = pick % data.clusters.length;
      if (data.clusters[i].cacerts === undefined) {
        return undefined;
      }
      const copy = clone(data);
      copy.clusters[i].cacerts.caCert = FUZZ_PKI.twoCerts(i);
      return { data: copy, note: `clusters[${i}].cacerts.caCert holds the CA certificate and the root` };
    },
  },
  {
    name: 'service-in-reserved-namespace',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      if (!data.services?.length) {
        return undefined;
      }
      const copy = clone(data);
      const i = pick % copy.services.length;
      const namespace = at([copy.istio.namespace, 'kube-system', 'kube-public'], variant);
      copy.services[i].namespace = namespace;
      return { data: copy, note: `services[${i}].namespace = ${namespace}` };
    },
  },
  {
    name: 'selectorless-pilot-by-host-name',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick) => {
      if (data.controlPlane.exposure === 'gateway') {
        return undefined;
      }
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      copy.controlPlane.pilot = 'pilot.mesh.example.com';
      copy.clusters[i].pilotSelectorlessService = true;
      return { data: copy, note: `controlPlane.pilot = pilot.mesh.example.com with clusters[${i}].pilotSelectorlessService` };
    },
  },
  {
    name: 'topology-owned-value',
    level: 'data',
    expect: 'reject',
    apply: ({ data }, pick, variant) => {
      const copy = clone(data);
      const i = at(remotes(copy), pick);
      const [path, value] = at<[string[], unknown]>(
        [
          [['global', 'hub'], 'evil.example.com/istio'],
          [['global', 'remotePilotAddress'], '203.0.113.9'],
          [['global', 'mtls'], { enabled: true }],
          [['security', 'selfSigned'], false],
          [['sidecarInjectorWebhook', 'enabled'], false],
        ],
        variant,
      );
      const values = copy.clusters[i].values ?? {};
      values[path[0]] = { ...(values[path[0]] ?? {}), [path[1]]: value };
      copy.clusters[i].values = values;
      return { data: copy, note: `clusters[${i}].values.${path.join('.')} = ${JSON.stringify(value)}` };
    },
  },
  // --- text level ---
  {
    name: 'undefined-alias',
    level: 'text',
    expect: 'reject',
    defect: 'yaml-aliases',
    apply: ({ text }, pick) => {
      const edited = editLine(text, pick, (line) => `${valueOf(line)}*nope`);
      return edited && { text: edited.text, note: `line ${edited.line}: value = *nope` };
    },
  },
  {
    name: 'alias-bomb',
    level: 'text',
    expect: 'reject',
    defect: 'yaml-aliases',
    apply: ({ text }, _pick, variant) => {
      const levels = at([4, 9], variant);
      return { text: text + billionLaughs(levels), note: `billion laughs, ${levels} levels` };
    },
  },
  {
    name: 'unknown-tag',
    level: 'text',
    expect: 'reject',
    defect: 'yaml-tags',
    apply: tagged(['!!python/object:os.system', '!foo', '!!binary', '!!set', '!!timestamp', '!<tag:example.com,2000:x>']),
  },
  {
    name: 'core-tag',
    level: 'text',
    expect: 'any',
    apply: tagged(['!!str', '!!int', '!!bool', '!!null', '!!float', '!!map', '!!seq']),
  },
  {
    name: 'anchor-and-alias',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick, variant) => {
      const lines = text.split('\n');
      const candidates = scalarLines(text);
      if (candidates.length < 2) {
        return undefined;
      }
      const from = at(candidates, pick);
      const to = at(candidates, pick + 1 + variant);
      if (from === to) {
        return undefined;
      }
      lines[from] = lines[from].replace(/^(\s*(- )?[A-Za-z][\w.-]*: )/, '$1&shared ');
      lines[to] = `${valueOf(lines[to])}*shared`;
      // An alias before its anchor is undefined: only the later line may use it.
      return from < to ? { text: lines.join('\n'), note: `line ${to + 1} aliases line ${from + 1}` } : undefined;
    },
  },
  {
    name: 'duplicate-line',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick) => {
      const lines = text.split('\n');
      const i = pick % lines.length;
      lines.splice(i, 0, lines[i]);
      return { text: lines.join('\n'), note: `line ${i + 1} twice` };
    },
  },
  {
    name: 'delete-line',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick) => {
      const lines = text.split('\n');
      const i = pick % lines.length;
      lines.splice(i, 1);
      return { text: lines.join('\n'), note: `delete line ${i + 1}` };
    },
  },
  {
    name: 'truncate',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick) => {
      const end = pick % text.length;
      return { text: text.slice(0, end), note: `cut at byte ${end}` };
    },
  },
  {
    name: 'tab-indent',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick) => {
      const lines = text.split('\n');
      const indented = lines.flatMap((l, i) => (/^ +\S/.test(l) ? [i] : []));
      const i = at(indented, pick);
      lines[i] = lines[i].replace(/^ +/, '\t');
      return { text: lines.join('\n'), note: `line ${i + 1} indented with a tab` };
    },
  },
  {
    name: 'odd-bytes',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick, variant) => {
      const inserts = ['\uFEFF', '\u0000', '\u0007', '\u2028', '\r\n', '\r', '\u00a0', '\uFFFD', '\\', '"', "'", ':', '- ', '? ', '%YAML 1.1\n---\n'];
      const insert = at(inserts, variant);
      const offset = pick % (text.length + 1);
      return { text: text.slice(0, offset) + insert + text.slice(offset), note: `${JSON.stringify(insert)} at byte ${offset}` };
    },
  },
  {
    name: 'crlf-line-ends',
    level: 'text',
    expect: 'any',
    apply: ({ text }) => ({ text: text.replace(/\n/g, '\r\n'), note: 'CRLF line ends' }),
  },
  {
    name: 'odd-number-text',
    level: 'text',
    expect: 'any',
    apply: ({ text }, pick, variant) => {
      const number = at(['99999999999999999999999', '1e400', '.inf', '-.nan', '0x1F', '0o17', '+5', '1_000', '6.5e3', '-0'], variant);
      const edited = editLine(text, pick, (line) => `${valueOf(line)}${number}`);
      return edited && { text: edited.text, note: `line ${edited.line}: value = ${number}` };
    },
  },
  {
    name: 'deep-flow-nesting',
    level: 'text',
    expect: 'reject',
    apply: ({ text }, pick, variant) => {
      const depth = at([100, 1000, 5000], variant);
      const nested = variant % 2 === 0 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{a: '.repeat(depth)}b${'}'.repeat(depth)}`;
      const edited = editLine(text, pick, (line) => `${valueOf(line)}${nested}`);
      return edited && { text: edited.text, note: `line ${edited.line}: value = ${depth} nested flow ${variant % 2 === 0 ? 'lists' : 'maps'}` };
    },
  },
  {
    name: 'second-document',
    level: 'text',
    expect: 'reject',
    apply: ({ text }) => ({ text: `${text}\n---\nclusters: []\n`, note: 'a second YAML document' }),
  },
  {
    name: 'not-a-map',
    level: 'text',
    expect: 'reject',
    apply: (_input, _pick, variant) => {
      const text = at(['', '# only a comment\n', '- a\n- b\n', '42\n', '"clusters"\n', '~\n', 'clusters\n'], variant);
      return { text, note: `whole file = ${JSON.stringify(text)}` };
    },
  },
  {
    name: 'secret-file-as-topology',
    level: 'text',
    expect: 'reject',
    defect: 'first-line-echo',
    apply: (_input, _pick, variant) => {
      const secret = at(['root:$6$fuzzsalt$fuzzhash:19000:0:99999:7:::', 'token-fuzz-secret-value', 'AKIAFUZZSECRETKEY'], variant);
      return { text: `${secret}\n`, note: 'MESH_TOPOLOGY points at a secret file', mustNotEcho: secret };
    },
  },
];

const BY_NAME = new Map(MUTATIONS.map((m) => [m.name, m]));

export function mutationNamed(name: string): Mutation {
  const mutation = BY_NAME.get(name);
  if (mutation === undefined) {
    throw new Error(`no mutation ${name}`);
  }
  return mutation;
}

/** Mutation specs over the given mutations, data-level ones first since they apply before the text is written. */
export function mutationSpecs(mutations: readonly Mutation[], maxLength: number): fc.Arbitrary<MutationSpec[]> {
  return fc
    .array(fc.record({ name: fc.constantFrom(...mutations.map((m) => m.name)), pick: fc.nat({ max: 10_000 }), variant: fc.nat({ max: 100 }) }), { minLength: 1, maxLength })
    .map((specs) => [...specs].sort((a, b) => levelRank(a) - levelRank(b)));
}

const levelRank = (spec: MutationSpec) => (mutationNamed(spec.name).level === 'data' ? 0 : 1);
