import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMesh } from '../../charts/mesh';
import { renderChart } from '../../output/render';
import { clusterFactsOf } from '../../output/overview-facts';
import { parseTopology } from '../../topology/load';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { parseAllDocuments } from 'yaml';

const NO_INPUTS = { kubeconfigs: new Map<string, string>(), caBundles: new Map() };
const EXAMPLE = parseTopology(readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8'), 'mesh.yaml').topology;

describe('clusterFactsOf', () => {
  it('reads what each remote dials from its mesh config, through its selector-less Pilot Service where it has one', () => {
    // GIVEN the example mesh: remote-east reaches Pilot through a selector-less Service, remote-west by IP
    const charts = buildMesh(EXAMPLE, NO_INPUTS);
    // WHEN
    const [primary, east, west] = charts.map((c) => clusterFactsOf(c, 'istio-system'));
    // THEN
    expect(primary.dials).toEqual([]);
    expect(east.dials).toEqual([
      { component: 'pilot', configured: 'istio-pilot.istio-system:15007', reaches: '10.8.0.12:15007' },
      { component: 'policy', configured: '10.8.0.13:15004', reaches: '10.8.0.13:15004' },
      { component: 'telemetry', configured: '10.8.0.14:15004', reaches: '10.8.0.14:15004' },
      { component: 'zipkin', configured: '10.8.0.16:9411', reaches: '10.8.0.16:9411' },
    ]);
    expect(west.dials[0]).toEqual({ component: 'pilot', configured: '10.8.0.12:15007', reaches: '10.8.0.12:15007' });
  });

  it("follows gateway exposure's Services to the gateway, telemetry on its own gateway port", () => {
    const charts = buildMesh(exposureTopology(CONTROL_PLANES.gateway), NO_INPUTS);
    const east = clusterFactsOf(charts[1], 'istio-system');
    expect(east.dials.map((d) => `${d.component} ${d.configured} ${d.reaches}`)).toEqual([
      'pilot istio-pilot.istio-system:15007 10.0.2.1:15007',
      'policy istio-policy.istio-system:15004 10.0.2.1:15004',
      'telemetry istio-telemetry.istio-system:15004 10.0.2.1:25004',
      'zipkin zipkin.istio-system:9411 10.0.2.1:9411',
    ]);
  });

  it('counts the objects of the apply chart by kind, as rendered, and the CRDs', () => {
    const charts = buildMesh(EXAMPLE, NO_INPUTS);
    for (const set of charts) {
      const facts = clusterFactsOf(set, 'istio-system');
      const rendered = parseAllDocuments(renderChart(set.apply)).map((d) => d.toJS().kind as string);
      const counted = Object.fromEntries(facts.objectsByKind);
      expect(counted).toEqual(rendered.reduce<Record<string, number>>((n, kind) => ({ ...n, [kind]: (n[kind] ?? 0) + 1 }), {}));
      expect(facts.objectsByKind.map(([kind]) => kind)).toEqual(Object.keys(counted).sort());
      expect(facts.crds).toBe(set.crds ? parseAllDocuments(renderChart(set.crds)).length : 0);
    }
  });
});
