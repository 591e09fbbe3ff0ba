import { istioCrdFor } from '../../istio/crds';
import { MIXER_CONFIG_API_VERSION, MixerConfigResource, mixerConfigResources } from '../../istio/mixer-config';

/** `<name>.<kind>`, how a rule names a handler or an instance in its own namespace. */
const shortName = (resource: MixerConfigResource) => `${resource.name}.${resource.kind}`;

describe('mixerConfigResources', () => {
  const resources = mixerConfigResources('istio-system');
  const spec = (kind: string, name: string): any => resources.find((r) => r.kind === kind && r.name === name)?.spec;

  test('holds the chart\'s 20 objects, each of a kind a CRD of the chart serves', () => {
    // GIVEN / WHEN the objects for the default namespace
    // THEN
    expect(resources.map((r) => `${r.kind}/${r.name}`)).toHaveLength(20);
    expect(new Set(resources.map((r) => `${r.kind}/${r.name}`)).size).toBe(20);
    for (const resource of resources) {
      expect([resource.kind, istioCrdFor(MIXER_CONFIG_API_VERSION, resource.kind)?.scope]).toEqual([resource.kind, 'Namespaced']);
    }
  });

  test('every rule sends instances that exist to a handler that exists', () => {
    // GIVEN the handlers (adapter kinds) and instances (template kinds) the chart defines
    const names = new Set(resources.map(shortName));
    const rules = resources.filter((r) => r.kind === 'rule');
    // WHEN each rule's actions are resolved
    const dangling = rules.flatMap((r: any) =>
      r.spec.actions.flatMap((action: any) => [action.handler, ...action.instances].filter((ref: string) => !names.has(ref))),
    );
    // THEN
    expect(rules).toHaveLength(6);
    expect(dangling).toEqual([]);
  });

  test('every Prometheus metric names a metric instance of the namespace and labels only by its dimensions', () => {
    // GIVEN the handler's metrics
    const metrics: any[] = spec('prometheus', 'handler').metrics;
    // WHEN each is matched with its instance
    const problems = metrics.flatMap((m) => {
      const [instance, kind, namespace] = m.instance_name.split('.');
      const dimensions = spec(kind, instance)?.dimensions ?? {};
      return [
        ...(namespace === 'istio-system' ? [] : [`${m.name}: namespace ${namespace}`]),
        ...m.label_names.filter((label: string) => !(label in dimensions)).map((label: string) => `${m.name}: ${label}`),
      ];
    });
    // THEN
    expect(metrics.map((m) => m.name)).toEqual([
      'requests_total',
      'request_duration_seconds',
      'request_bytes',
      'response_bytes',
      'tcp_sent_bytes_total',
      'tcp_received_bytes_total',
    ]);
    expect(problems).toEqual([]);
  });

  test('the Prometheus handler names its instances in the release namespace', () => {
    // GIVEN another namespace
    const metrics: any[] = mixerConfigResources('mesh-control').find((r) => r.kind === 'prometheus')!.spec!.metrics as any[];
    // THEN
    expect(metrics.map((m) => m.instance_name)).toContain('requestcount.metric.mesh-control');
    expect(metrics.every((m) => m.instance_name.endsWith('.metric.mesh-control'))).toBe(true);
  });

  test('keeps the chart\'s TCP quirk: destination_service is the service name, not its host', () => {
    // GIVEN / WHEN the default objects / THEN
    expect(spec('metric', 'tcpbytesent').dimensions.destination_service).toBe('destination.service.name | "unknown"');
    expect(spec('metric', 'requestcount').dimensions.destination_service).toBe('destination.service.host | "unknown"');
  });

  test('declares each attribute once per manifest, and none in both', () => {
    // GIVEN the two manifests' attribute names
    const proxy = Object.keys(spec('attributemanifest', 'istioproxy').attributes);
    const kubernetes = Object.keys(spec('attributemanifest', 'kubernetes').attributes);
    // THEN Envoy's and the adapter's vocabularies are disjoint
    expect([proxy.length, kubernetes.length]).toEqual([52, 28]);
    expect(proxy.filter((a) => kubernetes.includes(a))).toEqual([]);
  });

  test('leaves the kubernetesenv handler\'s spec null, as the chart does', () => {
    // GIVEN / WHEN the default objects / THEN
    expect(resources.find((r) => r.kind === 'kubernetesenv')).toEqual({ kind: 'kubernetesenv', name: 'handler', spec: null });
  });
});
