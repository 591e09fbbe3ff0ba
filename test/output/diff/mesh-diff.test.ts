import { diffMeshOutputs, hasChanges, isClusterOutputFile, OutputReadError, type OutputText } from '../../../output/diff/mesh-diff';
import type { OutputSet } from '../../../output/diff/object-identity';
import { shortHash } from '../../../output/diff/secret-redaction';
import { istioConfigMap } from '../../support/mesh-diff-fixture';

const file = (path: string, content: string, set: OutputSet = 'apply'): OutputText => ({ set, path, content, source: `test:${path}` });

const MESH_CONFIG = istioConfigMap;

describe('diffMeshOutputs', () => {
  it('finds no change between equal outputs, and lists every cluster', () => {
    const files = [file('remote-east/remote-east.k8s.yaml', MESH_CONFIG('10.8.0.12')), file('primary/primary.k8s.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n')];
    const diff = diffMeshOutputs(files, files, ['apply']);
    expect(hasChanges(diff)).toBe(false);
    expect(diff.clusters.map((c) => c.cluster)).toEqual(['remote-east', 'primary']);
  });

  it('passes over a file that is byte-identical on both sides, and still lists its cluster', () => {
    // GIVEN a file the same on both sides, which would not even parse, and one that changed
    const same = file('remote-west/remote-west.k8s.yaml', 'kind: [not parsed\n');
    const diff = diffMeshOutputs([same, file('remote-east/x.yaml', MESH_CONFIG('10.8.0.12'))], [file('remote-east/x.yaml', MESH_CONFIG('10.8.3.12')), same], ['apply']);
    // THEN only the changed file was read, and both clusters are listed
    expect(diff.clusters.map((c) => [c.cluster, c.changed])).toEqual([
      ['remote-east', 1],
      ['remote-west', 0],
    ]);
  });

  it('reports a field inside the embedded mesh config by its path', () => {
    // GIVEN a remote whose Pilot address moved
    const diff = diffMeshOutputs([file('remote-east/x.yaml', MESH_CONFIG('10.8.0.12'))], [file('remote-east/x.yaml', MESH_CONFIG('10.8.3.12'))], ['apply']);
    // THEN the change is one field of ConfigMap istio in that cluster
    expect(diff.clusters).toEqual([
      {
        cluster: 'remote-east',
        added: 0,
        removed: 0,
        changed: 1,
        objects: [
          {
            identity: { cluster: 'remote-east', set: 'apply', group: '', kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' },
            change: 'changed',
            fields: [{ path: ['data', 'mesh', 'defaultConfig', 'discoveryAddress'], change: 'changed', old: '10.8.0.12:15007', new: '10.8.3.12:15007' }],
          },
        ],
      },
    ]);
  });

  it('reports added and removed objects and clusters, whatever file holds them', () => {
    const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
    const diff = diffMeshOutputs(
      [file('remote-east/a.yaml', `${ns('a')}---\n${ns('b')}`), file('remote-old/r.yaml', ns('istio-system'))],
      [file('remote-east/renamed.yaml', `${ns('b')}---\n${ns('c')}`), file('remote-new/r.yaml', ns('istio-system'))],
      ['apply'],
    );
    expect(diff.clusters.map((c) => [c.cluster, c.objects.map((o) => `${o.change} ${o.identity.name}`)])).toEqual([
      ['remote-east', ['removed a', 'added c']],
      ['remote-new', ['added istio-system']],
      ['remote-old', ['removed istio-system']],
    ]);
  });

  it('tells an object of the uninstall tree from the same object of the apply tree', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n';
    const diff = diffMeshOutputs([file('r/a.yaml', ns)], [file('r/a.yaml', ns), file('r/c.yaml', ns, 'uninstall')], ['apply', 'uninstall']);
    expect(diff.clusters[0].objects.map((o) => `${o.change} ${o.identity.set}`)).toEqual(['added uninstall']);
  });

  it("never carries a Secret's values, only their short hashes", () => {
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cacerts\n  namespace: istio-system\ndata:\n  ca-key.pem: ${value}\n`;
    const diff = diffMeshOutputs([file('p/s.yaml', secret('b2xkLWtleQ=='), 'secrets')], [file('p/s.yaml', secret('bmV3LWtleQ=='), 'secrets')], ['secrets']);
    expect(diff.clusters[0].objects[0].fields).toEqual([{ path: ['data', 'ca-key.pem'], change: 'changed', old: shortHash('b2xkLWtleQ=='), new: shortHash('bmV3LWtleQ==') }]);
    expect(JSON.stringify(diff)).not.toMatch(/b2xkLWtleQ|bmV3LWtleQ/);
  });

  it('compares only the trees it is told to, and only cluster files', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';
    const diff = diffMeshOutputs([], [file('r/a.yaml', ns, 'secrets'), file('MESH.md', '# Mesh')], ['apply']);
    expect(diff.clusters).toEqual([]);
  });

  it('fails when a file is not valid YAML, naming the file, line and column', () => {
    expect(() => diffMeshOutputs([file('r/a.yaml', 'kind: [unclosed\n')], [], ['apply'])).toThrow(OutputReadError);
    expect(() => diffMeshOutputs([file('r/a.yaml', 'apiVersion: v1\nkind: [unclosed\n')], [], ['apply'])).toThrow(/^test:r\/a\.yaml:\d+:\d+: is not valid YAML/);
  });

  it('fails when a document is not a Kubernetes object', () => {
    expect(() => diffMeshOutputs([], [file('r/a.yaml', 'apiVersion: v1\nkind: Namespace\n---\nfoo: bar\n')], ['apply'])).toThrow(
      /^test:r\/a\.yaml:1:1: is not a Kubernetes object: it needs apiVersion, kind and metadata\.name/,
    );
  });

  it('fails when one version holds the same object twice', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n';
    expect(() => diffMeshOutputs([file('r/a.yaml', `${ns}---\n${ns}`)], [], ['apply'])).toThrow(/holds Namespace x a second time in cluster r/);
  });
});

describe('isClusterOutputFile', () => {
  it('takes YAML in a cluster folder only', () => {
    expect(isClusterOutputFile('remote-east/remote-east.k8s.yaml')).toBe(true);
    expect(isClusterOutputFile('MESH.md')).toBe(false);
    expect(isClusterOutputFile('remote-east/notes.md')).toBe(false);
    expect(isClusterOutputFile('primary/helm-template.sh')).toBe(false);
    expect(isClusterOutputFile('a/b/c.yaml')).toBe(false);
  });
});
