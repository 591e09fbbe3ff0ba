import type { OutputLayout } from '../layout';

/** Which output tree an object was written to: `dist/`, `dist-crds/`, `dist-uninstall/` or `dist-secrets/`. */
export type OutputSet = keyof OutputLayout;

// A Record, so that a new tree in the layout fails to compile until it has its place here.
const SET_ORDER: Record<OutputSet, number> = { apply: 0, crds: 1, uninstall: 2, secrets: 3 };

/** Every output tree, in the order a diff reports them: the apply folder first. */
export const OUTPUT_SETS: readonly OutputSet[] = (Object.keys(SET_ORDER) as OutputSet[]).sort((a, b) => SET_ORDER[a] - SET_ORDER[b]);

/**
 * What makes an object the same object in two versions of the output, as
 * Kubernetes sees it: its API group (not its version, which may change),
 * kind, namespace and name, in one cluster's folder of one output tree.
 */
export interface ObjectIdentity {
  readonly cluster: string;
  readonly set: OutputSet;
  /** `''` for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly kind: string;
  /** `''` for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/** The API group of an `apiVersion`: `apps` of `apps/v1`, `''` of `v1`. */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** One string per identity, for maps. */
export function identityKey(id: ObjectIdentity): string {
  return JSON.stringify([id.cluster, id.set, id.group, id.kind, id.namespace, id.name]);
}

/** Output tree, then kind, namespace, name and group: a stable order to report in. */
export function compareIdentities(a: ObjectIdentity, b: ObjectIdentity): number {
  return (
    SET_ORDER[a.set] - SET_ORDER[b.set] ||
    compareText(a.kind, b.kind) ||
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name) ||
    compareText(a.group, b.group)
  );
}

/** `Deployment.apps istio-system/istio-citadel`, `Namespace bookinfo`, kubectl's spelling. */
export function describeObject(id: ObjectIdentity): string {
  const kind = id.group === '' ? id.kind : `${id.kind}.${id.group}`;
  return `${kind} ${id.namespace === '' ? '' : `${id.namespace}/`}${id.name}`;
}

// Code-unit order, not the locale's: the same on every machine.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
