import { apiServerRuleViolations, isLabelValue, isQualifiedName, isQuantity } from './k8s-api-rules';

const service = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'reviews', namespace: 'bookinfo', ...metadata },
  spec,
});

describe('apiServerRuleViolations', () => {
  test('accepts objects the API server accepts', () => {
    // GIVEN a Service and a Deployment as the output writes them
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'istio-citadel', namespace: 'istio-system', labels: { 'app.kubernetes.io/name': 'citadel', istio: '' } },
      spec: {
        selector: { matchLabels: { istio: 'citadel' } },
        template: { spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: 134217728 }, limits: { cpu: 2 } }, ports: [{ containerPort: 8080, name: 'http' }] }] } },
      },
    };
    // THEN nothing is reported
    expect(apiServerRuleViolations(service({ selector: { app: 'reviews' }, ports: [{ port: 9080, targetPort: 'http-web' }] }))).toEqual([]);
    expect(apiServerRuleViolations(deployment)).toEqual([]);
    expect(apiServerRuleViolations({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'istio:reader' } })).toEqual([]);
  });

  test('fails when a label key, label value or annotation key breaks the qualified-name rules', () => {
    const object = service({ selector: { 're views': 'x', app: 'in gress' } }, { annotations: { 'bad key!': 'any value is fine' } });
    expect(apiServerRuleViolations(object)).toEqual([
      'Service bookinfo/reviews: metadata.annotations["bad key!"] is not a valid annotation key',
      'Service bookinfo/reviews: spec.selector["re views"] is not a valid label key',
      'Service bookinfo/reviews: spec.selector["app"] has "in gress", not a valid label value',
    ]);
  });

  test('fails when a selector is empty', () => {
    const gateway = { apiVersion: 'networking.istio.io/v1alpha3', kind: 'Gateway', metadata: { name: 'g', namespace: 'istio-system' }, spec: { selector: {} } };
    expect(apiServerRuleViolations(gateway)).toEqual(['Gateway istio-system/g: spec.selector is an empty selector']);
  });

  test('fails when a name or namespace is not what the kind allows', () => {
    expect(apiServerRuleViolations(service({}, { name: '2nd', namespace: 'Book_Info' }))).toEqual([
      'Service Book_Info/2nd: metadata.name "2nd" is not a DNS-1035 label',
      'Service Book_Info/2nd: metadata.namespace "Book_Info" is not a DNS-1123 label',
    ]);
    expect(apiServerRuleViolations({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a b', namespace: 'x' }, data: { 'k y': '' } })).toEqual([
      'Secret x/a b: metadata.name "a b" is not a valid Secret name',
      'Secret x/a b: data["k y"] is not a valid config key (letters, digits, \'-\', \'_\', \'.\')',
    ]);
  });

  test('fails when a resource quantity, port or Endpoints address is malformed', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' }, spec: { containers: [{ resources: { requests: { cpu: 'lots' } }, ports: [{ containerPort: 70000 }] }] } };
    expect(apiServerRuleViolations(pod)).toEqual([
      'Pod n/p: spec.containers[0].resources.requests.cpu has "lots", not a non-negative quantity',
      'Pod n/p: spec.containers[0].ports[0].containerPort 70000 is not a port number',
    ]);
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e', namespace: 'n' }, subsets: [{ addresses: [{ ip: 'pilot.example.com' }] }] };
    expect(apiServerRuleViolations(endpoints)).toEqual(['Endpoints n/e: subsets[0].addresses[0].ip "pilot.example.com" is not an IP address']);
  });

  test("fails when the sidecar injector's template text sets a bad quantity", () => {
    const template = 'resources:\n  [[ if x -]]\n  requests:\n    cpu: "[[ index .ObjectMeta.Annotations "cpu" ]]"\n  [[ else -]]\n  requests:\n    cpu: lots\n    memory: 128Mi\n';
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' }, data: { config: template } };
    expect(apiServerRuleViolations(configMap)).toEqual(['ConfigMap istio-system/istio-sidecar-injector: data["config"] sets cpu to "lots", not a non-negative quantity']);
  });
});

describe('the name and quantity rules', () => {
  test.each(['app', 'app.kubernetes.io/name', 'A_b.c-d', 'x'.repeat(63)])('%s is a qualified name', (key) => expect(isQualifiedName(key)).toBe(true));
  test.each(['', '-x', 'x-', 'a/b/c', 'Example.com/x', 'example.com/', '/x', 'x'.repeat(64), 'istio '])('%j is not a qualified name', (key) => expect(isQualifiedName(key)).toBe(false));
  test.each(['', 'v1', 'in_gress.1'])('%j is a label value', (value) => expect(isLabelValue(value)).toBe(true));
  test.each(['re views', '-x', 'x'.repeat(64)])('%j is not a label value', (value) => expect(isLabelValue(value)).toBe(false));
  test.each(['100m', '0.5', '1Gi', '512M', '1e3', '.5', 0, 2])('%j is a quantity', (value) => expect(isQuantity(value)).toBe(true));
  test.each(['lots', '1.5.5', '-1', '1 Gi', 'Infinity', '0x10', '100mi', '', -1, Infinity])('%j is not a quantity', (value) => expect(isQuantity(value)).toBe(false));
});
