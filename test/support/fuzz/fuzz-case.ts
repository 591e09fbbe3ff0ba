import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Document, isSeq, parseAllDocuments, visit } from 'yaml';
import { synth } from '../../../main';
import { outputLayout, type OutputLayout } from '../../../output/layout';
import { apiServerRuleViolations } from '../k8s-api-rules';
import { validateAgainstK8s } from '../validate-k8s';
import { MUTATIONS, mutationNamed, mutationSpecs, type Mutation, type MutationInput, type MutationResult, type MutationSpec } from './mutations';
import { validTopology, type FuzzTopology } from './valid-topology';
import type { FuzzKubeconfig, FuzzWorkspace } from './workspace';

/**
 * The issue-12 defects the fuzzer finds before their fixes land, by the id
 * the mutations that expose them carry. While an id is in AWAITING_FIX, the
 * fuzz test in `npm test` generates none of its mutations and tolerates the
 * violations it names, so CI stays green; `npm run fuzz` runs them all and
 * reports each hit. Remove an id once main has its fix.
 */
export const KNOWN_DEFECTS: Readonly<Record<string, { readonly what: string; readonly violation: RegExp }>> = {
  'yaml-aliases': { what: 'undefined aliases and alias bombs crash synth with a ReferenceError', violation: /synth threw ReferenceError/ },
  'yaml-tags': { what: 'unknown YAML tags are dropped without a word', violation: /^accepted although .*tag/ },
  'remote-name-collision': {
    what: 'a remote named cacerts or istio-ca-secret puts a second Secret of that name on the primary',
    violation: /^accepted although .*\.name = (cacerts|istio-ca-secret)|two objects are \/Secret\/[^/]+\/(cacerts|istio-ca-secret)/,
  },
  'ipv4-mapped-cidr': { what: 'an IPv4-mapped IPv6 CIDR is not seen to overlap its IPv4 form', violation: /^accepted although .*IPv4-mapped/ },
  'kube-system-injection': { what: 'injectionNamespaces accepts kube-system and the other kube-* namespaces', violation: /^accepted although .*injectionNamespaces \+= kube-/ },
  'label-syntax': {
    what: 'label keys and values and annotation keys the API server rejects reach the output',
    violation: /^accepted although .*gets (key|value)|not a valid (label|annotation) key|not a valid label value/,
  },
  'empty-selector': { what: 'empty selectors are accepted', violation: /^accepted although .*selector = \{\}|is an empty selector/ },
  'quantity-syntax': { what: 'bad resource quantities in values blocks reach the output', violation: /^accepted although .*resources\.|not a non-negative quantity/ },
  'api-server-url-parts': { what: 'apiServer with userinfo, a path, a query or a fragment is accepted', violation: /^accepted although .*apiServer = / },
  'pod-ip-policy-missing': { what: 'podIP exposure without controlPlane.policy is accepted while policy checks are on', violation: /^accepted although delete controlPlane\.policy/ },
  'ca-cert-two-certificates': { what: 'a ca-cert.pem holding two certificates is copied through', violation: /^accepted although .*holds the CA certificate and the root/ },
  'first-line-echo': { what: 'a file that is not a topology has its first line echoed in the error', violation: /^a message echoes/ },
};

/**
 * Defects whose fixes are not on main yet; see KNOWN_DEFECTS. Empty since
 * the issue-12 fixes landed: every mutation runs in `npm test`, and a known
 * defect that comes back fails it under its name.
 */
export const AWAITING_FIX: readonly string[] = [];

/** One generated case: a valid topology and the mutations that break it (none for a valid case). */
export interface FuzzCase {
  readonly topology: FuzzTopology;
  readonly mutations: readonly MutationSpec[];
}

/** The mutations a run may generate: all of them, or all but those exposing the defects held back. */
export function mutationsFor(heldBack: readonly string[]): Mutation[] {
  return MUTATIONS.filter((m) => m.defect === undefined || !heldBack.includes(m.defect));
}

