import { ApiObject, Chart, Testing } from 'cdk8s';
import { chartObjects, renderChart } from '../../output/render';

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
});
