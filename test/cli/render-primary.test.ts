import { renderPrimary } from '../../cli/render-primary';
import { IstioControlPlane } from '../../constructs/istio-control-plane';
import { crdName, ISTIO_CRDS } from '../../istio/crds';
import { type IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { expectRejected, runRender } from '../support/render-command';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

/** Runs the command in-process with files from a map. */
function run(argv: string[], files: Record<string, string> = {}, stdin?: string) {
  return runRender(renderPrimary, argv, files, stdin);
}

/** What IstioControlPlane itself makes of these values: what the command must print after the CRDs. */
function controlPlaneOf(overlay: IstioValuesOverlay = {}, namespace = 'istio-system'): any[] {
  return synthChart((chart) => new IstioControlPlane(chart, 'istio', { namespace, values: mergeIstioValues(overlay) }));
}

const CRD_COUNT = ISTIO_CRDS.length;
const kindsOf = (objects: readonly any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
const imageOf = (objects: readonly any[], deployment: string) => objectOf(objects, 'Deployment', deployment).spec.template.spec.containers[0].image;

describe('render-primary', () => {
  test("prints the istio chart's CRDs first, then IstioControlPlane's objects for the chart's defaults", () => {
    // GIVEN no values
    // WHEN rendered
    const { code, stderr, objects } = run([]);

    // THEN the 50 CRDs come first, in istio/crds.ts's order, and nothing else is a CRD
    expect([code, stderr]).toEqual([0, '']);
    expect(objects.slice(0, CRD_COUNT).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(ISTIO_CRDS.map((crd) => `CustomResourceDefinition/${crdName(crd)}`));
    expect(objects.slice(CRD_COUNT).filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    // AND the rest is the control plane construct's own output for the defaults
    expect(objects.slice(CRD_COUNT)).toEqual(controlPlaneOf());
    expect(kindsOf(objects)).toEqual(expect.arrayContaining(['Deployment/istio-citadel', 'MutatingWebhookConfiguration/istio-sidecar-injector', 'Deployment/istio-ingressgateway']));
    // AND the post-delete cleanup hook is left out, as render-remote leaves out istio-remote's
    expect(kindsOf(objects)).not.toContain('Job/istio-cleanup-secrets');
    // AND every object is one Kubernetes 1.27 serves
    validateAgainstK8s(objects);
  });

  test('applies --set and --namespace as the construct does for the same values', () => {
    // GIVEN a replica count, a gateway turned off and another namespace
    const argv = ['--set', 'security.replicaCount=2,gateways.istio-egressgateway.enabled=false', '--namespace', 'mesh'];
    // WHEN rendered
    const { code, objects } = run(argv);
    // THEN the output after the CRDs is IstioControlPlane's for those values
    expect(code).toBe(0);
    const controlPlane = objects.slice(CRD_COUNT);
    expect(controlPlane).toEqual(controlPlaneOf({ security: { replicaCount: 2 }, gateways: { 'istio-egressgateway': { enabled: false } } }, 'mesh'));
    expect(objectOf(controlPlane, 'Deployment', 'istio-citadel').spec.replicas).toBe(2);
    expect(objectOf(controlPlane, 'Deployment', 'istio-citadel').metadata.namespace).toBe('mesh');
    expect(kindsOf(controlPlane)).not.toContain('Deployment/istio-egressgateway');
  });

  test('applies -f files in order, then --set', () => {
    // GIVEN two files and a flag that set the same keys
    const files = { 'a.yaml': 'global:\n  hub: a.example/istio\n  tag: a\n', 'b.yaml': 'global:\n  hub: b.example/istio\n' };
    // WHEN rendered
    const { code, stderr, objects } = run(['-f', 'a.yaml', '--values=b.yaml', '--set', 'global.tag=1.0.6'], files);
    // THEN the later file beats the earlier one and --set beats both
    expect([code, stderr]).toEqual([0, '']);
    expect(imageOf(objects, 'istio-citadel')).toBe('b.example/istio/citadel:1.0.6');
  });

  test('prints no CRDs with global.crds=false, as the chart renders none then', () => {
    const { code, objects } = run(['--set', 'global.crds=false']);
    expect(code).toBe(0);
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(objects).toEqual(controlPlaneOf({ global: { crds: false } }));
  });

  test('accepts --name as helm template does, and it changes nothing', () => {
    // The 1.0.7 chart reads .Release.Name only for the label `release:`, which the output leaves out.
    expect(run(['--name', 'mesh-control-plane']).stdout).toBe(run([]).stdout);
  });

  test('warns, and renders, for the keys the release\'s own values files set to no effect, at their line', () => {
    const files = { 'values-istio.yaml': 'global:\n  refreshInterval: 10s\n' };
    const { code, stderr, objects } = run(['-f', 'values-istio.yaml'], files);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^values-istio\.yaml:2:3: global\.refreshInterval: warning: "10s" is not a value of the 1\.0\.7 istio chart's values\.yaml/);
    expect(objects.slice(CRD_COUNT)).toEqual(controlPlaneOf());
  });

  test('prints usage with --help, saying what is left out and what --name does', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run --silent mesh -- render-primary /);
    expect(stdout).toMatch(/post-delete cleanup\s+hook is left out/);
    expect(stdout).toMatch(/--name is helm template's release name/);
  });

  describe('bad values: exit 2, every problem on stderr, nothing on stdout', () => {
    test('fails when a key is unknown, pointing at its line and column in the file', () => {
      const files = { 'v.yaml': 'global:\n  hub: mirror.example/istio\n  hubb: mirror.example/istio\n' };
      expectRejected(run(['-f', 'v.yaml'], files), /^v\.yaml:3:3: global\.hubb: is not a value of the istio chart \(allowed: .*\bhub\b/);
    });

    test('fails when a value has the wrong type, from a file or a flag', () => {
      const files = { 'v.yaml': 'pilot:\n  replicaCount: many\n' };
      expectRejected(run(['-f', 'v.yaml'], files), /^v\.yaml:2:3: pilot\.replicaCount: "many" is not a number/);
      expectRejected(run(['--set-string', 'pilot.enabled=true']), /^--set-string pilot\.enabled=true: pilot\.enabled: "true" is not a boolean/);
    });

    test('fails when a subchart that is not built is enabled, naming it', () => {
      expectRejected(run(['--set', 'grafana.enabled=true']), /^--set grafana\.enabled=true: grafana\.enabled: true turns on grafana, which istio-mesh-synth does not build/);
    });

    test('fails when a values file is not YAML, at the place of the error', () => {
      expectRejected(run(['-f', 'bad.yaml'], { 'bad.yaml': 'global:\n  hub: [unclosed\n' }), /^bad\.yaml:\d+:\d+: is not valid YAML/);
    });

    test('fails when a values file is not one of the istio chart', () => {
      expectRejected(run(['-f', 'remote.yaml'], { 'remote.yaml': 'remotes:\n  - east\n' }), /^remote\.yaml: is not a values file of the istio chart/);
    });

    test('reports every problem at once', () => {
      // GIVEN two subcharts that are not built turned on, one in a file and one by a flag
      const files = { 'v.yaml': 'kiali:\n  enabled: true\n' };
      // WHEN rendered
      const result = run(['-f', 'v.yaml', '--set', 'servicegraph.enabled=true'], files);
      // THEN both are named, each at its source
      expectRejected(result, /^v\.yaml:2:3: kiali\.enabled: /m, /^--set servicegraph\.enabled=true: servicegraph\.enabled: /m);
    });

    test('fails when the namespace is not a DNS-1123 label, beside an unreadable file', () => {
      expectRejected(run(['--namespace', 'Istio_System', '-f', 'missing.yaml']), /^--namespace: "Istio_System" is not a DNS-1123 label/m, /^missing\.yaml: cannot be read \(ENOENT\)/m);
    });
  });
});