/** Valid topologies (about a third of the cases) and topologies broken by one or two mutations. */
export function fuzzCases(mutations: readonly Mutation[] = MUTATIONS): fc.Arbitrary<FuzzCase> {
  return fc.record({
    topology: validTopology,
    mutations: fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: mutationSpecs(mutations, 2), weight: 2 }),
  });
}

/** A case made concrete: the file text, the kubeconfigs beside it, and the mutations that applied. */
export interface MaterializedCase {
  readonly text: string;
  readonly kubeconfigs: readonly FuzzKubeconfig[];
  readonly applied: readonly { readonly mutation: Mutation; readonly note: string; readonly mustNotEcho?: string }[];
}

export function materialize(fuzzCase: FuzzCase): MaterializedCase {
  let data = fuzzCase.topology.data;
  const applied: MaterializedCase['applied'][number][] = [];
  const specs = fuzzCase.mutations.map((spec) => ({ spec, mutation: mutationNamed(spec.name) }));
  for (const { spec, mutation } of specs.filter((s) => s.mutation.level === 'data')) {
    const result = applyIfShaped(mutation, { data, text: '' }, spec);
    if (result?.data) {
      data = result.data;
      applied.push({ mutation, note: result.note });
    }
  }
  let text = topologyText(data, fuzzCase.topology.style);
  for (const { spec, mutation } of specs.filter((s) => s.mutation.level === 'text')) {
    const result = applyIfShaped(mutation, { data, text }, spec);
    if (result?.text !== undefined) {
      text = result.text;
      applied.push({ mutation, note: result.note, ...(result.mustNotEcho && { mustNotEcho: result.mustNotEcho }) });
    }
  }
  return { text, kubeconfigs: kubeconfigsOf(data, fuzzCase.topology.kubeconfigFor), applied };
}

/**
 * A mutation aims at a shape (a remote, a services list) that an earlier
 * mutation may have removed or retyped; it then does not apply.
 */
function applyIfShaped(mutation: Mutation, input: MutationInput, spec: MutationSpec): MutationResult | undefined {
  try {
    return mutation.apply(input, spec.pick, spec.variant);
  } catch (err) {
    if (err instanceof TypeError) {
      return undefined;
    }
    throw err;
  }
}

/** Writes a topology as a user would: block style, the schema comment, short lists in flow style if asked. */
export function topologyText(data: unknown, style: FuzzTopology['style']): string {
  const document = new Document(data);
  if (style.flowLists) {
    visit(document, {
      Seq(_, node) {
        if (isSeq(node) && node.items.every((item) => !(typeof item === 'object' && item !== null && 'items' in item))) {
          node.flow = true;
        }
      },
    });
  }
  const body = document.toString({ indent: style.indent, lineWidth: 0 });
  return `${style.comment ? '# yaml-language-server: $schema=./mesh.schema.json\n\n' : ''}${body}`;
}

