import { expandEmbeddedDocuments, type EmbeddedDocument } from '../../../output/diff/embedded-documents';

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data });

describe('expandEmbeddedDocuments', () => {
  it("parses the mesh config of ConfigMap istio", () => {
    const expanded = expandEmbeddedDocuments(configMap('istio', { mesh: 'defaultConfig:\n  discoveryAddress: 10.8.0.12:15007\n' }));
    expect(expanded.data).toEqual({ mesh: { defaultConfig: { discoveryAddress: '10.8.0.12:15007' } } });
  });

  it("parses the injector's config and keeps its template as text, to be compared line by line", () => {
    const expanded = expandEmbeddedDocuments(configMap('istio-sidecar-injector', { config: 'policy: enabled\ntemplate: |-\n  initContainers:\n  - name: istio-init\n' }));
    expect(expanded.data).toEqual({ config: { policy: 'enabled', template: 'initContainers:\n- name: istio-init' } });
  });

  it("parses Prometheus's configuration", () => {
    const expanded = expandEmbeddedDocuments(configMap('prometheus', { 'prometheus.yml': 'global:\n  scrape_interval: 15s\n' }));
    expect(expanded.data).toEqual({ 'prometheus.yml': { global: { scrape_interval: '15s' } } });
  });

  it('takes another embedded document as one more table entry', () => {
    const table: EmbeddedDocument[] = [{ configMap: 'grafana', key: 'settings.json', parse: (text) => JSON.parse(text) }];
    expect(expandEmbeddedDocuments(configMap('grafana', { 'settings.json': '{"a":1}' }), table).data).toEqual({ 'settings.json': { a: 1 } });
  });

  it('leaves other keys, other ConfigMaps and other kinds alone', () => {
    const other = configMap('other', { mesh: 'a: 1' });
    expect(expandEmbeddedDocuments(other)).toBe(other);
    const secret = { kind: 'Secret', metadata: { name: 'istio' }, data: { mesh: 'a: 1' } };
    expect(expandEmbeddedDocuments(secret)).toBe(secret);
    expect(expandEmbeddedDocuments(configMap('istio', { mesh: 'a: 1', note: 'b: 2' })).data).toEqual({ mesh: { a: 1 }, note: 'b: 2' });
  });

  it('keeps a document that does not parse as text', () => {
    expect(expandEmbeddedDocuments(configMap('istio', { mesh: 'a: [unclosed' })).data).toEqual({ mesh: 'a: [unclosed' });
  });
});
