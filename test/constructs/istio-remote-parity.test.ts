import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { IstioCleanupSecrets, IstioRemote } from '../../constructs';
import {
  AllowedLeaf,
  AllowedObject,
  Allowlists,
  CLUSTER_SCOPED,
  compareWithReference,
  describeLeaf,
  keyOf,
  readReference,
  unlistedExtras,
  unusedEntries,
} from '../support/parity';
import { describeWithShared } from '../support/shared-reference';
import { validateAgainstK8s } from '../support/validate-k8s';

/**
 * Parity with the real `helm template` renders of Istio 1.0.7's istio-remote
 * chart, by the rules of the reference README, in both directions: every leaf
 * of every reference object must be present and equal in our output, and
 * every leaf and object of ours that the reference lacks must be on the
 * allowlists below, since the README allows extras only "where Kubernetes
 * 1.27 needs them or where they fix a defect" of the chart.
 */

const NAMESPACE = 'istio-system';

const EXTRA_LEAVES: readonly AllowedLeaf[] = [
  {
    kind: 'Deployment',
    path: 'spec.selector',
    reason: 'apps/v1 requires spec.selector (extensions/v1beta1 defaulted it from the pod labels); it selects the template\'s `istio` label',
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
    reason: 'fixes the chart\'s namespace-less DestinationRules (reference README, defects), which landed wherever kubectl pointed',
  },
];

const EXTRA_OBJECTS: readonly AllowedObject[] = [
  {
    key: `Secret/${NAMESPACE}/istio-multi-token`,
    reason: 'issue 3 §4: since Kubernetes 1.24 a ServiceAccount gets no token Secret, and the istio-multi kubeconfig is built from it',
  },
];

/**
 * None: the construct's uninstall set is exactly the chart's post-delete hook.
 * (The mesh.yaml uninstall chart adds the control-plane Namespace around it,
 * which is topology, not chart parity.)
 */
const EXTRA_CLEANUP_OBJECTS: readonly AllowedObject[] = [];

/**
 * Extras that neither a Kubernetes 1.27 requirement nor a chart defect
 * accounts for: known defects of ours, listed so the suite stays green while
 * they are open, and printed on every run. Empty today; an entry here is a bug
 * to fix, never a permission. Entries are `Kind/namespace/name` for an object
 * or `Kind/namespace/name: path` (with indices) for a leaf.
 */
const UNEXPLAINED: readonly string[] = [];

const ALLOWLISTS: Allowlists = { leaves: EXTRA_LEAVES, objects: EXTRA_OBJECTS, cleanupObjects: EXTRA_CLEANUP_OBJECTS, unexplained: UNEXPLAINED };

const BASIC: IstioRemoteValuesOverlay = {
  global: {
    remotePilotAddress: '10.8.0.12',
    remotePolicyAddress: '10.8.0.13',
    remoteTelemetryAddress: '10.8.0.14',
    remoteZipkinAddress: '10.8.0.16',
    proxy: { envoyStatsd: { enabled: true, host: '10.8.0.15', port: 9125 } },
  },
};
const SECURE: IstioRemoteValuesOverlay = {
  global: {
    mtls: { enabled: true },
    controlPlaneSecurityEnabled: true,
    remotePilotCreateSvcEndpoint: true,
    remotePilotAddress: '10.8.0.12',
    remotePolicyAddress: '10.8.0.13',
    remoteTelemetryAddress: '10.8.0.14',
    proxy: { envoyStatsd: { enabled: true, host: '10.8.0.15', port: 9125 } },
  },
  security: { selfSigned: false },
};
const CASES: readonly [string, readonly IstioRemoteValuesOverlay[]][] = [
  ['basic.yaml', [BASIC]],
  ['secure.yaml', [SECURE]],
  ['manual-injection.yaml', [BASIC, { sidecarInjectorWebhook: { enabled: false } }]],
];

interface Rendered {
  readonly install: Map<string, any>;
  readonly uninstall: Map<string, any>;
}

