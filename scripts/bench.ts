// Measures `npx cdk8s synth`: wall time and peak memory for the example mesh
// and for a large generated one. Figures, not a test: run it on an idle machine.
//   npm run bench [-- --runs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > -1 ? Number(process.argv[runsFlag + 1]) : 7;

interface Sample {
  readonly seconds: number;
  readonly maxRssKb: number;
}

/** One synth through the real CLI, timed by GNU time for the peak RSS of the whole process tree's largest member. */
function synthOnce(topology: string, out: string): Sample {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', join(root, 'node_modules', '.bin', 'cdk8s'), 'synth', '--output', out], {
    cwd: root,
    // The CLI's upgrade check asks the npm registry over plain http and fails offline; users online hit a 30-minute cache.
    env: { ...process.env, MESH_TOPOLOGY: topology, CDK8S_CHECK_UPGRADE: 'false' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`synth failed:\n${result.stderr}`);
  }
  const [seconds, rss] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, maxRssKb: rss };
}

function report(name: string, topology: string): void {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'dist');
  synthOnce(topology, out); // warm tsx's transform cache and the page cache
  const samples = Array.from({ length: runs }, () => synthOnce(topology, out));
  const times = samples.map((s) => s.seconds).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const rss = Math.max(...samples.map((s) => s.maxRssKb));
  console.log(`${name}: median ${median.toFixed(2)} s, min ${times[0].toFixed(2)} s, max ${times[times.length - 1].toFixed(2)} s over ${runs} runs; peak RSS ${(rss / 1024).toFixed(0)} MiB`);
}

/** The example mesh with `count` remotes, each with its own networks. */
function largeMesh(count: number): string {
  const example = readFileSync(join(root, 'mesh.yaml'), 'utf8');
  const head = example.slice(0, example.indexOf('  - name: remote-east'));
  const remotes = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return `  - name: remote-${n}
    role: remote
    podCIDR: 10.${100 + n}.0.0/16
    serviceCIDR: 172.${16 + (n % 16)}.${Math.floor(n / 16) * 16}.0/20
    apiServer: https://remote-${n}.example.com:6443
    injectionNamespaces: [app-${n}]
    pilotSelectorlessService: ${n % 2 === 0}
`;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'bench-mesh-')), 'mesh.yaml');
  writeFileSync(file, head + remotes.join(''));
  return file;
}

console.log(`node ${process.version}, ${runs} runs each, after one warm-up`);
report('example mesh (1 primary, 2 remotes)', join(root, 'mesh.yaml'));
report('large mesh (1 primary, 100 remotes)', largeMesh(100));