/** The kubeconfigs to write for the chosen remotes, where the (possibly mutated) topology looks for them. */
function kubeconfigsOf(data: any, indexes: readonly number[]): FuzzKubeconfig[] {
  return indexes.flatMap((i) => {
    const cluster = data?.clusters?.[i];
    const path = cluster?.kubeconfig ?? (typeof cluster?.name === 'string' ? `secrets/${cluster.name}.kubeconfig` : undefined);
    // Only plain relative paths inside the workspace: a mutated path must not make the harness write elsewhere.
    const safe = typeof path === 'string' && /^[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$/.test(path) && !path.split('/').includes('..');
    return safe && typeof cluster.name === 'string' && typeof cluster.apiServer === 'string' ? [{ path, name: cluster.name, server: cluster.apiServer }] : [];
  });
}

/** What one case did, for the figures. */
export interface CaseOutcome {
  readonly valid: boolean;
  readonly accepted: boolean;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Broken properties, one line each; empty when the case passed. */
  readonly violations: readonly string[];
  readonly applied: readonly string[];
}

/** synth's own lines about the run, as opposed to findings: the count of errors, the --output note, what it wrote. */
const SUMMARY = /^synth: (\d+ errors?; nothing was written$|note: |wrote |the )/;

/**
 * Runs one case through what `npx cdk8s synth` runs (main.ts's synth, in
 * process, into the workspace) and checks the properties of issue 12:
 * no exception but the loader's own error; every message located, no
 * message echoing a token, key or non-topology file; nothing written on
 * error; bad input rejected; and an accepted topology's output valid on
 * Kubernetes 1.27, deterministic and free of duplicate identities.
 */
export function runCase(workspace: FuzzWorkspace, fuzzCase: FuzzCase): CaseOutcome {
  return checkSynth(workspace, materialize(fuzzCase));
}

/** runCase for a case already made concrete, such as a shrunk one kept as a regression test. */
export function checkSynth(workspace: FuzzWorkspace, concrete: MaterializedCase): CaseOutcome {
  workspace.prepare(concrete.text, concrete.kubeconfigs);
  const before = snapshot(workspace.dir);
  const violations: string[] = [];
  const first = runSynth(workspace, violations);
  const located = new RegExp(`^${escape(workspace.topologyFile)}:\\d+:\\d+: `);
  const messages = first.lines.filter((l) => !SUMMARY.test(l));
  const warnings = messages.filter((l) => located.test(l) && l.replace(located, '').startsWith('warning: '));
  const errors = messages.filter((l) => !warnings.includes(l));

  for (const line of messages) {
    if (!located.test(line)) {
      violations.push(`a message is not located at file:line:col: ${clip(line)}`);
    }
    if (/fuzz-token-not-a-secret|PRIVATE KEY|BEGIN CERTIFICATE/.test(line)) {
      violations.push(`a message echoes a token or PEM block: ${clip(line)}`);
    }
  }
  for (const { mustNotEcho } of concrete.applied) {
    if (mustNotEcho !== undefined && first.lines.some((l) => l.includes(mustNotEcho))) {
      violations.push(`a message echoes the content of a file that is not a topology: ${clip(first.lines.find((l) => l.includes(mustNotEcho)) ?? '')}`);
    }
  }

  const accepted = first.status === 0;
  const mustReject = concrete.applied.filter((a) => a.mutation.expect === 'reject');
  if (first.status === 1) {
    if (errors.length === 0) {
      violations.push('synth failed without an error message');
    }
    const after = snapshot(workspace.dir);
    const changed = diffSnapshots(before, after);
    if (changed.length > 0) {
      violations.push(`a failed synth changed files: ${changed.slice(0, 3).join(', ')}`);
    }
  } else if (accepted) {
    for (const { note } of mustReject) {
      violations.push(`accepted although ${note} must be rejected`);
    }
    violations.push(...outputViolations(workspace, before));
    const firstTrees = readTrees(workspace);
    const second = runSynth(workspace, violations);
    if (second.status !== 0) {
      violations.push(`a second synth of the same topology failed: ${clip(second.lines[0] ?? '')}`);
    } else if (JSON.stringify(readTrees(workspace)) !== JSON.stringify(firstTrees)) {
      violations.push('two synths of the same topology wrote different output');
    }
  }
  if (concrete.applied.length === 0 && !accepted && first.status !== -1) {
    violations.push(`a valid topology was rejected: ${clip(errors[0] ?? first.lines[0] ?? '')}`);
  }
  return {
    valid: concrete.applied.length === 0,
    accepted,
    errors,
    warnings,
    violations,
    applied: concrete.applied.map((a) => `${a.mutation.name}: ${a.note}`),
  };
}

function runSynth(workspace: FuzzWorkspace, violations: string[]): { status: number; lines: string[] } {
  const lines: string[] = [];
  try {
    const status = synth({ MESH_TOPOLOGY: workspace.topologyFile, CDK8S_OUTDIR: workspace.outputDir }, (line) => lines.push(line));
    return { status, lines };
  } catch (err) {
    const error = err as Error;
    const frame = error.stack?.split('\n').find((l) => l.includes('/work/') || l.includes(' at ')) ?? '';
    violations.push(`synth threw ${error?.name ?? typeof err}: ${clip(String(error?.message))} ${frame.trim()}`);
    return { status: -1, lines };
  }
}

/**
 * The apply sets of a cluster: what lives on the cluster together (CRDs, the
 * install set and its Secrets), and the cleanup set, applied alone after the
 * install set is deleted, which brings its own control-plane namespace.
 */
function applySets(layout: OutputLayout): readonly (readonly string[])[] {
  return [[layout.crds, layout.apply, layout.secrets], [layout.uninstall]];
}

function outputViolations(workspace: FuzzWorkspace, before: Map<string, string>): string[] {
  const layout = outputLayout(workspace.outputDir);
  const sets = applySets(layout);
  const violations: string[] = [];
  const changedOutside = diffSnapshots(before, snapshot(workspace.dir)).filter((p) => !p.startsWith('out/'));
  if (changedOutside.length > 0) {
    violations.push(`synth wrote outside its output folders: ${changedOutside.slice(0, 3).join(', ')}`);
  }
  const identities = new Map<string, string>();
  for (const root of Object.values(layout)) {
    const tree = basename(root);
    for (const path of files(root)) {
      const where = `${tree}/${relative(root, path)}`;
      const mode = statSync(path).mode & 0o777;
      if (root === layout.secrets && mode !== 0o600) {
        violations.push(`${where} holds secrets with mode ${mode.toString(8)}, not 600`);
      }
      const content = readFileSync(path, 'utf8');
      if (where.endsWith('helm-template.sh')) {
        violations.push(...scriptViolations(where, content));
        continue;
      }
      if (!where.endsWith('.k8s.yaml')) {
        continue;
      }
      const documents = parseAllDocuments(content);
      if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) {
        violations.push(`${where} is not valid YAML`);
        continue;
      }
      const objects = documents.map((d) => d.toJS());
      try {
        validateAgainstK8s(objects);
      } catch (err) {
        violations.push(`${where}: ${clip((err as Error).message)}`);
      }
      for (const object of objects) {
        violations.push(...apiServerRuleViolations(object).map((v) => `${where}: ${v}`));
        const cluster = relative(root, path).split('/')[0];
        const set = sets.findIndex((s) => s.includes(root));
        const group = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/')[0] : '';
        const identity = `${group}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
        const key = `${cluster} ${set} ${identity}`;
        const earlier = identities.get(key);
        if (earlier !== undefined) {
          violations.push(`two objects are ${identity} in cluster ${cluster}'s output: ${earlier} and ${where}`);
        }
        identities.set(key, where);
      }
    }
  }
  return violations;
}

