import { MixerComponent, MixerType } from '../../constructs';
import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

function render(type: MixerType, ...overlays: IstioValuesOverlay[]): any[] {
  const values = mergeIstioValues(...overlays);
  const objects = synthChart(
    (chart) =>
      new MixerComponent(chart, type, { type, namespace: 'mesh', global: values.global, mixer: values.mixer, serviceAccountName: 'istio-mixer-service-account' }),
  );
  validateAgainstK8s(objects);
  return objects;
}

const podOf = (objects: any[], type: MixerType) => objectOf(objects, 'Deployment', `istio-${type}`).spec.template.spec;
const containerOf = (objects: any[], type: MixerType, name: string) => podOf(objects, type).containers.find((c: any) => c.name === name);

describe('MixerComponent', () => {
  test('emits istio-policy: Service, Deployment with mixer and istio-proxy, autoscaler, DestinationRule', () => {
    // GIVEN / WHEN the chart defaults
    const objects = render('policy');
    // THEN
    expect(objects).toMatchSnapshot();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/istio-policy',
      'Deployment/istio-policy',
      'HorizontalPodAutoscaler/istio-policy',
      'DestinationRule/istio-policy',
    ]);
    const deployment = objectOf(objects, 'Deployment', 'istio-policy');
    expect(deployment.metadata.labels).toEqual({ istio: 'mixer' });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'policy', istio: 'mixer', 'istio-mixer-type': 'policy' });
    expect(podOf(objects, 'policy').containers.map((c: any) => c.name)).toEqual(['mixer', 'istio-proxy']);
    expect(podOf(objects, 'policy').affinity).toBeDefined();
    expect(containerOf(objects, 'policy', 'mixer').args).toEqual([
      '--address',
      'unix:///sock/mixer.socket',
      '--configStoreURL=k8s://',
      '--configDefaultNamespace=mesh',
      '--trace_zipkin_url=http://zipkin:9411/api/v1/spans',
      '--numCheckCacheEntries=0',
    ]);
    expect(objectOf(objects, 'Service', 'istio-policy').spec.ports.map((p: any) => p.port)).toEqual([9091, 15004, 9093]);
    expect(objectOf(objects, 'DestinationRule', 'istio-policy').spec.host).toBe('istio-policy.mesh.svc.cluster.local');
  });

  test('emits istio-telemetry with its Prometheus port, no check cache flag and, as the chart, no node affinity', () => {
    // GIVEN / WHEN the chart defaults
    const objects = render('telemetry');
    // THEN
    expect(objects).toMatchSnapshot();
    expect(objectOf(objects, 'Service', 'istio-telemetry').spec.ports.map((p: any) => p.port)).toEqual([9091, 15004, 9093, 42422]);
    expect(containerOf(objects, 'telemetry', 'mixer').args).not.toContain('--numCheckCacheEntries=0');
    expect(containerOf(objects, 'telemetry', 'istio-proxy').args).toEqual(
      expect.arrayContaining(['istio-telemetry', '/etc/istio/proxy/envoy_telemetry.yaml.tmpl']),
    );
    expect(podOf(objects, 'telemetry').affinity).toBeUndefined();
  });

  test('with control-plane security, the proxy requires mTLS and the DestinationRule originates it on 15004', () => {
    // GIVEN
    const objects = render('policy', { global: { controlPlaneSecurityEnabled: true } });
    // THEN
    expect(containerOf(objects, 'policy', 'istio-proxy').args.slice(-2)).toEqual(['--controlPlaneAuthPolicy', 'MUTUAL_TLS']);
    expect(objectOf(objects, 'DestinationRule', 'istio-policy').spec.trafficPolicy.portLevelSettings).toEqual([
      { port: { number: 15004 }, tls: { mode: 'ISTIO_MUTUAL' } },
    ]);
  });

  test('without control-plane security, the proxy takes plain text and the DestinationRule sets no TLS', () => {
    // GIVEN / WHEN the defaults
    const objects = render('telemetry');
    // THEN
    expect(containerOf(objects, 'telemetry', 'istio-proxy').args.slice(-2)).toEqual(['--controlPlaneAuthPolicy', 'NONE']);
    expect(objectOf(objects, 'DestinationRule', 'istio-telemetry').spec.trafficPolicy.portLevelSettings).toBeUndefined();
  });

  test('drops the autoscaler when mixer.istio-<type>.autoscaleEnabled is false, and takes its bounds otherwise', () => {
    // GIVEN policy without autoscaling, telemetry with its own bounds
    const overlay: IstioValuesOverlay = {
      mixer: { 'istio-policy': { autoscaleEnabled: false }, 'istio-telemetry': { autoscaleMin: 2, autoscaleMax: 9, cpu: { targetAverageUtilization: 60 } } },
    };
    // WHEN
    const policy = render('policy', overlay);
    const telemetry = render('telemetry', overlay);
    // THEN
    expect(policy.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(objectOf(telemetry, 'HorizontalPodAutoscaler', 'istio-telemetry').spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 9,
      metrics: [{ resource: { target: { averageUtilization: 60 } } }],
    });
  });

  test('takes replicas, image, env and resources from the mixer block', () => {
    // GIVEN
    const objects = render('policy', {
      global: { hub: 'registry.example/istio', tag: '1.0.7-fix', imagePullPolicy: 'Always' },
      mixer: { replicaCount: 3, image: 'mixer-debug', env: { ZETA: 1, GODEBUG: 'gctrace=1', ALPHA: true }, resources: { limits: { memory: '1Gi' } } },
    });
    // THEN
    expect(objectOf(objects, 'Deployment', 'istio-policy').spec.replicas).toBe(3);
    const mixer = containerOf(objects, 'policy', 'mixer');
    expect(mixer).toMatchObject({ image: 'registry.example/istio/mixer-debug:1.0.7-fix', imagePullPolicy: 'Always', resources: { limits: { memory: '1Gi' } } });
    // the chart ranges over env by name and quotes every value
    expect(mixer.env).toEqual([
      { name: 'ALPHA', value: 'true' },
      { name: 'GODEBUG', value: 'gctrace=1' },
      { name: 'ZETA', value: '1' },
    ]);
    expect(containerOf(objects, 'policy', 'istio-proxy').image).toBe('registry.example/istio/proxyv2:1.0.7-fix');
  });

  test('falls back to global.defaultResources for an empty mixer.resources and an unset proxy resources', () => {
    // GIVEN
    const objects = render('policy', {
      global: { defaultResources: { requests: { cpu: '30m' } }, proxy: { resources: null } },
      mixer: { resources: {} },
    });
    // THEN
    expect(containerOf(objects, 'policy', 'mixer').resources).toEqual({ requests: { cpu: '30m' } });
    expect(containerOf(objects, 'policy', 'istio-proxy').resources).toEqual({ requests: { cpu: '30m' } });
  });

  test('leaves env out when mixer.env is empty', () => {
    // GIVEN / WHEN the one default variable removed, as Helm removes a key with null
    const objects = render('telemetry', { mixer: { env: { GODEBUG: null } } });
    // THEN
    expect(containerOf(objects, 'telemetry', 'mixer').env).toBeUndefined();
  });

  test("declares only Envoy's Prometheus port while it is on, and 9091 and 15004 when it is off", () => {
    // GIVEN / WHEN
    const on = render('policy', { global: { proxy: { stats: { prometheusPort: 15091 } } } });
    const off = render('policy', { global: { proxy: { stats: { prometheusPort: 0 } } } });
    // THEN
    expect(containerOf(on, 'policy', 'istio-proxy').ports).toEqual([{ containerPort: 15091, protocol: 'TCP', name: 'http-envoy-prom' }]);
    expect(containerOf(off, 'policy', 'istio-proxy').ports).toEqual([{ containerPort: 9091 }, { containerPort: 15004 }]);
  });

  test('puts mixer.nodeSelector on istio-telemetry only, as the chart does', () => {
    // GIVEN
    const overlay: IstioValuesOverlay = { mixer: { nodeSelector: { pool: 'telemetry' } } };
    // WHEN / THEN
    expect(podOf(render('telemetry', overlay), 'telemetry').nodeSelector).toEqual({ pool: 'telemetry' });
    expect(podOf(render('policy', overlay), 'policy').nodeSelector).toBeUndefined();
  });

  test('gives both pods global.priorityClassName, and neither one when it is empty', () => {
    // GIVEN / WHEN
    const overlay: IstioValuesOverlay = { global: { priorityClassName: 'system-cluster-critical' } };
    // THEN
    expect(podOf(render('policy', overlay), 'policy').priorityClassName).toBe('system-cluster-critical');
    expect(podOf(render('telemetry', overlay), 'telemetry').priorityClassName).toBe('system-cluster-critical');
    expect(podOf(render('telemetry'), 'telemetry').priorityClassName).toBeUndefined();
  });
});
