import { ApiObject, Chart, Testing, Yaml } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMesh } from '../../charts/mesh';
import { yamlDocument } from '../../lib/yaml-document';
import { chartObjects, renderChart } from '../../output/render';
import { parseTopology } from '../../topology/load';

function chartWith(objects: { kind: string; name: string; namespace?: string }[]): Chart {
  const chart = new Chart(Testing.app(), 'test');
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, { apiVersion: 'v1', kind: o.kind, metadata: { name: o.name, namespace: o.namespace } }));
  return chart;
}

describe('chartObjects', () => {
  it('puts objects in install order: namespaces first, webhooks last, Istio kinds after the rest', () => {
    // GIVEN objects created in an order kubectl could not apply in one pass
    const chart = chartWith([
      { kind: 'MutatingWebhookConfiguration', name: 'w' },
      { kind: 'DestinationRule', name: 'dr', namespace: 'ns' },
      { kind: 'Deployment', name: 'd', namespace: 'ns' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' },
      { kind: 'Namespace', name: 'ns' },
      { kind: 'ConfigMap', name: 'b', namespace: 'ns' },
      { kind: 'ConfigMap', name: 'a', namespace: 'ns' },
    ]);
    // WHEN it is rendered
    const kinds = chartObjects(chart).map((o) => `${o.kind}/${o.metadata.name}`);
    // THEN namespaces come first, and objects of one kind keep their order
    expect(kinds).toEqual([
      'Namespace/ns',
      'ServiceAccount/sa',
      'ConfigMap/b',
      'ConfigMap/a',
      'Deployment/d',
      'MutatingWebhookConfiguration/w',
      'DestinationRule/dr',
    ]);
  });

  it('fails when a cluster-scoped object carries a namespace', () => {
    const chart = chartWith([{ kind: 'ClusterRole', name: 'r', namespace: 'istio-system' }]);
    expect(() => chartObjects(chart)).toThrow(/cluster-scoped ClusterRole "r" carries metadata.namespace/);
  });

  it('renders multi-document YAML', () => {
    const yaml = renderChart(chartWith([{ kind: 'Namespace', name: 'a' }, { kind: 'Namespace', name: 'b' }]));
    expect(yaml).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
  });

  it('renders each chart of the example mesh as cdk8s would, every object through the fast writer', () => {
    // GIVEN the example mesh's charts
    const topology = parseTopology(readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8'), 'mesh.yaml').topology;
    const charts = buildMesh(topology, { kubeconfigs: new Map(), caBundles: new Map() }).flatMap((s) => [s.crds, s.apply, s.uninstall].filter((c) => c !== undefined));
    for (const chart of charts) {
      const objects = chartObjects(chart);
      // THEN the text is cdk8s's own, and no object needed the slow path (synth's speed depends on it)
      expect(renderChart(chart)).toBe(Yaml.stringify(...objects));
      expect(objects.filter((o) => yamlDocument(o) === undefined).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    }
  });
});
