import { mergeIstioValues } from '../../istio/istio-values';
import { IstioControlPlane, Tracing } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('Tracing', () => {
  test("emits the chart's Jaeger all-in-one and its five Services by default", () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new Tracing(chart, 'tracing'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/istio-tracing',
      'Service/jaeger-query',
      'Service/jaeger-collector',
      'Service/jaeger-agent',
      'Service/zipkin',
      'Service/tracing',
    ]);
    const deployment = objectOf(objects, 'Deployment', 'istio-tracing');
    // the Deployment is labelled apart from its pods, which every Service selects
    expect(deployment.metadata.labels).toEqual({ app: 'istio-tracing' });
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'jaeger' } });
    expect(objects.filter((o) => o.kind === 'Service').every((s) => s.spec.selector.app === 'jaeger')).toBe(true);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBeUndefined();
    expect(pod.containers[0].image).toBe('docker.io/jaegertracing/all-in-one:1.5');
    expect(objectOf(objects, 'Service', 'zipkin').spec.ports).toEqual([{ port: 9411, targetPort: 9411, protocol: 'TCP', name: 'http' }]);
    expect(objectOf(objects, 'Service', 'jaeger-agent').spec.clusterIP).toBe('None');
  });

  test('takes the Zipkin port, Service type and annotations, Jaeger image, trace memory and replicas from the values', () => {
    // GIVEN non-default values
    const values = mergeIstioValues({
      global: { hub: 'registry.example/istio', priorityClassName: 'system-cluster-critical' },
      tracing: {
        enabled: true,
        replicaCount: 2,
        resources: { limits: { memory: '1Gi' } },
        jaeger: { hub: 'registry.example/jaeger', tag: '1.6', memory: { max_traces: 1000 } },
        service: { annotations: { 'cloud.example/internal': 'yes' }, name: 'http-zipkin', type: 'LoadBalancer', externalPort: 80, internalPort: 9412 },
      },
    });
    // WHEN
    const objects = synthChart((chart) => new Tracing(chart, 'tracing', { namespace: 'mesh', global: values.global, tracing: values.tracing }));
    // THEN
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'istio-tracing');
    expect(deployment.metadata.namespace).toBe('mesh');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
    const container = deployment.spec.template.spec.containers[0];
    expect(container).toMatchObject({ image: 'registry.example/jaeger/all-in-one:1.6', resources: { limits: { memory: '1Gi' } } });
    expect(container.ports[0]).toEqual({ containerPort: 9412 });
    expect(container.env.slice(1)).toEqual([
      { name: 'COLLECTOR_ZIPKIN_HTTP_PORT', value: '9412' },
      { name: 'MEMORY_MAX_TRACES', value: '1000' },
    ]);
    expect(objectOf(objects, 'Service', 'zipkin').spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 9412, protocol: 'TCP', name: 'http-zipkin' }] });
    for (const name of ['jaeger-query', 'tracing']) {
      expect(objectOf(objects, 'Service', name).metadata.annotations).toEqual({ 'cloud.example/internal': 'yes' });
    }
  });

  test('adds networking.k8s.io/v1 Ingresses for the query UI and Zipkin when their ingress is enabled', () => {
    // GIVEN both ingresses on, one with TLS and annotations
    const values = mergeIstioValues({
      tracing: {
        enabled: true,
        jaeger: { ingress: { enabled: true, hosts: ['jaeger.example'], annotations: { 'kubernetes.io/ingress.class': 'nginx' }, tls: [{ secretName: 'jaeger-tls', hosts: ['jaeger.example'] }] } },
        ingress: { enabled: true },
      },
    });
    // WHEN
    const objects = synthChart((chart) => new Tracing(chart, 'tracing', { global: values.global, tracing: values.tracing }));
    // THEN
    validateAgainstK8s(objects);
    const query = objectOf(objects, 'Ingress', 'jaeger-query');
    expect(query.apiVersion).toBe('networking.k8s.io/v1');
    expect(query.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'nginx' });
    expect(query.spec).toEqual({
      rules: [{ host: 'jaeger.example', http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'jaeger-query', port: { number: 16686 } } } }] } }],
      tls: [{ secretName: 'jaeger-tls', hosts: ['jaeger.example'] }],
    });
    const zipkin = objectOf(objects, 'Ingress', 'zipkin');
    expect(zipkin.metadata.annotations).toBeUndefined();
    expect(zipkin.spec.rules).toEqual([{ host: 'tracing.local', http: { paths: [{ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'zipkin', port: { number: 9411 } } } }] } }]);
  });

  test('emits no Ingress while the ingresses stay off, as by default', () => {
    const objects = synthChart((chart) => new Tracing(chart, 'tracing'));
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(false);
  });

  test('is in the control plane only when tracing.enabled', () => {
    // GIVEN the defaults, then tracing on
    const names = (values: ReturnType<typeof mergeIstioValues>) =>
      synthChart((chart) => new IstioControlPlane(chart, 'cp', { values })).map((o) => o.metadata.name);
    // THEN
    expect(names(mergeIstioValues())).not.toContain('zipkin');
    expect(names(mergeIstioValues({ tracing: { enabled: true } }))).toEqual(expect.arrayContaining(['istio-tracing', 'zipkin', 'jaeger-query']));
  });
});
