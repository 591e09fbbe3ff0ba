import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { errorsOf } from '../../istio/global-values-rules';
import { checkIstioOverlay, ISTIO_DEFAULTS, istioValuesOverlaySchema, mergeIstioValues } from '../../istio/istio-values';
import { checkIstioValues } from '../../istio/istio-values-rules';
import { describeWithShared } from '../support/shared-reference';

const NOT_BUILT = ['grafana', 'kiali', 'servicegraph', 'certmanager', 'ingress'];

describeWithShared(['reference', 'istio-1.0.7'], 'the istio model against the chart', (dir) => {
  const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8'));

  test("ISTIO_DEFAULTS is the chart's values.yaml, subchart blocks included", () => {
    // GIVEN the chart's defaults, where keys it leaves empty (null) are absent or empty lists here
    const chart = read('values.yaml');
    delete chart.global.proxy.envoyStatsd.host;
    delete chart.global.proxy.envoyStatsd.port;
    chart.global.imagePullSecrets = [];
    for (const block of [chart.tracing.ingress, chart.tracing.jaeger.ingress]) {
      delete block.annotations;
      delete block.tls;
    }
    // keys the templates read that values.yaml leaves out, at what their absence means
    chart.global.omitSidecarInjectorConfigMap = false;
    // the subcharts not built keep only `enabled`: their other keys are accepted, not modelled
    for (const name of NOT_BUILT) {
      chart[name] = { enabled: chart[name].enabled };
    }
    // THEN every other key and default is the chart's
    expect(ISTIO_DEFAULTS).toEqual(chart);
  });

  const RELEASE_FILES = [
    'values.yaml',
    'values-istio.yaml',
    'values-istio-multicluster.yaml',
    'values-istio-auth.yaml',
    'values-istio-auth-multicluster.yaml',
    'values-istio-galley.yaml',
    'values-istio-auth-galley.yaml',
    'values-istio-one-namespace.yaml',
    'values-istio-one-namespace-auth.yaml',
    'values-istio-gateways.yaml',
  ];

  test.each(RELEASE_FILES)('the release file %s passes as -f unchanged', (file) => {
    // GIVEN the file as the release ships it
    const overlay = read(file);
    // WHEN checked, merged and checked again
    const overlayErrors = errorsOf(checkIstioOverlay(overlay));
    const values = mergeIstioValues(overlay);
    // THEN nothing stops it; what it sets is in the merged tree
    expect(overlayErrors).toEqual([]);
    expect(errorsOf(checkIstioValues(values))).toEqual([]);
    if (overlay.global?.mtls) {
      expect(values.global.mtls.enabled).toBe(overlay.global.mtls.enabled);
    }
  });

  test('the gateways file adds a gateway of its own name and turns the control plane off', () => {
    const values = mergeIstioValues(read('values-istio-gateways.yaml'));
    expect(values.gateways['custom-gateway']).toMatchObject({ enabled: true, labels: { app: 'custom-gateway' }, type: 'LoadBalancer' });
    expect(values.gateways['custom-gateway'].ports).toHaveLength(7);
    // the shipped gateways keep their defaults beside it
    expect(values.gateways['istio-ingressgateway']?.ports).toHaveLength(8);
    expect(values.security.enabled).toBe(false);
    expect(values.global.omitSidecarInjectorConfigMap).toBe(true);
    expect([values.pilot.enabled, values.mixer.enabled, values.galley.enabled, values.sidecarInjectorWebhook.enabled]).toEqual([false, false, false, false]);
  });

  test('warns about the keys the release files set that the chart does not read', () => {
    const findings = checkIstioOverlay(read('values-istio-galley.yaml'));
    expect(findings.map((f) => [f.severity, f.path.join('.')])).toEqual([
      ['warning', 'global.refreshInterval'],
      ['warning', 'istiotesting'],
    ]);
  });

  test.each([
    ['values-istio-demo.yaml', ['grafana.enabled', 'servicegraph.enabled']],
    ['values-istio-demo-auth.yaml', ['grafana.enabled', 'servicegraph.enabled']],
  ])('fails when the release file %s turns on what is not built', (file, paths) => {
    // GIVEN the demo file, valid for the chart
    const overlay = read(file);
    expect(errorsOf(checkIstioOverlay(overlay))).toEqual([]);
    // WHEN its merged values are checked
    const findings = errorsOf(checkIstioValues(mergeIstioValues(overlay)));
    // THEN each subchart it turns on that is not built is named
    expect(findings.map((f) => f.path.join('.'))).toEqual(paths);
    expect(findings[0]).toMatchObject({ value: true, problem: 'turns on grafana, which istio-mesh-synth does not build', allowed: 'false' });
  });
});

