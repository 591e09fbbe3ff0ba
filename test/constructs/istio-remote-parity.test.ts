import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { IstioRemote, IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../constructs';
import { describeWithShared } from '../support/shared-reference';
import { validateAgainstK8s } from '../support/validate-k8s';

/**
 * Parity with the real `helm template` renders of Istio 1.0.7's istio-remote
 * chart, by the rules of the reference README: every leaf of every reference
 * object must be present and equal in our output, modulo the listed
 * exceptions (API versions, Helm bookkeeping labels, namespaces of
 * cluster-scoped kinds, the arch node label, and the two config strings
 * compared by meaning).
 */

const NAMESPACE = 'istio-system';
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'MutatingWebhookConfiguration', 'MeshPolicy']);
const HELM_LABELS = new Set(['chart', 'heritage', 'release']);
/** Kinds whose group changed on the way to a version Kubernetes 1.27 serves. */
const MOVED_GROUPS: Readonly<Record<string, string>> = { 'extensions/Deployment': 'apps' };

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

interface Tally {
  matched: number;
  total: number;
  readonly mismatches: string[];
}

describeWithShared(['reference', 'istio-remote-1.0.7'], 'istio-remote parity with the Istio 1.0.7 chart', (dir) => {
  test.each(CASES)('%s: every reference leaf is matched', (file, overlays) => {
    // GIVEN the reference render and our output for the same values
    const reference = readReference(join(dir, file));
    const values = mergeIstioRemoteValues(...overlays);
    const install = render((chart) => new IstioRemote(chart, 'remote', { namespace: NAMESPACE, values }));
    const uninstall = render((chart) => IstioRemote.cleanup(chart, 'cleanup', { namespace: NAMESPACE, values }));

    // WHEN every reference object is compared with ours of the same kind, namespace and name
    const { tally, missing, extra, hooks } = compareWithReference(reference, install, uninstall);
    // eslint-disable-next-line no-console
    console.log(
      `${file}: ${tally.matched}/${tally.total} reference leaves matched ` +
        `(${((100 * tally.matched) / tally.total).toFixed(1)}%), ${reference.length - missing.length}/${reference.length} objects found ` +
        `(${hooks} hook objects in the uninstall set), extra objects: ${extra.join(', ') || 'none'}`,
    );

    // THEN nothing is missing and every leaf matches
    expect(missing).toEqual([]);
    expect(tally.mismatches).toEqual([]);
    expect(tally.matched).toBe(tally.total);
    // and the only extra object is the istio-multi token Secret Kubernetes >= 1.24 needs
    expect(extra).toEqual([`Secret/${NAMESPACE}/istio-multi-token`]);
  });

  test('the comparison notices a changed leaf, a changed template line and a missing object', () => {
    // GIVEN our secure.yaml output with three defects planted
    const reference = readReference(join(dir, 'secure.yaml'));
    const values = mergeIstioRemoteValues(SECURE);
    const install = render((chart) => new IstioRemote(chart, 'remote', { namespace: NAMESPACE, values }));
    const uninstall = render((chart) => IstioRemote.cleanup(chart, 'cleanup', { namespace: NAMESPACE, values }));
    install.get('Deployment/istio-system/istio-citadel').spec.template.spec.containers[0].args.pop();
    const injector = install.get('ConfigMap/istio-system/istio-sidecar-injector');
    injector.data.config = injector.data.config.replace('- 1337', '- 1338');
    install.delete('Endpoints/istio-system/istio-pilot');
    // WHEN compared
    const { tally, missing } = compareWithReference(reference, install, uninstall);
    // THEN each is reported
    expect(missing).toEqual(['Endpoints/istio-system/istio-pilot']);
    expect(tally.mismatches).toEqual([
      'ConfigMap/istio-system/istio-sidecar-injector: template line 8: "  - 1337" vs "  - 1338"',
      'Deployment/istio-system/istio-citadel: spec.template.spec.containers.0.args.8: "--cert-chain=/etc/cacerts/cert-chain.pem" vs undefined',
    ]);
  });

  test.each(CASES)('%s: our output is valid Kubernetes 1.27 and namespaced exactly where it must be', (_file, overlays) => {
    // GIVEN the same values
    const values = mergeIstioRemoteValues(...overlays);
    // WHEN rendered
    const objects = [
      ...render((chart) => new IstioRemote(chart, 'remote', { namespace: NAMESPACE, values })).values(),
      ...render((chart) => IstioRemote.cleanup(chart, 'cleanup', { namespace: NAMESPACE, values })).values(),
    ];
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

function readReference(path: string): any[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => doc.toJS())
    .filter((doc) => doc !== null && typeof doc === 'object');
}

function compareWithReference(reference: readonly any[], install: Map<string, any>, uninstall: Map<string, any>) {
  const tally: Tally = { matched: 0, total: 0, mismatches: [] };
  const missing: string[] = [];
  const used = new Set<string>();
  let hooks = 0;
  for (const ref of reference) {
    // The chart's post-delete hook is our separate uninstall set.
    const isHook = ref.metadata?.annotations?.['helm.sh/hook'] !== undefined;
    hooks += isHook ? 1 : 0;
    const key = keyOf(ref);
    const ours = (isHook ? uninstall : install).get(key);
    if (ours === undefined) {
      missing.push(key);
      continue;
    }
    used.add(key);
    compareObject(ref, ours, key, tally);
  }
  const extra = [...install.keys()].filter((key) => !used.has(key));
  return { tally, missing, extra, hooks };
}

function render(build: (chart: Chart) => void): Map<string, any> {
  const chart = new Chart(Testing.app(), 'parity');
  build(chart);
  return new Map(Testing.synth(chart).map((object) => [keyOf(object), object]));
}

function keyOf(object: any): string {
  const kind: string = object.kind;
  // The chart left DestinationRules without a namespace; ours are in the control-plane namespace.
  const namespace = CLUSTER_SCOPED.has(kind) ? '' : (object.metadata?.namespace ?? NAMESPACE);
  return `${kind}/${namespace}/${object.metadata?.name}`;
}

function compareObject(ref: any, ours: any, key: string, tally: Tally): void {
  for (const [field, value] of Object.entries(ref)) {
    if (field === 'apiVersion') {
      const group = groupOf(value as string);
      const expected = MOVED_GROUPS[`${group}/${ref.kind}`] ?? group;
      count(tally, groupOf(ours.apiVersion) === expected, `${key}: apiVersion group ${value} vs ${ours.apiVersion}`);
    } else if (key.startsWith('ConfigMap/') && field === 'data') {
      compareConfigMapData(value as Record<string, string>, ours.data ?? {}, key, tally);
    } else {
      compareLeaves(value, ours[field], [field], key, tally);
    }
  }
}

function compareConfigMapData(ref: Record<string, string>, ours: Record<string, string>, key: string, tally: Tally): void {
  for (const [name, text] of Object.entries(ref)) {
    if (name === 'mesh') {
      compareLeaves(parse(text), parse(ours.mesh ?? ''), ['data', 'mesh'], key, tally);
    } else if (name === 'config') {
      const refConfig = parse(text);
      const ourConfig = parse(ours.config ?? '') ?? {};
      compareLeaves(refConfig.policy, ourConfig.policy, ['data', 'config', 'policy'], key, tally);
      const lines = (template: string) =>
        (template ?? '')
          .split('\n')
          .map((line) => line.trimEnd())
          .filter((line) => line !== '');
      const refLines = lines(refConfig.template);
      const ourLines = lines(ourConfig.template);
      refLines.forEach((line, index) =>
        count(tally, ourLines[index] === line, `${key}: template line ${index + 1}: ${JSON.stringify(line)} vs ${JSON.stringify(ourLines[index])}`),
      );
      count(tally, ourLines.length === refLines.length, `${key}: template has ${ourLines.length} lines, reference ${refLines.length}`);
    } else {
      compareLeaves(text, ours[name], ['data', name], key, tally);
    }
  }
}

function compareLeaves(ref: unknown, ours: unknown, path: readonly (string | number)[], key: string, tally: Tally): void {
  const where = `${key}: ${path.join('.')}`;
  if (Array.isArray(ref)) {
    if (ref.length === 0) {
      count(tally, Array.isArray(ours) && ours.length === 0, `${where}: [] vs ${JSON.stringify(ours)}`);
    }
    ref.forEach((item, index) => compareLeaves(item, Array.isArray(ours) ? ours[index] : undefined, [...path, index], key, tally));
    return;
  }
  if (ref !== null && typeof ref === 'object') {
    const entries = Object.entries(ref);
    if (entries.length === 0) {
      count(tally, ours !== null && typeof ours === 'object' && !Array.isArray(ours), `${where}: {} vs ${JSON.stringify(ours)}`);
    }
    const container = ours !== null && typeof ours === 'object' ? (ours as Record<string, unknown>) : {};
    for (const [field, value] of entries) {
      if (isIgnored(path, field, key)) {
        continue;
      }
      compareLeaves(value, container[field], [...path, field], key, tally);
    }
    return;
  }
  const expected = ref === 'beta.kubernetes.io/arch' ? 'kubernetes.io/arch' : ref;
  count(tally, ours === expected, `${where}: ${JSON.stringify(expected)} vs ${JSON.stringify(ours)}`);
}

function isIgnored(path: readonly (string | number)[], field: string, key: string): boolean {
  const parent = path[path.length - 1];
  if (parent === 'labels' && HELM_LABELS.has(field)) {
    return true;
  }
  if (parent === 'annotations' && field.startsWith('helm.sh/hook')) {
    return true;
  }
  return path.length === 1 && path[0] === 'metadata' && field === 'namespace' && CLUSTER_SCOPED.has(key.split('/')[0]);
}

function count(tally: Tally, ok: boolean, mismatch: string): void {
  tally.total += 1;
  if (ok) {
    tally.matched += 1;
  } else {
    tally.mismatches.push(mismatch);
  }
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}
