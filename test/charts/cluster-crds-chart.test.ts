import { ApiObject, Chart, Testing } from 'cdk8s';
import { ClusterCrdsChart, crdsServing } from '../../charts/cluster-crds-chart';
import { MeshMtlsPolicy } from '../../constructs/mesh-mtls-policy';
import { crdName, ISTIO_CRDS } from '../../istio/crds';
import { chartObjects } from '../../output/render';

/** A chart holding what `build` adds. */
function chartWith(build: (chart: Chart) => void): Chart {
  const chart = new Chart(Testing.app(), 'other');
  build(chart);
  return chart;
}

describe('ClusterCrdsChart.forCluster', () => {
  it('gives the primary all 50 CRDs in the chart\'s order, whatever its other charts hold', () => {
    // GIVEN a primary whose output holds no custom resource
    const others = [chartWith(() => undefined)];
    // WHEN
    const chart = ClusterCrdsChart.forCluster(Testing.app(), 'primary-crds', 'primary', others)!;
    // THEN
    expect(chartObjects(chart).map((o) => o.metadata.name)).toEqual(ISTIO_CRDS.map(crdName));
  });

  it('gives a remote exactly the CRDs of the custom resources in its charts, in the table\'s order', () => {
    // GIVEN a remote whose output holds the mesh-wide mTLS policy (a MeshPolicy and two DestinationRules)
    const others = [chartWith((chart) => new MeshMtlsPolicy(chart, 'Mtls', { namespace: 'istio-system' }))];
    // WHEN
    const chart = ClusterCrdsChart.forCluster(Testing.app(), 'remote-crds', 'remote', others)!;
    // THEN
    const objects = chartObjects(chart);
    expect(objects.map((o) => o.metadata.name)).toEqual(['destinationrules.networking.istio.io', 'meshpolicies.authentication.istio.io']);
    expect(objects).toMatchSnapshot();
  });

  it('gives a remote without custom resources no chart, so no empty folder is written', () => {
    expect(ClusterCrdsChart.forCluster(Testing.app(), 'remote-crds', 'remote', [chartWith(() => undefined)])).toBeUndefined();
  });
});

describe('crdsServing', () => {
  it('looks through every chart it is given', () => {
    // GIVEN a Gateway in one chart and a VirtualService in another
    const istioObject = (kind: string) => (chart: Chart) =>
      new ApiObject(chart, kind, { apiVersion: 'networking.istio.io/v1alpha3', kind, metadata: { name: 'x', namespace: 'ns' } });
    // WHEN / THEN
    expect(crdsServing([chartWith(istioObject('VirtualService')), chartWith(istioObject('Gateway'))]).map((crd) => crd.kind)).toEqual([
      'VirtualService',
      'Gateway',
    ]);
  });

  it.each([
    ['a kind Istio 1.0.7 has no CRD for', 'networking.istio.io/v1alpha3', 'Sidecar'],
    ['a version its CRD does not serve', 'networking.istio.io/v1beta1', 'Gateway'],
  ])('fails when a chart holds %s', (_what, apiVersion, kind) => {
    // GIVEN
    const chart = chartWith((c) => new ApiObject(c, 'Object', { apiVersion, kind, metadata: { name: 'x', namespace: 'ns' } }));
    // WHEN / THEN
    expect(() => crdsServing([chart])).toThrow(`internal error: ${kind} "x" (${apiVersion}) in chart other has no CRD in istio/crds.ts`);
  });
});
