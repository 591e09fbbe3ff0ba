import { LineCounter, parseAllDocuments } from 'yaml';
import { isPlainObject } from '../../lib/deep-merge';
import { diffValues, type FieldChange } from '../../lib/structural-diff';
import { expandEmbeddedDocuments } from './embedded-documents';
import { apiGroupOf, compareIdentities, identityKey, type ObjectIdentity, type OutputSet } from './object-identity';
import { redactSecrets } from './secret-redaction';

/** One file of one version of the output, as read from git, a folder or a synthesis in memory. */
export interface OutputText {
  readonly set: OutputSet;
  /** Below its tree: `<cluster>/<file>`. */
  readonly path: string;
  readonly content: string;
  /** Where it came from, for error messages: `HEAD:dist/remote-east/remote-east.k8s.yaml`. */
  readonly source: string;
}

export interface ObjectChange {
  readonly identity: ObjectIdentity;
  readonly change: 'added' | 'removed' | 'changed';
  /** The fields that differ, for a changed object; empty otherwise. */
  readonly fields: readonly FieldChange[];
}

export interface ClusterDiff {
  readonly cluster: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly objects: readonly ObjectChange[];
}

export interface MeshDiff {
  /** The output trees compared. */
  readonly sets: readonly OutputSet[];
  /** Every cluster of either version, changed or not. */
  readonly clusters: readonly ClusterDiff[];
}

/** A file of the output that cannot be compared; its message says where and why, never what the file holds. */
export class OutputReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputReadError';
  }
}

/** Files that belong to a cluster: `<cluster>/<file>.yaml`, as kubectl applies them. Anything else (MESH.md) is not output to compare. */
export function isClusterOutputFile(path: string): boolean {
  const parts = path.split('/');
  return parts.length === 2 && parts.every((p) => p !== '') && /\.ya?ml$/.test(parts[1]);
}

/**
 * What changed from `base` to `head`, object by object and cluster by
 * cluster. Both are normalised the same way first: Secret values hashed,
 * embedded configs parsed. Pure: it reads nothing but its arguments.
 */
export function diffMeshOutputs(base: readonly OutputText[], head: readonly OutputText[], sets: readonly OutputSet[]): MeshDiff {
  const compared = (files: readonly OutputText[]) => files.filter((f) => sets.includes(f.set) && isClusterOutputFile(f.path));
  const oldFiles = compared(base);
  const newFiles = compared(head);
  // A file byte-identical on both sides holds the same objects: skipping it spares
  // parsing most of a large mesh, where a change usually touches a few clusters.
  const fileKey = (f: OutputText) => `${f.set}\0${f.path}`;
  const oldText = new Map(oldFiles.map((f) => [fileKey(f), f.content]));
  const same = new Set(newFiles.filter((f) => oldText.get(fileKey(f)) === f.content).map(fileKey));
  const before = outputObjects(oldFiles.filter((f) => !same.has(fileKey(f))));
  const after = outputObjects(newFiles.filter((f) => !same.has(fileKey(f))));

  const changes = new Map<string, ObjectChange[]>();
  const record = (change: ObjectChange) => {
    const list = changes.get(change.identity.cluster) ?? [];
    list.push(change);
    changes.set(change.identity.cluster, list);
  };
  for (const [key, old] of before) {
    const current = after.get(key);
    if (current === undefined) {
      record({ identity: old.identity, change: 'removed', fields: [] });
    } else {
      const fields = diffValues(old.body, current.body);
      if (fields.length > 0) {
        record({ identity: old.identity, change: 'changed', fields });
      }
    }
  }
  for (const [key, current] of after) {
    if (!before.has(key)) {
      record({ identity: current.identity, change: 'added', fields: [] });
    }
  }

  const clusters = [...new Set([...newFiles, ...oldFiles].map((f) => f.path.split('/')[0]))];
  return {
    sets,
    clusters: clusters.map((cluster) => {
      const objects = (changes.get(cluster) ?? []).sort((a, b) => compareIdentities(a.identity, b.identity));
      const count = (change: ObjectChange['change']) => objects.filter((o) => o.change === change).length;
      return { cluster, added: count('added'), removed: count('removed'), changed: count('changed'), objects };
    }),
  };
}

/** True when anything changed. */
export function hasChanges(diff: MeshDiff): boolean {
  return diff.clusters.some((c) => c.objects.length > 0);
}

interface OutputObject {
  readonly identity: ObjectIdentity;
  readonly body: unknown;
}

function outputObjects(files: readonly OutputText[]): Map<string, OutputObject> {
  const objects = new Map<string, OutputObject>();
  for (const file of files) {
    const [cluster] = file.path.split('/');
    for (const object of manifestObjects(file, cluster)) {
      const key = identityKey(object.identity);
      if (objects.has(key)) {
        const { kind, namespace, name: objectName } = object.identity;
        throw new OutputReadError(`${file.source}: holds ${kind} ${namespace === '' ? '' : `${namespace}/`}${objectName} a second time in cluster ${cluster}: one object per identity is what kubectl applies`);
      }
      objects.set(key, object);
    }
  }
  return objects;
}

function manifestObjects(file: OutputText, cluster: string): OutputObject[] {
  const lines = new LineCounter();
  const objects: OutputObject[] = [];
  for (const document of parseAllDocuments(file.content, { lineCounter: lines, prettyErrors: false })) {
    const error = 'errors' in document ? document.errors[0] : undefined;
    if (error !== undefined) {
      const { line, col } = lines.linePos(error.pos[0]);
      throw new OutputReadError(`${file.source}:${line}:${col}: is not valid YAML (${error.code}): compare output that synth wrote`);
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) {
      continue;
    }
    const metadata = isPlainObject(value) ? value.metadata : undefined;
    if (!isPlainObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string' || !isPlainObject(metadata) || typeof metadata.name !== 'string') {
      const { line, col } = lines.linePos(document.range[0]);
      throw new OutputReadError(`${file.source}:${line}:${col}: is not a Kubernetes object: it needs apiVersion, kind and metadata.name`);
    }
    const identity: ObjectIdentity = {
      cluster,
      set: file.set,
      group: apiGroupOf(value.apiVersion),
      kind: value.kind,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
      name: metadata.name,
    };
    objects.push({ identity, body: expandEmbeddedDocuments(redactSecrets(value, file.set)) });
  }
  return objects;
}
