import { parse } from 'yaml';
import { mergeIstioValues } from '../../istio/istio-values';
import { IstioControlPlane, Prometheus } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('Prometheus', () => {
  test("emits the chart's Prometheus with its account, scrape configuration and Service by default", () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new Prometheus(chart, 'prometheus'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/prometheus',
      'ClusterRole/prometheus-istio-system',
      'ClusterRoleBinding/prometheus-istio-system',
      'ConfigMap/prometheus',
      'Service/prometheus',
      'Deployment/prometheus',
    ]);
    const pod = objectOf(objects, 'Deployment', 'prometheus').spec.template.spec;
    expect(pod.containers[0].image).toBe('docker.io/prom/prometheus:v2.3.1');
    expect(pod.volumes).toContainEqual({ name: 'istio-certs', secret: { defaultMode: 420, optional: true, secretName: 'istio.default' } });
    expect(objectOf(objects, 'Service', 'prometheus').metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
  });

  test('looks for the control-plane Services in its own namespace', () => {
    // GIVEN another namespace
    const objects = synthChart((chart) => new Prometheus(chart, 'prometheus', { namespace: 'mesh' }));
    // WHEN its scrape configuration is read
    const config = parse(objectOf(objects, 'ConfigMap', 'prometheus').data['prometheus.yml']);
    const namespaces = (job: string) => config.scrape_configs.find((c: any) => c.job_name === job).kubernetes_sd_configs[0].namespaces.names;
    // THEN the control-plane jobs look there, the API server job still in `default`
    validateAgainstK8s(objects);
    expect(['istio-mesh', 'istio-policy', 'istio-telemetry', 'pilot', 'galley'].map(namespaces)).toEqual([['mesh'], ['mesh'], ['mesh'], ['mesh'], ['mesh']]);
    expect(namespaces('kubernetes-apiservers')).toEqual(['default']);
    expect(objectOf(objects, 'ClusterRoleBinding', 'prometheus-mesh').subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'mesh' }]);
  });

  test('adds the prometheus-nodeport Service and the Service annotations the values ask for', () => {
    // GIVEN a node port and an annotation
    const values = mergeIstioValues({ prometheus: { service: { annotations: { 'cloud.example/internal': 'yes' }, nodePort: { enabled: true, port: 30090 } } } });
    // WHEN
    const objects = synthChart((chart) => new Prometheus(chart, 'prometheus', { global: values.global, prometheus: values.prometheus }));
    // THEN
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'Service', 'prometheus').metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'cloud.example/internal': 'yes' });
    expect(objectOf(objects, 'Service', 'prometheus-nodeport').spec).toEqual({
      type: 'NodePort',
      ports: [{ port: 9090, nodePort: 30090, name: 'http-prometheus' }],
      selector: { app: 'prometheus' },
    });
  });

  test('takes its own hub and tag, and replicas, pull secrets, priority class and resources from the values', () => {
    // GIVEN non-default values, global.hub among them, which Prometheus does not read
    const values = mergeIstioValues({
      global: { hub: 'registry.example/istio', imagePullSecrets: ['regcred'], priorityClassName: 'system-cluster-critical' },
      prometheus: { hub: 'registry.example/prom', tag: 'v2.3.2', replicaCount: 2, resources: { requests: { memory: '1Gi' } } },
    });
    // WHEN
    const objects = synthChart((chart) => new Prometheus(chart, 'prometheus', { global: values.global, prometheus: values.prometheus }));
    // THEN
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'prometheus');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({ image: 'registry.example/prom/prometheus:v2.3.2', resources: { requests: { memory: '1Gi' } } });
    expect(objectOf(objects, 'ServiceAccount', 'prometheus').imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  test('is left out of the control plane when prometheus.enabled is false', () => {
    const values = mergeIstioValues({ prometheus: { enabled: false } });
    const objects = synthChart((chart) => new IstioControlPlane(chart, 'cp', { values }));
    expect(objects.filter((o) => o.metadata.name.startsWith('prometheus'))).toEqual([]);
    expect(objects.length).toBeGreaterThan(0);
  });
});