/**
 * The primary's helm-template.sh is committed and run as it is: every line a
 * user value reaches must stay a comment, so the only commands are the two
 * synth writes.
 */
function scriptViolations(where: string, content: string): string[] {
  const commands = content.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const expected = commands.length === 2 && commands[0] === 'set -eu' && commands[1].startsWith('helm template ');
  return expected ? [] : [`${where} runs other commands than set -eu and helm template: ${clip(JSON.stringify(commands))}`];
}

function readTrees(workspace: FuzzWorkspace): Record<string, string> {
  const out = join(workspace.dir, 'out');
  return Object.fromEntries(files(out).map((p) => [relative(out, p), readFileSync(p, 'utf8')]));
}

function files(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Every file of the workspace but the PKI, with its content and mode. */
function snapshot(dir: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const path of files(dir)) {
    const rel = relative(dir, path);
    if (/^(root|ca-\d)/.test(rel)) {
      continue;
    }
    result.set(rel, `${statSync(path).mode.toString(8)} ${readFileSync(path, 'utf8')}`);
  }
  return result;
}

function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Whether every violation of a case is one that a held-back defect explains. */
export function explainedBy(violations: readonly string[], heldBack: readonly string[]): boolean {
  return violations.length > 0 && violations.every((v) => heldBack.some((id) => KNOWN_DEFECTS[id].violation.test(v)));
}
