import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { ClusterCrdsChart } from '../../charts/cluster-crds-chart';
import { chartObjects } from '../../output/render';
import { AllowedLeaf, AllowedObject, ParityReport, allows, compareWithReference, describeLeaf, keyOf, readReference } from '../support/parity';
import { describeWithShared } from '../support/shared-reference';

/**
 * Parity of the primary's CRDs with Istio 1.0.7's `templates/crds.yaml`, by
 * the rules of ../shared/reference/istio-1.0.7/README.md: each v1beta1
 * reference CRD in its v1 form, every leaf present and equal in ours, and
 * every leaf or object of ours that the reference lacks on the allowlists
 * below, with its reason.
 */

const NAMESPACE = 'istio-system';

const EXTRA_LEAVES: readonly AllowedLeaf[] = [
  {
    kind: 'CustomResourceDefinition',
    path: 'spec.versions[].schema',
    reason:
      'apiextensions.k8s.io/v1 requires a structural schema per version (reference README); ' +
      '`type: object` with x-kubernetes-preserve-unknown-fields keeps every field, as v1beta1 without a schema did',
  },
];

const EXTRA_OBJECTS: readonly AllowedObject[] = [];

describeWithShared(['reference', 'istio-1.0.7'], 'the primary\'s CRDs: parity with the Istio 1.0.7 chart\'s crds.yaml', (dir) => {
  const reference = readReference(join(dir, 'crds.yaml'));

  it('matches every reference leaf of all 50 CRDs, and every extra is allowlisted', () => {
    // GIVEN the reference CRDs and the primary's CRD chart
    const ours = primaryCrds();
    // WHEN compared both ways
    const report = compareWithReference(reference, ours, new Map(), NAMESPACE);
    // eslint-disable-next-line no-console
    console.log(
      `crds.yaml: ${report.matched}/${report.total} reference leaves matched (${((100 * report.matched) / report.total).toFixed(1)}%), ` +
        `${reference.length - report.missing.length}/${reference.length} objects found, ${ours.size} emitted; ` +
        `extra leaves: ${report.extraLeaves.length} (${report.extraLeaves.length - unlisted(report).leaves.length} allowlisted), ` +
        `extra objects: ${report.extraObjects.join(', ') || 'none'}`,
    );
    // THEN nothing is missing or different
    expect(reference).toHaveLength(50);
    expect(report.missing).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.matched).toBe(report.total);
    // and nothing extra is unexplained
    expect(unlisted(report)).toEqual({ leaves: [], objects: [] });
  });

  it('needs every allowlist entry', () => {
    // GIVEN the extras of the comparison
    const report = compareWithReference(reference, primaryCrds(), new Map(), NAMESPACE);
    // WHEN each entry looks for an extra it allows
    const unused = [
      ...EXTRA_LEAVES.filter((allowed) => !report.extraLeaves.some((leaf) => allows(allowed, leaf))).map((a) => `${a.kind}: ${a.path}`),
      ...EXTRA_OBJECTS.filter((allowed) => !report.extraObjects.includes(allowed.key)).map((a) => a.key),
    ];
    // THEN none is stale
    expect(unused).toEqual([]);
  });

  it('notices a changed label, a missing CRD, an extra name and an extra CRD', () => {
    // GIVEN our CRDs with four defects planted
    const ours = new Map([...primaryCrds()].map(([key, object]) => [key, structuredClone(object)]));
    ours.get('CustomResourceDefinition//rules.config.istio.io').metadata.labels.istio = 'mixer-adapter';
    ours.delete('CustomResourceDefinition//handlers.config.istio.io');
    ours.get('CustomResourceDefinition//gateways.networking.istio.io').spec.names.listKind = 'GatewayList';
    const planted = { ...structuredClone(ours.get('CustomResourceDefinition//rules.config.istio.io')), metadata: { name: 'planted.config.istio.io' } };
    ours.set(keyOf(planted, NAMESPACE), planted);
    // WHEN compared
    const report = compareWithReference(reference, ours, new Map(), NAMESPACE);
    // THEN each is reported, and the allowlists let none of the extras through
    expect(report.mismatches).toEqual(['CustomResourceDefinition//rules.config.istio.io: metadata.labels.istio: "core" vs "mixer-adapter"']);
    expect(report.missing).toEqual(['CustomResourceDefinition//handlers.config.istio.io']);
    expect(unlisted(report)).toEqual({
      leaves: ['CustomResourceDefinition//gateways.networking.istio.io: spec.names.listKind'],
      objects: ['CustomResourceDefinition//planted.config.istio.io'],
    });
  });
});

/** The primary's CRD chart, keyed as the comparison keys objects. */
function primaryCrds(): Map<string, any> {
  const chart = ClusterCrdsChart.forCluster(Testing.app(), 'crds', 'primary', [])!;
  return new Map(chartObjects(chart).map((object) => [keyOf(object, NAMESPACE), object]));
}

function unlisted(report: ParityReport): { leaves: string[]; objects: string[] } {
  return {
    leaves: report.extraLeaves
      .filter((leaf) => !EXTRA_LEAVES.some((allowed) => allows(allowed, leaf)))
      .map(describeLeaf)
      .sort(),
    objects: report.extraObjects.filter((key) => !EXTRA_OBJECTS.some((a) => a.key === key)).sort(),
  };
}
