import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { checkIstioValues, enabledGateways } from '../../istio/istio-values-rules';

const check = (...overlays: IstioValuesOverlay[]) => checkIstioValues(mergeIstioValues(...overlays));
const paths = (...overlays: IstioValuesOverlay[]) => check(...overlays).map((f) => `${f.severity ?? 'error'} ${f.path.join('.')}`);

describe('checkIstioValues', () => {
  test("accepts the chart's defaults", () => {
    expect(check()).toEqual([]);
  });

  test.each(['grafana', 'kiali', 'servicegraph', 'certmanager', 'ingress'] as const)('fails when %s is enabled, naming it as not built', (name) => {
    // WHEN a subchart the project does not build is turned on
    const findings = check({ [name]: { enabled: true } });
    // THEN one error names it
    expect(findings).toEqual([expect.objectContaining({ path: [name, 'enabled'], value: true, allowed: 'false' })]);
    expect(findings[0].problem).toBe(`turns on ${name}, which istio-mesh-synth does not build`);
    expect(findings[0].hint).toContain(`${name}.enabled=false`);
  });

  test('accepts a not-built subchart turned on and off again by a later file', () => {
    expect(check({ grafana: { enabled: true } }, { grafana: { enabled: false } })).toEqual([]);
  });

  test("fails when telemetry-gateway routes to grafana or prometheus, which it does not build", () => {
    expect(paths({ 'telemetry-gateway': { grafanaEnabled: true, prometheusEnabled: true } })).toEqual([
      'error telemetry-gateway.grafanaEnabled',
      'error telemetry-gateway.prometheusEnabled',
    ]);
  });

  test('fails when tracing is on with a provider other than jaeger', () => {
    const [finding] = check({ tracing: { enabled: true, provider: 'zipkin' } });
    expect(finding).toMatchObject({ path: ['tracing', 'provider'], value: 'zipkin', allowed: '"jaeger"' });
    expect(check({ tracing: { enabled: false, provider: 'zipkin' } })).toEqual([]);
  });

  test('fails when an enabled gateway of its own name lacks labels or ports', () => {
    expect(paths({ gateways: { 'custom-gateway': { enabled: true } } })).toEqual(['error gateways.custom-gateway.labels', 'error gateways.custom-gateway.ports']);
    // a disabled one, or all gateways off, is not checked
    expect(check({ gateways: { 'custom-gateway': { enabled: false } } })).toEqual([]);
    expect(check({ gateways: { enabled: false, 'custom-gateway': { enabled: true } } })).toEqual([]);
  });

  test('fails when a gateway name cannot name its Service', () => {
    const gateway = { enabled: true, labels: { istio: 'x' }, ports: [{ port: 80, name: 'http2' }] };
    const [finding] = check({ gateways: { Custom_Gateway: gateway } });
    expect(finding).toMatchObject({ path: ['gateways', 'Custom_Gateway'], value: 'Custom_Gateway', problem: 'is not a name a gateway Service can take' });
  });

  test('fails when autoscaleMax is below autoscaleMin', () => {
    expect(
      paths(
        { pilot: { autoscaleMin: 3, autoscaleMax: 2 } },
        { mixer: { 'istio-policy': { autoscaleMin: 4, autoscaleMax: 1 } } },
        { gateways: { 'istio-egressgateway': { autoscaleMin: 2, autoscaleMax: 1 } } },
      ),
    ).toEqual(['error gateways.istio-egressgateway.autoscaleMax', 'error pilot.autoscaleMax', 'error mixer.istio-policy.autoscaleMax']);
    // a turned-off autoscaler is not checked
    expect(check({ mixer: { 'istio-telemetry': { autoscaleEnabled: false, autoscaleMin: 4, autoscaleMax: 1 } } })).toEqual([]);
  });

  test('fails when a gateway autoscales from autoscaleMin without an autoscaleMax', () => {
    // GIVEN a gateway of its own with a minimum only
    const gateway = { enabled: true, labels: { istio: 'mine' }, ports: [{ port: 80, name: 'http2' }], autoscaleMin: 2 };
    // WHEN checked
    const [finding, ...rest] = check({ gateways: { 'my-gateway': gateway } });
    // THEN the maximum is asked for; autoscaleMin=0 means no autoscaler and so nothing to ask
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ path: ['gateways', 'my-gateway', 'autoscaleMax'], allowed: '2 or more' });
    expect(finding.hint).toContain('gateways.my-gateway.autoscaleMax');
    expect(check({ gateways: { 'my-gateway': { ...gateway, autoscaleMin: 0 } } })).toEqual([]);
  });

  test('fails when a ClusterIP gateway sets a node port or an external traffic policy, which Kubernetes refuses', () => {
    // GIVEN the egress gateway, ClusterIP, with both
    const findings = check({
      gateways: { 'istio-egressgateway': { externalTrafficPolicy: 'Local', ports: [{ port: 80, name: 'http2' }, { port: 443, name: 'https', nodePort: 31443 }] } },
    });
    // THEN each is named; on a LoadBalancer both pass
    expect(findings.map((f) => [f.path.join('.'), f.value])).toEqual([
      ['gateways.istio-egressgateway.ports.1.nodePort', 31443],
      ['gateways.istio-egressgateway.externalTrafficPolicy', 'Local'],
    ]);
    expect(findings[0].problem).toBe('is set on a ClusterIP Service, which Kubernetes refuses');
    expect(check({ gateways: { 'istio-ingressgateway': { externalTrafficPolicy: 'Local' } } })).toEqual([]);
  });

  test('fails when global.istioNamespace, which the gateways dial, is not a namespace name', () => {
    const [finding] = check({ global: { istioNamespace: 'Istio_System' } });
    expect(finding).toMatchObject({ path: ['global', 'istioNamespace'], value: 'Istio_System' });
    expect(finding.hint).toContain('"istio-system"');
    expect(check({ global: { istioNamespace: 'mesh-control' } })).toEqual([]);
  });

  test('applies the shared global rules, as for istio-remote', () => {
    expect(paths({ global: { arch: { amd64: 0, s390x: 0, ppc64le: 0 } } })).toEqual(['error global.arch']);
  });
});

describe('enabledGateways', () => {
  test('lists the enabled gateways by name, the chart\'s own and any other', () => {
    const values = mergeIstioValues({ gateways: { 'a-gateway': { enabled: true }, 'istio-ilbgateway': { enabled: true }, 'z-gateway': { enabled: false } } });
    expect(enabledGateways(values).map(([name]) => name)).toEqual(['a-gateway', 'istio-egressgateway', 'istio-ilbgateway', 'istio-ingressgateway']);
    expect(enabledGateways(mergeIstioValues({ gateways: { enabled: false } }))).toEqual([]);
  });
});
