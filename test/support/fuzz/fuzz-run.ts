import fc from 'fast-check';
import { AWAITING_FIX, explainedBy, fuzzCases, KNOWN_DEFECTS, materialize, mutationsFor, runCase, type CaseOutcome, type FuzzCase } from './fuzz-case';
import { FuzzWorkspace } from './workspace';

/** The seed `npm test` uses, so CI runs the same cases every time; FUZZ_SEED overrides it. */
export const DEFAULT_FUZZ_SEED = 1207;

export function fuzzSeed(env: NodeJS.ProcessEnv = process.env, fallback = DEFAULT_FUZZ_SEED): number {
  const seed = Number(env.FUZZ_SEED);
  return env.FUZZ_SEED !== undefined && env.FUZZ_SEED.trim() !== '' && Number.isInteger(seed) ? seed : fallback;
}

/** One failure class: what broke, how often, and the first case that showed it. */
export interface FailureClass {
  readonly name: string;
  /** The held-back defect that explains it, if any. */
  readonly defect?: string;
  count: number;
  readonly firstRun: number;
  readonly example: readonly string[];
}

export interface FuzzFigures {
  readonly seed: number;
  readonly cases: number;
  readonly valid: number;
  readonly broken: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly errorKinds: Map<string, number>;
  readonly mutations: Map<string, number>;
  readonly failures: Map<string, FailureClass>;
}

/**
 * Runs `runs` cases and collects the figures without stopping at the first
 * failure, so one run shows every class of failure; `shrink` then finds the
 * smallest case of a class.
 */
export function runFuzz(workspace: FuzzWorkspace, options: { seed: number; runs: number; heldBack?: readonly string[]; onProgress?: (done: number) => void }): FuzzFigures {
  const heldBack = options.heldBack ?? [];
  const start = process.hrtime.bigint();
  const figures: FuzzFigures = {
    seed: options.seed,
    cases: 0,
    valid: 0,
    broken: 0,
    accepted: 0,
    rejected: 0,
    seconds: 0,
    errorKinds: new Map(),
    mutations: new Map(),
    failures: new Map(),
  };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let run = 0;
  fc.check(
    fc.property(fuzzCases(mutationsFor(heldBack)), (fuzzCase) => {
      const outcome = runCaseOrReport(workspace, fuzzCase);
      const f = figures as { -readonly [K in keyof FuzzFigures]: FuzzFigures[K] };
      f.cases++;
      outcome.valid ? f.valid++ : f.broken++;
      outcome.accepted ? f.accepted++ : f.rejected++;
      outcome.errors.forEach((e) => count(f.errorKinds, errorKind(e)));
      outcome.applied.forEach((a) => count(f.mutations, a.split(':')[0]));
      for (const name of new Set(outcome.violations.map((v) => failureClass(v, outcome, heldBack)))) {
        const known = figures.failures.get(name);
        if (known) {
          known.count++;
        } else {
          const defect = Object.keys(KNOWN_DEFECTS).find((id) => name === `known defect ${id}`);
          figures.failures.set(name, { name, ...(defect && { defect }), count: 1, firstRun: run, example: [...outcome.applied, ...outcome.violations] });
        }
      }
      run++;
      options.onProgress?.(run);
      return true;
    }),
    { seed: options.seed, numRuns: options.runs },
  );
  (figures as { seconds: number }).seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return figures;
}

/** The smallest case that still shows the failure class, as fast-check shrinks it from the first run that showed it. */
export function shrink(workspace: FuzzWorkspace, figures: FuzzFigures, failure: FailureClass, heldBack: readonly string[] = []): { fuzzCase: FuzzCase; outcome: CaseOutcome } | undefined {
  const result = fc.check(
    fc.property(fuzzCases(mutationsFor(heldBack)), (fuzzCase) => {
      const outcome = runCaseOrReport(workspace, fuzzCase);
      return !outcome.violations.some((v) => failureClass(v, outcome, heldBack) === failure.name);
    }),
    { seed: figures.seed, path: String(failure.firstRun), numRuns: figures.cases },
  );
  if (!result.failed || result.counterexample === null) {
    return undefined;
  }
  const [fuzzCase] = result.counterexample;
  return { fuzzCase, outcome: runCase(workspace, fuzzCase) };
}

/** runCase, with a failure of the harness itself reported as a violation rather than ending the run. */
function runCaseOrReport(workspace: FuzzWorkspace, fuzzCase: FuzzCase): CaseOutcome {
  try {
    return runCase(workspace, fuzzCase);
  } catch (err) {
    const applied = fuzzCase.mutations.map((m) => m.name);
    return { valid: applied.length === 0, accepted: false, errors: [], warnings: [], applied, violations: [`the fuzz harness failed: ${(err as Error).stack?.split('\n').slice(0, 3).join(' ')}`] };
  }
}

/** A failure's class: the known defect that explains it, else what broke, with names, numbers and quoted values left out. */
export function failureClass(violation: string, outcome: CaseOutcome, heldBack: readonly string[]): string {
  const defect = Object.keys(KNOWN_DEFECTS).find((id) => KNOWN_DEFECTS[id].violation.test(violation));
  if (defect !== undefined && (heldBack.length === 0 || heldBack.includes(defect))) {
    return `known defect ${defect}`;
  }
  const mutation = outcome.applied[0]?.split(':')[0] ?? 'valid topology';
  return `${mutation}: ${normalize(violation)}`;
}

function errorKind(error: string): string {
  const text = error.replace(/^.*?:\d+:\d+: /, '');
  const yaml = /^(YAML syntax error \([A-Z_]+\)|key .* appears twice)/.exec(text);
  if (yaml) {
    return yaml[1].startsWith('key') ? 'duplicate key' : yaml[1];
  }
  // `clusters[1].podCIDR: "10.9.0.0/33" is not a CIDR block (allowed: ...): hint` → `clusters[].podCIDR: is not a CIDR block`
  const [path, ...rest] = text.split(': ');
  const problem = rest.join(': ').replace(/^(".*?"|[^\s]+ )?/, (m) => (m.startsWith('"') || /^[-\d[{tfn]/.test(m) ? '' : m));
  return `${normalize(path)}: ${normalize(problem).split(/ \(allowed|: /)[0].slice(0, 70)}`;
}

function normalize(text: string): string {
  return text
    .replace(/\[\d+\]/g, '[]')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

export { AWAITING_FIX, explainedBy, materialize };
