// `npm run fuzz`: property-based fuzzing of synth (issue 12): valid topologies and broken ones
// through load, validate, build and publish, in process. Reports its figures
// and the shrunk case of each class of failure; exits 1 when a failure is not
// a known defect still awaiting its fix.
//   npm run fuzz [-- --runs N] [--seed S]      (FUZZ_SEED also sets the seed)
import { AWAITING_FIX, KNOWN_DEFECTS } from './fuzz-case';
import { fuzzSeed, materialize, runFuzz, shrink } from './fuzz-run';
import { FuzzWorkspace } from './workspace';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > -1 ? process.argv[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 10_000);
const seed = flag('--seed') !== undefined ? Number(flag('--seed')) : fuzzSeed(process.env, Date.now() % 2 ** 31);
const out = (line = '') => process.stdout.write(`${line}\n`);

const workspace = new FuzzWorkspace();
try {
  out(`fuzz: ${runs} cases, seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const figures = runFuzz(workspace, {
    seed,
    runs,
    onProgress: (done) => done % 250 === 0 && process.stderr.write(`  ${done} cases\n`),
  });
  const top = (map: Map<string, number>, n: number) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
  out(`cases: ${figures.cases} in ${figures.seconds.toFixed(1)} s (${((figures.seconds * 1000) / figures.cases).toFixed(1)} ms each)`);
  out(`  valid: ${figures.valid}, broken: ${figures.broken}`);
  out(`  accepted: ${figures.accepted}, rejected: ${figures.rejected}`);
  out(`mutations applied:`);
  top(figures.mutations, 100).forEach(([name, n]) => out(`  ${String(n).padStart(6)}  ${name}`));
  out(`errors by kind (top 25 of ${figures.errorKinds.size}):`);
  top(figures.errorKinds, 25).forEach(([kind, n]) => out(`  ${String(n).padStart(6)}  ${kind}`));
  const failures = [...figures.failures.values()].sort((a, b) => b.count - a.count);
  out(`failures: ${failures.reduce((n, f) => n + f.count, 0)} in ${failures.length} classes`);
  let unexplained = 0;
  for (const failure of failures) {
    const awaiting = failure.defect !== undefined && AWAITING_FIX.includes(failure.defect);
    unexplained += awaiting ? 0 : 1;
    out(`- ${failure.name}: ${failure.count} case(s)${failure.defect ? ` (${KNOWN_DEFECTS[failure.defect].what}${awaiting ? ', awaiting its fix' : ''})` : ''}`);
    const shrunk = shrink(workspace, figures, failure);
    if (shrunk === undefined) {
      failure.example.forEach((line) => out(`    ${line}`));
      continue;
    }
    out('    shrunk case:');
    shrunk.outcome.applied.forEach((line) => out(`      mutation ${line}`));
    shrunk.outcome.violations.forEach((line) => out(`      violation ${line}`));
    out('      mesh.yaml:');
    materialize(shrunk.fuzzCase).text.split('\n').forEach((line) => out(`        ${line}`));
  }
  process.exitCode = unexplained > 0 ? 1 : 0;
} finally {
  workspace.cleanup();
}
