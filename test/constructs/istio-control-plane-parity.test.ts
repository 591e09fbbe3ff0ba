import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { IstioCleanupSecrets, IstioControlPlane } from '../../constructs';
import {
  AllowedLeaf,
  AllowedObject,
  Allowlists,
  CLUSTER_SCOPED,
  compareWithReference,
  keyOf,
  unlistedExtras,
  unusedEntries,
} from '../support/parity';
import { readPrimaryReference } from '../support/primary-reference';
import { describeWithShared } from '../support/shared-reference';
import { validateAgainstK8s } from '../support/validate-k8s';

/**
 * Parity with the real `helm template` renders of Istio 1.0.7's `istio`
 * chart (the primary's control plane), by the rules of
 * ../shared/reference/istio-1.0.7/README.md, in both directions, as for
 * istio-remote (istio-remote-parity.test.ts): every reference leaf present
 * and equal in ours, every extra leaf and object of ours on an allowlist
 * with its reason.
 */

const NAMESPACE = 'istio-system';

const EXTRA_LEAVES: readonly AllowedLeaf[] = [
  {
    kind: 'Deployment',
    path: 'spec.selector',
    reason: "apps/v1 requires spec.selector (extensions/v1beta1 defaulted it from the pod labels); it selects the template's labels",
  },
  {
    kind: 'MutatingWebhookConfiguration',
    path: 'webhooks[].sideEffects',
    reason: 'admissionregistration.k8s.io/v1 requires it; None: the injector only mutates the Pod under review',
  },
  {
    kind: 'MutatingWebhookConfiguration',
    path: 'webhooks[].admissionReviewVersions',
    reason: 'admissionregistration.k8s.io/v1 requires it; v1beta1, the only AdmissionReview version the 1.0 injector speaks',
  },
  {
    kind: 'DestinationRule',
    path: 'metadata.namespace',
    reason: "fixes the chart's namespace-less DestinationRules (reference README, defects of istio-remote, which apply here), which landed wherever kubectl pointed",
  },
];

const EXTRA_OBJECTS: readonly AllowedObject[] = [];
const EXTRA_CLEANUP_OBJECTS: readonly AllowedObject[] = [];

/**
 * Extras no Kubernetes 1.27 requirement or chart defect accounts for: known
 * defects, printed on every run. An entry here is a bug to fix, never a permission.
 */
const UNEXPLAINED: readonly string[] = [];

const ALLOWLISTS: Allowlists = { leaves: EXTRA_LEAVES, objects: EXTRA_OBJECTS, cleanupObjects: EXTRA_CLEANUP_OBJECTS, unexplained: UNEXPLAINED };

/** The three renders, with the values they were made with (reference README). */
function cases(dir: string): [string, IstioValuesOverlay[]][] {
  const valuesFile = (name: string) => parse(readFileSync(join(dir, name), 'utf8')) as IstioValuesOverlay;
  return [
    ['primary-default.yaml', []],
    [
      'primary-auth.yaml',
      [valuesFile('values.yaml'), { global: { mtls: { enabled: true }, controlPlaneSecurityEnabled: true }, security: { selfSigned: false } }],
    ],
    ['primary-multicluster-tracing.yaml', [valuesFile('values-istio-multicluster.yaml'), { tracing: { enabled: true } }]],
  ];
}

interface Rendered {
  readonly install: Map<string, any>;
  readonly uninstall: Map<string, any>;
}

describeWithShared(['reference', 'istio-1.0.7'], 'istio chart parity with the Istio 1.0.7 chart', (dir) => {
  const CASES = cases(dir);
  const reference = (file: string) => readPrimaryReference(join(dir, file));

  test.each(CASES)('%s: every reference leaf is matched, and every extra leaf and object is allowed', (file, overlays) => {
    // GIVEN the reference render and our output for the same values
    const objects = reference(file);
    const { install, uninstall } = renderPrimary(overlays);

    // WHEN every reference object is compared with ours of the same kind, namespace and name, both ways
    const report = compareWithReference(objects, install, uninstall, NAMESPACE);
    const unlisted = unlistedExtras(report, ALLOWLISTS);
    // eslint-disable-next-line no-console
    console.log(
      `${file}: ${report.matched}/${report.total} reference leaves matched ` +
        `(${((100 * report.matched) / report.total).toFixed(1)}%), ` +
        `${objects.length - report.missing.length}/${objects.length} objects found (${report.hooks} hook objects in the uninstall set); ` +
        `extra leaves: ${report.extraLeaves.length}, ` +
        `extra objects: ${report.extraObjects.join(', ') || 'none'}, extra uninstall objects: ${report.extraCleanupObjects.join(', ') || 'none'}`,
    );

    // THEN nothing is missing and every leaf matches
    expect(report.missing).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.matched).toBe(report.total);
    // and every extra is allowlisted with its reason or listed as unexplained
    expect(unlisted).toEqual({ leaves: [], objects: [], cleanupObjects: [] });
  });

  test('every allowlist entry is still needed by some reference', () => {
    // GIVEN the extras of all three references
    const reports = CASES.map(([file, overlays]) => {
      const { install, uninstall } = renderPrimary(overlays);
      return compareWithReference(reference(file), install, uninstall, NAMESPACE);
    });
    // WHEN each entry looks for an extra it allows
    const unused = unusedEntries(reports, ALLOWLISTS);
    // THEN none is left over: a stale entry would let a future extra through unreviewed
    expect(unused).toEqual([]);
  });

  test.each(CASES)('%s: our output is valid Kubernetes 1.27 and namespaced exactly where it must be', (_file, overlays) => {
    // GIVEN the same values
    const { install, uninstall } = renderPrimary(overlays);
    // WHEN rendered
    const objects = [...install.values(), ...uninstall.values()];
    // THEN
    expect(() => validateAgainstK8s(objects)).not.toThrow();
    for (const object of objects) {
      expect([object.kind, object.metadata.namespace]).toEqual([object.kind, CLUSTER_SCOPED.has(object.kind) ? undefined : NAMESPACE]);
    }
  });
});

function renderPrimary(overlays: readonly IstioValuesOverlay[]): Rendered {
  const values = mergeIstioValues(...overlays);
  const install = render((chart) => new IstioControlPlane(chart, 'primary', { namespace: NAMESPACE, values }));
  return {
    install,
    uninstall: render((chart) => new IstioCleanupSecrets(chart, 'cleanup', { namespace: NAMESPACE, global: values.global })),
  };
}

function render(build: (chart: Chart) => void): Map<string, any> {
  const chart = new Chart(Testing.app(), 'parity');
  build(chart);
  return new Map(Testing.synth(chart).map((object) => [keyOf(object, NAMESPACE), object]));
}