describe('checkIstioOverlay', () => {
  test('accepts the keys of a subchart that is not built while it stays off', () => {
    const overlay = { grafana: { enabled: false, image: { repository: 'grafana/grafana', tag: '5.2.3' }, security: { enabled: true } }, kiali: { hub: 'x' } };
    expect(checkIstioOverlay(overlay)).toEqual([]);
  });

  test('accepts any gateway name, with the fields of a gateway', () => {
    const overlay = { gateways: { 'my-gateway': { enabled: true, labels: { istio: 'mine' }, ports: [{ port: 80, name: 'http2' }] } } };
    expect(checkIstioOverlay(overlay)).toEqual([]);
    expect(istioValuesOverlaySchema.parse(overlay)).toEqual(overlay);
  });

  test('fails when a gateway of its own name has a field no gateway has', () => {
    const [finding] = checkIstioOverlay({ gateways: { 'my-gateway': { enabled: true, replicas: 2 } } });
    expect(finding).toMatchObject({ path: ['gateways', 'my-gateway', 'replicas'], problem: 'is not a value of the istio chart' });
    expect(finding.allowed).toContain('replicaCount');
  });

  test('fails when a key is unknown, listing the keys allowed there', () => {
    const [finding] = checkIstioOverlay({ pilot: { traceSampeling: 100 } });
    expect(finding).toMatchObject({ path: ['pilot', 'traceSampeling'], problem: 'is not a value of the istio chart' });
    expect(finding.allowed).toContain('traceSampling');
  });

  test('fails when a value has the wrong type or range, with the default as the example', () => {
    expect(checkIstioOverlay({ global: { proxy: { statusPort: '15020' } } })[0]).toMatchObject({ problem: 'is not a number', hint: "write it like the chart's default, 0" });
    expect(checkIstioOverlay({ pilot: { traceSampling: 101 } })[0]).toMatchObject({ path: ['pilot', 'traceSampling'], problem: 'is above 100' });
    expect(checkIstioOverlay({ gateways: { 'istio-egressgateway': { type: 'External' } } })[0].problem).toBe('is not one of "ClusterIP", "NodePort", "LoadBalancer"');
  });

  test("accepts the add-ons' own resources, which their templates read over global.defaultResources", () => {
    const resources = { requests: { cpu: '100m' } };
    const overlay = { galley: { resources }, prometheus: { resources }, tracing: { resources } };
    expect(checkIstioOverlay(overlay)).toEqual([]);
    const values = mergeIstioValues(overlay);
    expect([values.galley.resources, values.prometheus.resources, values.tracing.resources]).toEqual([resources, resources, resources]);
  });

  test("accepts mixer.resources and mixer.nodeSelector, which the mixer templates read and values.yaml leaves out", () => {
    // GIVEN
    const overlay = { mixer: { resources: { requests: { cpu: '500m' } }, nodeSelector: { pool: 'telemetry' } } };
    // WHEN
    const values = mergeIstioValues(overlay);
    // THEN
    expect(checkIstioOverlay(overlay)).toEqual([]);
    expect([values.mixer.resources, values.mixer.nodeSelector]).toEqual([{ requests: { cpu: '500m' } }, { pool: 'telemetry' }]);
    expect([ISTIO_DEFAULTS.mixer.resources, ISTIO_DEFAULTS.mixer.nodeSelector]).toEqual([undefined, undefined]);
  });

  test('fails when a mixer.nodeSelector label has no text value', () => {
    expect(checkIstioOverlay({ mixer: { nodeSelector: { pool: 3 } } })[0]).toMatchObject({ path: ['mixer', 'nodeSelector', 'pool'] });
  });

  test('fails when null would leave a hole the templates need', () => {
    expect(checkIstioOverlay({ mixer: { image: null } })[0]).toMatchObject({ path: ['mixer', 'image'], problem: 'must be a string, not empty' });
  });
});

describe('mergeIstioValues', () => {
  test('returns the defaults without overlays', () => {
    expect(mergeIstioValues()).toEqual(ISTIO_DEFAULTS);
  });

  test('merges maps, replaces lists, and removes with null, as Helm does', () => {
    // GIVEN two overlays
    const values = mergeIstioValues(
      { gateways: { 'istio-ingressgateway': { type: 'NodePort', ports: [{ port: 80, name: 'http2' }] } }, pilot: { env: { GODEBUG: null } } },
      { gateways: { 'istio-ilbgateway': null }, pilot: { resources: null } },
    );
    // THEN
    expect(values.gateways['istio-ingressgateway']).toMatchObject({ type: 'NodePort', ports: [{ port: 80, name: 'http2' }], replicaCount: 1 });
    expect(values.gateways['istio-ilbgateway']).toBeUndefined();
    expect(values.pilot.env).toEqual({ PILOT_PUSH_THROTTLE_COUNT: 100 });
    expect(values.pilot.resources).toBeUndefined();
    expect(ISTIO_DEFAULTS.pilot.resources).toEqual({ requests: { cpu: '500m', memory: '2048Mi' } });
  });
});
