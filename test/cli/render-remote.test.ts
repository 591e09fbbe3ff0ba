import { parseAllDocuments } from 'yaml';
import { renderRemote } from '../../cli/render-remote';

/** Runs the command in-process with files from a map. */
function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = renderRemote(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (!(path in files)) {
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      }
      return files[path];
    },
  });
  const objects = parseAllDocuments(stdout).map((doc) => doc.toJS());
  return { code, stdout, stderr, objects };
}

const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const meshOf = (objects: any[]) => find(objects, 'ConfigMap', 'istio').data.mesh as string;
const PILOT = '--set=global.remotePilotAddress=10.8.0.12';

describe('render-remote', () => {
  test('prints the istio-remote objects as multi-document YAML', () => {
    // GIVEN only the required value
    // WHEN rendered
    const { code, stderr, objects } = run(['--set', 'global.remotePilotAddress=10.8.0.12']);
    // THEN the install set, without the cleanup hook
    expect([code, stderr]).toEqual([0, '']);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain('Deployment/istio-citadel');
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain('MutatingWebhookConfiguration/istio-sidecar-injector');
    expect(find(objects, 'Job', 'istio-cleanup-secrets')).toBeUndefined();
    expect(meshOf(objects)).toContain('discoveryAddress: 10.8.0.12:15007');
  });

  test('types --set values and reads several assignments separated by commas', () => {
    // WHEN booleans and numbers come through --set
    const { code, objects } = run([
      '--set',
      'global.remotePilotAddress=10.8.0.12,global.controlPlaneSecurityEnabled=true,security.replicaCount=2',
      '--set',
      'sidecarInjectorWebhook.enabled=false',
    ]);
    // THEN they act as booleans and numbers
    expect(code).toBe(0);
    expect(meshOf(objects)).toContain('discoveryAddress: 10.8.0.12:15005');
    expect(find(objects, 'Deployment', 'istio-citadel').spec.replicas).toBe(2);
    expect(find(objects, 'Deployment', 'istio-sidecar-injector')).toBeUndefined();
  });

  test('applies -f files in order, then --set, then --set-string', () => {
    // GIVEN two files and flags that set the same keys
    const files = {
      'a.yaml': 'global:\n  remotePilotAddress: 10.0.0.1\n  hub: a.example/istio\n  tag: a\n',
      'b.yaml': 'global:\n  hub: b.example/istio\n',
    };
    // WHEN rendered
    const { code, objects } = run(['-f', 'a.yaml', '--values=b.yaml', '--set-string', 'global.tag=9', '--set', 'global.tag=1.0.7', '--namespace', 'mesh'], files);
    // THEN later files beat earlier ones, --set beats files, --set-string comes last
    expect(code).toBe(0);
    const citadel = find(objects, 'Deployment', 'istio-citadel');
    expect(citadel.spec.template.spec.containers[0].image).toBe('b.example/istio/citadel:9');
    expect(citadel.metadata.namespace).toBe('mesh');
    expect(meshOf(objects)).toContain('discoveryAddress: 10.0.0.1:15007');
  });

  test('accepts --name as helm template does', () => {
    expect(run(['--name', 'istio-remote', PILOT]).code).toBe(0);
  });

  test('prints usage with --help', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: /);
  });

  test('warns, and renders port 9125, when statsd has a host and no port', () => {
    // WHEN statsd is on without a port, as in the Istio 1.0 guide
    const { code, stderr, objects } = run([PILOT, '--set', 'global.proxy.envoyStatsd.enabled=true,global.proxy.envoyStatsd.host=10.8.0.15']);
    // THEN the chart's broken `host:` becomes host:9125, with a warning
    expect(code).toBe(0);
    expect(meshOf(objects)).toContain('statsdUdpAddress: 10.8.0.15:9125');
    expect(stderr).toMatch(/^--set global\.proxy\.envoyStatsd\.enabled=true,global\.proxy\.envoyStatsd\.host=10\.8\.0\.15: global\.proxy\.envoyStatsd\.port: warning: is not set: 9125 is used/);
  });

  describe('bad values: exit 2, every problem on stderr, nothing on stdout', () => {
    function expectRejected(result: ReturnType<typeof run>, ...messages: RegExp[]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      for (const message of messages) {
        expect(result.stderr).toMatch(message);
      }
    }

    test('fails when a key is unknown, pointing at its line and column in the file', () => {
      const files = { 'v.yaml': 'global:\n  remotePilotAddress: 10.8.0.12\n  remotePilotAdress: 10.8.0.13\n' };
      expectRejected(run(['-f', 'v.yaml'], files), /^v\.yaml:3:3: global\.remotePilotAdress: is not a value of the istio-remote chart \(allowed: .*remotePilotAddress/);
    });

    test('fails when a --set key is unknown', () => {
      expectRejected(run([PILOT, '--set', 'sidecarInjector.enabled=false']), /^--set sidecarInjector\.enabled=false: sidecarInjector: is not a value of the istio-remote chart/);
    });

    test('fails when a value has the wrong type', () => {
      expectRejected(
        run([PILOT, '--set-string', 'global.mtls.enabled=true']),
        /global\.mtls\.enabled: "true" is not a boolean/,
      );
    });

    test('fails when the selector-less Endpoints would get a host name', () => {
      const files = { 'v.yaml': 'global:\n  remotePilotCreateSvcEndpoint: true\n  remotePilotAddress: pilot.example.com\n' };
      expectRejected(
        run(['-f', 'v.yaml'], files),
        /^v\.yaml:3:3: global\.remotePilotAddress: "pilot\.example\.com" is a host name, but remotePilotCreateSvcEndpoint=true writes it into Endpoints/,
      );
    });

    test('fails when statsd is on without a host', () => {
      expectRejected(
        run([PILOT, '--set', 'global.proxy.envoyStatsd.enabled=true']),
        /global\.proxy\.envoyStatsd\.host: is missing, but envoyStatsd\.enabled=true/,
      );
    });

    test('fails when the Pilot address is missing, naming the chart default as the source', () => {
      expectRejected(run([]), /^istio-remote defaults: global\.remotePilotAddress: "" is empty/);
    });

    test('fails when a --set is malformed', () => {
      expectRejected(run(['--set', 'global.remotePilotAddress']), /^--set global\.remotePilotAddress: \(document\): "global\.remotePilotAddress" has no value for key/);
    });

    test('fails when a values file cannot be read', () => {
      expectRejected(run([PILOT, '-f', 'missing.yaml']), /^missing\.yaml: \(document\): cannot be read \(ENOENT/);
    });

    test('fails when a values file is not YAML', () => {
      expectRejected(run([PILOT, '-f', 'bad.yaml'], { 'bad.yaml': 'global:\n  hub: [unclosed\n' }), /^bad\.yaml:\d+:\d+: \(document\): is not valid YAML/);
    });

    test('fails when an option is unknown or lacks its value', () => {
      expectRejected(run([PILOT, '--output', 'x']), /^render-remote: \(document\): "--output" is not an option of render-remote/);
      expectRejected(run([PILOT, '-f']), /"-f" needs a value/);
    });

    test('fails when the namespace is not a DNS-1123 label', () => {
      expectRejected(run([PILOT, '--namespace', 'Istio_System']), /^--namespace: \(document\): "Istio_System" is not a DNS-1123 label/);
    });

    test('reports every problem at once', () => {
      const result = run(['--set', 'global.remotePilotAdress=1', '--set', 'security.image=']);
      expectRejected(result, /remotePilotAdress/, /security\.image/);
    });
  });
});
