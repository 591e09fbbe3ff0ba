import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../lib/cli-error';
import type { CliIo } from '../../cli/cli-io';
import { discoverCommand } from '../../cli/discover';
import { fakeKubectl } from '../support/fake-kubectl';

const SELECTORS = {
  pilot: 'istio=pilot',
  policy: 'istio-mixer-type=policy',
  telemetry: 'istio-mixer-type=telemetry',
  statsd: 'istio=statsd-prom-bridge',
  zipkin: 'app=jaeger',
} as const;

type Component = keyof typeof SELECTORS;

interface PodFixture {
  readonly name: string;
  readonly ip?: string;
  readonly phase?: string;
  readonly ready?: boolean;
  readonly terminating?: boolean;
}

function pod({ name, ip, phase = 'Running', ready = true, terminating = false }: PodFixture) {
  return {
    metadata: { name, ...(terminating && { deletionTimestamp: '2026-01-01T00:00:00Z' }) },
    status: { phase, ...(ip && { podIP: ip }), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const HEALTHY: Record<Component, PodFixture[]> = {
  pilot: [{ name: 'istio-pilot-7d9f-b', ip: '10.8.1.22' }, { name: 'istio-pilot-7d9f-a', ip: '10.8.1.12' }],
  policy: [{ name: 'istio-policy-5c6-x', ip: '10.8.1.13' }],
  telemetry: [{ name: 'istio-telemetry-6b8-y', ip: '10.8.1.14' }],
  statsd: [{ name: 'istio-statsd-prom-bridge-1', ip: '10.8.1.15' }],
  zipkin: [{ name: 'istio-tracing-0', ip: '10.8.1.16' }],
};

/** kubectl answers for every component, as `kubectl get pods -l ... -o json` prints them. */
function answers(pods: Record<Component, PodFixture[]>, namespace = 'istio-system', context = 'primary'): Record<string, unknown> {
  return Object.fromEntries(
    (Object.keys(SELECTORS) as Component[]).map((c) => [
      `--context ${context} -n ${namespace} get pods -l ${SELECTORS[c]} -o json`,
      { apiVersion: 'v1', kind: 'List', items: pods[c].map(pod) },
    ]),
  );
}

const TOPOLOGY = `# The mesh of the test.
istio:
  namespace: istio-system

# Pod IPs, refreshed by \`discover --write\`.
controlPlane:
  exposure: podIP   # podIP | loadBalancer | gateway
  pilot: 10.8.0.12  # Pilot
  policy: "10.8.0.13"

  telemetry: 10.8.0.14
  zipkin: 10.8.0.16
  statsd:
    enabled: true
    host: 10.8.0.15

clusters:
  - name: primary
    role: primary
    podCIDR: 10.8.0.0/16
    serviceCIDR: 10.96.0.0/16
    apiServer: https://10.0.0.1:6443
  - name: remote-east   # the first remote
    role: remote
    podCIDR: 10.9.0.0/16
    serviceCIDR: 10.97.0.0/16
    apiServer: https://10.0.0.2:6443
`;

describe('discoverCommand', () => {
  let dir: string;
  const folders: string[] = [];

  interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    /** kubectl's arguments, one call each. */
    readonly calls: string[];
  }

  /**
   * kubectlJson runs `kubectl` from the real process's PATH, which a Jest test
   * cannot change (its process.env is a copy), so the command runs in a child
   * process whose PATH finds the fake first, through the dispatcher
   * (cli/mesh.ts), which reports the command's errors.
   */
  function run(argv: string[], fixture: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Run {
    const fake = fakeKubectl(fixture);
    folders.push(fake.dir);
    const script = `const { mesh } = require(${JSON.stringify(require.resolve('../../cli/mesh'))});
process.exitCode = mesh(${JSON.stringify(['discover', ...argv])}, {
  stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env, cwd: ${JSON.stringify(dir)},
});`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...fake.env, MESH_TOPOLOGY: '', ...env }, encoding: 'utf8' });
    const calls = readFileSync(fake.callLog, 'utf8').split('\n').filter((l) => l !== '');
    return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, calls };
  }

  /** For the checks that fail before any kubectl call. */
  function io(): CliIo {
    return { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: dir };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'discover-'));
    folders.push(dir);
  });
  afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  it('prints the address of the first running and ready pod of each component', () => {
    // GIVEN no topology file, so the namespace is istio-system

    // WHEN
    const result = run(['--context', 'primary'], answers(HEALTHY));

    // THEN
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'pilot     10.8.1.12  (istio-pilot-7d9f-a)',
        'policy    10.8.1.13  (istio-policy-5c6-x)',
        'telemetry 10.8.1.14  (istio-telemetry-6b8-y)',
        'statsd    10.8.1.15  (istio-statsd-prom-bridge-1)',
        'zipkin    10.8.1.16  (istio-tracing-0)',
        '',
      ].join('\n'),
    );
    expect(result.calls).toEqual((Object.values(SELECTORS) as string[]).map((s) => `--context primary -n istio-system get pods -l ${s} -o json`));
  });

  it('skips pods that are not ready, not running, terminating or without an IP', () => {
    // GIVEN
    const pilot = [
      { name: 'istio-pilot-a', ip: '10.8.1.1', ready: false },
      { name: 'istio-pilot-b', ip: '10.8.1.2', phase: 'Pending' },
      { name: 'istio-pilot-c', ip: '10.8.1.3', terminating: true },
      { name: 'istio-pilot-d' },
      { name: 'istio-pilot-e', ip: '10.8.1.5' },
    ];

    // WHEN
    const result = run(['--context', 'primary'], answers({ ...HEALTHY, pilot }));

    // THEN
    expect(result.stdout.split('\n')[0]).toBe('pilot     10.8.1.5   (istio-pilot-e)');
  });

  it('fails when a required component has no ready pod, naming its selector', () => {
    // GIVEN a policy pod that is not ready and no telemetry pod at all
    const fixture = answers({ ...HEALTHY, policy: [{ name: 'istio-policy-1', ip: '10.8.1.13', ready: false }], telemetry: [] });

    // WHEN
    const result = run(['--context', 'primary'], fixture);

    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no running and ready pod for policy \(selector istio-mixer-type=policy\) in namespace istio-system on context primary\n/);
    expect(result.stderr).toMatch(/no running and ready pod for telemetry \(selector istio-mixer-type=telemetry\)/);
  });

  it('warns when an optional component has no ready pod', () => {
    // GIVEN / WHEN
    const result = run(['--context', 'primary'], answers({ ...HEALTHY, zipkin: [] }));

    // THEN
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: no running and ready pod for zipkin \(selector app=jaeger\)/);
    expect(result.stdout).not.toMatch(/zipkin/);
  });

  it('says, when no statsd pod runs, that Istio 1.0.7 ships none and statsd needs one of your own', () => {
    // GIVEN the primary as the 1.0.7 chart installs it: no statsd-prom-bridge pod
    // WHEN
    const result = run(['--context', 'primary'], answers({ ...HEALTHY, statsd: [] }));

    // THEN
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: no running and ready pod for statsd .*Istio 1\.0\.7 ships no statsd server .*send to nothing unless you run a statsd yourself\n$/);
  });

  it("reads the topology's control-plane namespace, and --namespace overrides it", () => {
    // GIVEN
    writeFileSync(join(dir, 'mesh.yaml'), TOPOLOGY.replace('namespace: istio-system', 'namespace: mesh-cp'));
    const fixture = { ...answers(HEALTHY, 'mesh-cp'), ...answers(HEALTHY, 'other') };

    // WHEN
    const fromFile = run(['--context', 'primary'], fixture);
    const fromFlag = run(['--context=primary', '--namespace', 'other'], fixture);

    // THEN
    expect(fromFile.calls[0]).toBe('--context primary -n mesh-cp get pods -l istio=pilot -o json');
    expect(fromFlag.calls[0]).toBe('--context primary -n other get pods -l istio=pilot -o json');
  });

  it('--write changes only the addresses in the topology file, keeping comments, layout and mode', () => {
    // GIVEN the file that MESH_TOPOLOGY names, readable by its group
    mkdirSync(join(dir, 'topo'));
    const file = join(dir, 'topo', 'my-mesh.yaml');
    writeFileSync(file, TOPOLOGY);
    chmodSync(file, 0o640);

    // WHEN
    const result = run(['--context', 'primary', '--write'], answers(HEALTHY), { MESH_TOPOLOGY: 'topo/my-mesh.yaml' });

    // THEN
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = TOPOLOGY.replace('pilot: 10.8.0.12  # Pilot', 'pilot: 10.8.1.12  # Pilot')
      .replace('policy: "10.8.0.13"', 'policy: "10.8.1.13"')
      .replace('telemetry: 10.8.0.14', 'telemetry: 10.8.1.14')
      .replace('zipkin: 10.8.0.16', 'zipkin: 10.8.1.16')
      .replace('host: 10.8.0.15', 'host: 10.8.1.15');
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'topo'))).toEqual(['my-mesh.yaml']);
    expect(result.stdout).toMatch(/wrote 5 addresses to topo\/my-mesh.yaml\n$/);
  });

  it('--write adds the addresses a first run does not find in the file', () => {
    // GIVEN a topology written before any discovery
    const text = TOPOLOGY.replace('  pilot: 10.8.0.12  # Pilot\n  policy: "10.8.0.13"\n\n  telemetry: 10.8.0.14\n', '');
    expect(text).not.toMatch(/pilot:|policy:|telemetry:/);
    writeFileSync(join(dir, 'mesh.yaml'), text);

    // WHEN
    const result = run(['--context', 'primary', '--write'], answers(HEALTHY));

    // THEN
    expect(result.stderr).toBe('');
    expect(readFileSync(join(dir, 'mesh.yaml'), 'utf8')).toBe(
      text
        .replace('zipkin: 10.8.0.16', 'zipkin: 10.8.1.16')
        .replace('    host: 10.8.0.15\n', '    host: 10.8.1.15\n  pilot: 10.8.1.12\n  policy: 10.8.1.13\n  telemetry: 10.8.1.14\n'),
    );
  });

  it('--write leaves tracing and statsd off when the topology has them off', () => {
    // GIVEN
    const text = TOPOLOGY.replace('  zipkin: 10.8.0.16\n', '').replace('enabled: true', 'enabled: false');
    writeFileSync(join(dir, 'mesh.yaml'), text);

    // WHEN
    const result = run(['--context', 'primary', '--write'], answers(HEALTHY));

    // THEN
    expect(result.code).toBe(0);
    const written = readFileSync(join(dir, 'mesh.yaml'), 'utf8');
    expect(written).not.toMatch(/zipkin/);
    expect(written).toMatch(/host: 10\.8\.0\.15/);
    expect(result.stderr).toMatch(/the remotes send no spans/);
  });

  it('--write writes nothing when a required component is missing', () => {
    // GIVEN
    writeFileSync(join(dir, 'mesh.yaml'), TOPOLOGY);

    // WHEN
    const result = run(['--context', 'primary', '--write'], answers({ ...HEALTHY, pilot: [{ name: 'istio-pilot-a', ip: '10.8.1.12', ready: false }] }));

    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/selector istio=pilot[\s\S]*mesh\.yaml is unchanged/);
    expect(readFileSync(join(dir, 'mesh.yaml'), 'utf8')).toBe(TOPOLOGY);
  });

  it('fails when --write is given in loadBalancer exposure, before asking the cluster', () => {
    // GIVEN
    const text = TOPOLOGY.replace('exposure: podIP', 'exposure: loadBalancer');
    writeFileSync(join(dir, 'mesh.yaml'), text);

    // WHEN
    const result = run(['--context', 'primary', '--write'], answers(HEALTHY));

    // THEN
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/controlPlane.exposure is loadBalancer, so its addresses are load balancer addresses, not pod IPs/);
    expect(result.calls).toEqual([]);
    expect(readFileSync(join(dir, 'mesh.yaml'), 'utf8')).toBe(text);
  });

  it('fails when --write finds no topology file', () => {
    // GIVEN an empty folder / WHEN / THEN
    expect(() => discoverCommand(['--context', 'primary', '--write'], io())).toThrow(/mesh\.yaml: cannot read the topology file \(no such file\)/);
  });

  it('fails when --context is missing', () => {
    // GIVEN / WHEN / THEN
    expect(() => discoverCommand(['--write'], io())).toThrow(CliError);
    expect(() => discoverCommand(['--write'], io())).toThrow(/--context is required/);
  });

  it('fails when an argument is unknown', () => {
    // GIVEN / WHEN / THEN
    expect(() => discoverCommand(['--context', 'primary', '--force'], io())).toThrow(/"--force" is not an option of discover/);
  });
});
