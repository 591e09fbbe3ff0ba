import type { ManifestObject } from './render';

/** The folders of one cluster's output, each holding Kubernetes objects. */
export type ObjectFolder = 'crds' | 'apply' | 'secrets' | 'uninstall';

/**
 * The folder pairs whose objects may share an identity, and only these: the
 * uninstall set is applied after `kubectl delete -f dist/<cluster>/` has
 * removed the install set, so it brings its own control-plane Namespace (and
 * may bring anything else of the install set) without the two ever being on
 * the cluster at once. Every other pair is applied side by side and would
 * overwrite each other:
 * - crds with uninstall: the CRDs stay when dist/ is deleted, and deleting
 *   the uninstall set afterwards would delete a repeated CRD, and with it
 *   every custom resource of its kind;
 * - secrets with uninstall: deleting the uninstall set would delete a Secret
 *   the install set still holds;
 * - any folder with itself, or crds, apply and secrets with each other: all
 *   are applied together, the last one wins.
 */
const SEQUENTIAL_PAIRS: readonly (readonly [ObjectFolder, ObjectFolder])[] = [['apply', 'uninstall']];

/** An object's identity on the API server: API group, kind, namespace and name. */
function identityOf(object: ManifestObject): string {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash === -1 ? '' : object.apiVersion.slice(0, slash);
  const namespace = object.metadata.namespace ?? '';
  return `${object.kind}${group === '' ? '' : `.${group}`} ${namespace === '' ? '' : `${namespace}/`}${object.metadata.name}`;
}

/** Raised before anything is written when two objects of one cluster's output would replace each other. */
export class DuplicateObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DuplicateObjectError';
  }
}

/**
 * Refuses a cluster's output in which two objects, in one folder or in two
 * folders applied side by side, share an identity: `kubectl apply` would keep
 * only the last, silently (a remote Secret named `cacerts` replaced the CA).
 * The topology rules catch the user's share of this at the topology line;
 * this guard keeps any other path, a construct's default name included, from
 * writing such output.
 */
export function checkDistinctObjects(cluster: string, folders: Readonly<Partial<Record<ObjectFolder, readonly ManifestObject[]>>>, folderName: (folder: ObjectFolder) => string): void {
  // Every folder each identity was seen in so far, in folder order.
  const seen = new Map<string, ObjectFolder[]>();
  const clashes: string[] = [];
  for (const [folder, objects] of Object.entries(folders) as [ObjectFolder, readonly ManifestObject[]][]) {
    for (const object of objects) {
      const identity = identityOf(object);
      const earlier = seen.get(identity) ?? [];
      for (const other of earlier.filter((e) => !mayRepeat(e, folder))) {
        const where = other === folder ? `twice in ${folderName(folder)}/${cluster}/` : `in ${folderName(other)}/${cluster}/ and ${folderName(folder)}/${cluster}/`;
        clashes.push(`${identity} ${where}`);
      }
      seen.set(identity, [...earlier, folder]);
    }
  }
  if (clashes.length > 0) {
    throw new DuplicateObjectError(
      `the output of cluster ${cluster} holds ${clashes.length === 1 ? 'an object' : 'objects'} of the same API group, kind, namespace and name: ${clashes.join('; ')}; ` +
        'applying it would keep only one of each, silently. Rename what the topology names after it; if the topology names none, this is a bug in synth',
    );
  }
}

function mayRepeat(a: ObjectFolder, b: ObjectFolder): boolean {
  return a !== b && SEQUENTIAL_PAIRS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}
