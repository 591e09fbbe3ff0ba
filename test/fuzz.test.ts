import fc from 'fast-check';
import { AWAITING_FIX, fuzzCases, KNOWN_DEFECTS, materialize, mutationsFor, runCase } from './support/fuzz/fuzz-case';
import { fuzzSeed } from './support/fuzz/fuzz-run';
import { FuzzWorkspace } from './support/fuzz/workspace';

// A few hundred cases of `npm run fuzz` (test/support/fuzz/report.ts runs 10,000), with a
// fixed seed so CI runs the same ones: FUZZ_SEED=<n> replays another run,
// FUZZ_RUNS=<n> changes how many.
const SEED = fuzzSeed();
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

describe('synth on generated topologies (issue 12)', () => {
  const workspace = new FuzzWorkspace();
  afterAll(() => workspace.cleanup());

  it(`never crashes, locates every error, writes nothing on error, and writes valid, deterministic output without duplicate identities (seed ${SEED})`, () => {
    // GIVEN valid topologies and topologies broken at the data and text level,
    // leaving out the mutations of defects whose fixes have not landed
    const cases = fuzzCases(mutationsFor(AWAITING_FIX));
    // WHEN each goes through synth, THEN every property holds
    fc.assert(
      fc.property(cases, (fuzzCase) => {
        const outcome = runCase(workspace, fuzzCase);
        const unexplained = outcome.violations.filter((v) => !AWAITING_FIX.some((id) => KNOWN_DEFECTS[id].violation.test(v)));
        if (unexplained.length > 0) {
          throw new Error(
            [`mutations: ${outcome.applied.join('; ') || 'none (a valid topology)'}`, ...unexplained.map((v) => `violation: ${v}`), 'mesh.yaml:', materialize(fuzzCase).text].join('\n'),
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // A shared runner may be several times slower than an idle one; a failure also spends time shrinking.
  }, 300_000);

  it('generates valid topologies that synth accepts, and broken ones it rejects', () => {
    // GIVEN a sample of the cases the property above runs
    const sample = fc.sample(fuzzCases(mutationsFor(AWAITING_FIX)), { seed: SEED, numRuns: 30 });
    // WHEN they go through synth
    const outcomes = sample.map((fuzzCase) => runCase(workspace, fuzzCase));
    // THEN both kinds are there: the property is not vacuous
    expect(outcomes.filter((o) => o.valid && o.accepted).length).toBeGreaterThan(3);
    expect(outcomes.filter((o) => !o.valid && !o.accepted && o.errors.length > 0).length).toBeGreaterThan(3);
  }, 120_000);
});
