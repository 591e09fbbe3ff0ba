import { formatDiffJson } from '../../../output/diff/diff-json';
import { SAMPLE_LABELS, sampleDiff } from '../../support/mesh-diff-fixture';

describe('formatDiffJson', () => {
  it('writes the documented shape: labels, summary, clusters, objects and fields with string paths', () => {
    const json = JSON.parse(formatDiffJson(sampleDiff(), SAMPLE_LABELS));
    expect(Object.keys(json)).toEqual(['base', 'head', 'compared', 'changed', 'summary', 'clusters']);
    expect(json).toMatchObject({ base: 'HEAD', head: 'working tree', compared: ['apply'], changed: true });
    expect(json.summary).toEqual({ added: 1, removed: 1, changed: 2, clusters: 2, clustersChanged: 1 });
    const east = json.clusters.find((c: { cluster: string }) => c.cluster === 'remote-east');
    expect(east.objects).toContainEqual({
      change: 'changed',
      set: 'apply',
      group: '',
      kind: 'ConfigMap',
      namespace: 'istio-system',
      name: 'istio',
      fields: [{ path: 'data.mesh.defaultConfig.discoveryAddress', change: 'changed', old: '10.8.0.12:15007', new: '10.8.3.12:15007' }],
    });
    const injector = east.objects.find((o: { name: string }) => o.name === 'istio-sidecar-injector');
    expect(injector.fields).toEqual([
      { path: 'data.config.template', change: 'changed', lines: [{ oldLine: 3, newLine: 3, removed: ['  image: proxy_init:1.0.6'], added: ['  image: proxy_init:1.0.7'] }] },
    ]);
    expect(east.objects.filter((o: { change: string }) => o.change !== 'changed')).toEqual([
      { change: 'added', set: 'apply', group: '', kind: 'Namespace', namespace: '', name: 'bookinfo', fields: [] },
      { change: 'removed', set: 'apply', group: '', kind: 'Namespace', namespace: '', name: 'old-app', fields: [] },
    ]);
  });
});