describeWithShared(['reference', 'istio-remote-1.0.7'], 'istio-remote parity with the Istio 1.0.7 chart', (dir) => {
  test.each(CASES)('%s: every reference leaf is matched, and every extra leaf and object is allowed', (file, overlays) => {
    // GIVEN the reference render and our output for the same values
    const reference = readReference(join(dir, file));
    const { install, uninstall } = renderRemote(overlays);

    // WHEN every reference object is compared with ours of the same kind, namespace and name, both ways
    const report = compareWithReference(reference, install, uninstall, NAMESPACE);
    const unlisted = unlistedExtras(report, ALLOWLISTS);
    const unexplainedLeaves = report.extraLeaves.map(describeLeaf).filter((leaf) => UNEXPLAINED.includes(leaf));
    const unexplained = [...unexplainedLeaves, ...[...report.extraObjects, ...report.extraCleanupObjects].filter((key) => UNEXPLAINED.includes(key))];
    const allowlisted = report.extraLeaves.length - unexplainedLeaves.length - unlisted.leaves.length;
    // eslint-disable-next-line no-console
    console.log(
      `${file}: ${report.matched}/${report.total} reference leaves matched ` +
        `(${((100 * report.matched) / report.total).toFixed(1)}%), ` +
        `${reference.length - report.missing.length}/${reference.length} objects found (${report.hooks} hook objects in the uninstall set); ` +
        `extra leaves: ${report.extraLeaves.length} (${allowlisted} allowlisted, ${unexplainedLeaves.length} unexplained, ${unlisted.leaves.length} unlisted), ` +
        `extra objects: ${report.extraObjects.join(', ') || 'none'}, ` +
        `extra uninstall objects: ${report.extraCleanupObjects.join(', ') || 'none'}, ` +
        `unexplained: ${unexplained.join(', ') || 'none'}`,
    );

    // THEN nothing is missing and every leaf matches
    expect(report.missing).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.matched).toBe(report.total);
    // and every extra, in the install and the uninstall set, is allowlisted with its reason or listed as unexplained
    expect(unlisted).toEqual({ leaves: [], objects: [], cleanupObjects: [] });
  });

  test('every allowlist entry is still needed by some reference', () => {
    // GIVEN the extras of all three references
    const reports = CASES.map(([file, overlays]) => {
      const { install, uninstall } = renderRemote(overlays);
      return compareWithReference(readReference(join(dir, file)), install, uninstall, NAMESPACE);
    });
    // WHEN each entry looks for an extra it allows
    const unused = unusedEntries(reports, ALLOWLISTS);
    // THEN none is left over: a stale entry would let a future extra through unreviewed
    expect(unused).toEqual([]);
  });

  test('the comparison notices a changed leaf, a changed template line and a missing object', () => {
    // GIVEN our secure.yaml output with three defects planted
    const reference = readReference(join(dir, 'secure.yaml'));
    const { install, uninstall } = renderRemote([SECURE]);
    install.get('Deployment/istio-system/istio-citadel').spec.template.spec.containers[0].args.pop();
    const injector = install.get('ConfigMap/istio-system/istio-sidecar-injector');
    injector.data.config = injector.data.config.replace('- 1337', '- 1338');
    install.delete('Endpoints/istio-system/istio-pilot');
    // WHEN compared
    const report = compareWithReference(reference, install, uninstall, NAMESPACE);
    // THEN each is reported
    expect(report.missing).toEqual(['Endpoints/istio-system/istio-pilot']);
    expect(report.mismatches).toEqual([
      'ConfigMap/istio-system/istio-sidecar-injector: template line 8: "  - 1337" vs "  - 1338"',
      'Deployment/istio-system/istio-citadel: spec.template.spec.containers[0].args[8]: "--cert-chain=/etc/cacerts/cert-chain.pem" vs undefined',
    ]);
  });

  test('the comparison notices extra leaves, items, lines and objects, and the allowlists let none of them through', () => {
    // GIVEN a copy of our secure.yaml output with extras planted in both sets
    const reference = readReference(join(dir, 'secure.yaml'));
    const pristine = renderRemote([SECURE]);
    const install = new Map([...pristine.install].map(([key, object]) => [key, structuredClone(object)]));
    const uninstall = new Map([...pristine.uninstall].map(([key, object]) => [key, structuredClone(object)]));
    const citadel = install.get('Deployment/istio-system/istio-citadel').spec.template.spec;
    citadel.hostNetwork = true;
    citadel.containers[0].args.push('--extra-flag');
    const mesh = install.get('ConfigMap/istio-system/istio');
    mesh.data.mesh += '\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n';
    const injector = install.get('ConfigMap/istio-system/istio-sidecar-injector');
    injector.data.config = injector.data.config.replace(/\n*$/, '\n  # planted\n');
    const planted = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'planted', namespace: NAMESPACE } };
    install.set(keyOf(planted, NAMESPACE), planted);
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } };
    uninstall.set(keyOf(namespace, NAMESPACE), namespace);
    // WHEN both copies are compared
    const before = compareWithReference(reference, pristine.install, pristine.uninstall, NAMESPACE);
    const after = compareWithReference(reference, install, uninstall, NAMESPACE);
    // THEN exactly the planted extras are new
    const lines = templateLineCount(pristine);
    const plantedLeaves = [
      'ConfigMap/istio-system/istio: data.mesh.outboundTrafficPolicy.mode',
      `ConfigMap/istio-system/istio-sidecar-injector: data.config.template[${lines}]`,
      'Deployment/istio-system/istio-citadel: spec.template.spec.containers[0].args[9]',
      'Deployment/istio-system/istio-citadel: spec.template.spec.hostNetwork',
    ];
    const known = new Set(before.extraLeaves.map(describeLeaf));
    expect(after.extraLeaves.map(describeLeaf).filter((leaf) => !known.has(leaf))).toEqual(plantedLeaves);
    expect(after.extraObjects).toEqual([...before.extraObjects, 'ConfigMap/istio-system/planted']);
    expect(after.extraCleanupObjects).toEqual([`Namespace//${NAMESPACE}`]);
    // (the template's line count is a reference leaf too, so the planted line is also a mismatch)
    expect(after.mismatches).toEqual([`ConfigMap/istio-system/istio-sidecar-injector: template has ${lines + 1} lines, reference ${lines}`]);
    // and the allowlists pass none of them
    expect(unlistedExtras(after, ALLOWLISTS)).toEqual({
      leaves: [...plantedLeaves].sort(),
      objects: ['ConfigMap/istio-system/planted'],
      cleanupObjects: [`Namespace//${NAMESPACE}`],
    });
  });

  test.each(CASES)('%s: our output is valid Kubernetes 1.27 and namespaced exactly where it must be', (_file, overlays) => {
    // GIVEN the same values
    const { install, uninstall } = renderRemote(overlays);
    // WHEN rendered
    const objects = [...install.values(), ...uninstall.values()];
    // THEN
    expect(() => validateAgainstK8s(objects)).not.toThrow();
    for (const object of objects) {
      expect([object.kind, object.metadata.namespace]).toEqual([
        object.kind,
        CLUSTER_SCOPED.has(object.kind) ? undefined : NAMESPACE,
      ]);
    }
  });
});

function renderRemote(overlays: readonly IstioRemoteValuesOverlay[]): Rendered {
  const values = mergeIstioRemoteValues(...overlays);
  return {
    install: render((chart) => new IstioRemote(chart, 'remote', { namespace: NAMESPACE, values })),
    uninstall: render((chart) => new IstioCleanupSecrets(chart, 'cleanup', { namespace: NAMESPACE, global: values.global })),
  };
}

function render(build: (chart: Chart) => void): Map<string, any> {
  const chart = new Chart(Testing.app(), 'parity');
  build(chart);
  return new Map(Testing.synth(chart).map((object) => [keyOf(object, NAMESPACE), object]));
}


/** The number of non-blank lines in our injection template: the index a planted line gets. */
function templateLineCount(rendered: Rendered): number {
  const config: string = rendered.install.get('ConfigMap/istio-system/istio-sidecar-injector').data.config;
  const template: string = parse(config).template;
  return template.split('\n').filter((line) => line.trim() !== '').length;
}
