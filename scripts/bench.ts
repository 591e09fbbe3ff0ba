// Measures `npx cdk8s synth` against the cdk8s CLI's own start-up, and its
// growth with the number of clusters. Figures, not a test: run it on a quiet
// machine and read the load average it prints beside them.
//   npm run bench [-- --runs N] [-- --sizes 10,100,1000]
//
// Every command runs once per round, rounds interleaved, so a burst of load
// hits all of them alike and the ratios stay fair. Times are medians over the
// rounds, after one warm-up round that fills the transform and compile caches;
// a ratio is the median of the rounds' own ratios, each from one pair of runs
// a few seconds apart, which other jobs on a busy machine skew least.
// Peak RSS is measured in a separate run of each command, since the probe that
// records it loads into every node process of the tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fleetMesh } from './fleet-mesh';

const ROOT = resolve(__dirname, '..');

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '10,100,1000' } },
});
const RUNS = Number(flags.runs);
const SIZES = flags.sizes.split(',').map(Number);

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const work = mkdtempSync(join(tmpdir(), 'mesh-bench-'));

/** Runs `npx ...args` in the project, as a user would, and returns its wall time in seconds. */
function run(command: Command, env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync('npx', command.args, {
    cwd: ROOT,
    // Offline, the CLI's upgrade check fails after a timeout on every run; users online hit a 30-minute cache.
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...command.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command.name}: npx ${command.args.join(' ')} failed (${result.signal ?? result.status}):\n${result.stderr}`);
  }
  return seconds;
}

// Loaded into every node process of the tree through NODE_OPTIONS: each one
// appends its own peak resident set size (getrusage's ru_maxrss) and its script when it exits.
const PROBE = join(work, 'rss-probe.js');
writeFileSync(
  PROBE,
  `process.on('exit', () => require('node:fs').appendFileSync(process.env.MESH_BENCH_RSS, process.resourceUsage().maxRSS + '\\t' + process.argv[1] + '\\n'));\n`,
);

interface PeakRss {
  /** The cdk8s CLI's own process. */
  readonly cli: number;
  /** The app's process (main.ts), when the command runs it. */
  readonly app?: number;
}

/** Peak RSS in MiB of the CLI's and the app's processes; npx's own process is npm's, not ours. */
function peakRss(command: Command): PeakRss {
  const file = join(work, 'rss.txt');
  rmSync(file, { force: true });
  run(command, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PROBE}`, MESH_BENCH_RSS: file });
  const processes = readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split('\t'));
  const of = (suffix: string) => processes.filter(([, script]) => script.endsWith(suffix)).map(([kib]) => Number(kib) / 1024)[0];
  return { cli: of('/cdk8s'), app: of('main.ts') };
}

function generatedMesh(count: number): string {
  const dir = join(work, `mesh-${count}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'mesh.yaml'), fleetMesh(readFileSync(join(ROOT, 'mesh.yaml'), 'utf8'), count));
  return join(dir, 'mesh.yaml');
}

function synth(name: string, topology: string): Command {
  return { name, args: ['cdk8s', 'synth', '--output', join(work, `out-${name.replace(/\W+/g, '-')}`, 'dist')], env: { MESH_TOPOLOGY: topology } };
}

const mib = (x: number | undefined) => (x === undefined ? '   -' : x.toFixed(0).padStart(4)) + (x === undefined ? '    ' : ' MiB');
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function main(): void {
  const floor: Command = { name: 'CLI floor (npx cdk8s --version)', args: ['cdk8s', '--version'] };
  const example = synth('example mesh', join(ROOT, 'mesh.yaml'));
  const sized = SIZES.map((n) => ({ n, command: synth(`${n} remotes`, generatedMesh(n)) }));
  const commands = [floor, example, ...sized.map((s) => s.command)];

  console.log(`node ${process.version}, ${cpus().length} cores, ${RUNS} interleaved rounds after one warm-up; load average ${load()}`);
  const times = new Map<Command, number[]>(commands.map((c) => [c, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const command of commands) {
      const seconds = run(command);
      if (round > 0) times.get(command)!.push(seconds);
    }
  }
  const rss = new Map(commands.map((c) => [c, peakRss(c)]));
  const t = (c: Command) => median(times.get(c)!);

  const rows = commands.map((c) => {
    const samples = times.get(c)!;
    const ratio = c === floor ? '' : `  ${(t(c) / t(floor)).toFixed(2)}x floor`;
    return `${c.name.padEnd(32)} ${t(c).toFixed(2).padStart(6)} s  (${Math.min(...samples).toFixed(2)}-${Math.max(...samples).toFixed(2)})  peak RSS ${mib(rss.get(c)!.app)} app, ${mib(rss.get(c)!.cli)} CLI${ratio}`;
  });
  console.log(rows.join('\n'));
  const ratio = (a: Command, b: Command) => {
    const [as, bs] = [times.get(a)!, times.get(b)!];
    return `${median(as.map((x, i) => x / bs[i])).toFixed(2)} (ratio of the medians ${(t(a) / t(b)).toFixed(2)})`;
  };
  console.log(`example / floor: ${ratio(example, floor)}, target <= 1.35`);
  const at = (n: number) => sized.find((s) => s.n === n)?.command;
  const [t100, t1000] = [at(100), at(1000)];
  if (t100 && t1000) {
    console.log(`t(1000 remotes) / t(100 remotes): ${ratio(t1000, t100)}, target <= 8`);
  }
  console.log(`load average at the end: ${load()}`);
}

try {
  main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
