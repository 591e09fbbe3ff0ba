import { apiGroupOf, compareIdentities, describeObject, identityKey, type ObjectIdentity } from '../../../output/diff/object-identity';

const id = (over: Partial<ObjectIdentity>): ObjectIdentity => ({ cluster: 'remote-east', set: 'apply', group: '', kind: 'ConfigMap', namespace: 'istio-system', name: 'istio', ...over });

describe('object identity', () => {
  it('takes the API group without its version', () => {
    expect(apiGroupOf('v1')).toBe('');
    expect(apiGroupOf('apps/v1')).toBe('apps');
    expect(apiGroupOf('networking.istio.io/v1alpha3')).toBe('networking.istio.io');
  });

  it('tells objects apart by cluster, tree, group, kind, namespace and name', () => {
    const base = identityKey(id({}));
    for (const other of [{ cluster: 'remote-west' }, { set: 'uninstall' as const }, { group: 'x' }, { kind: 'Secret' }, { namespace: '' }, { name: 'other' }]) {
      expect(identityKey(id(other))).not.toBe(base);
    }
    expect(identityKey(id({}))).toBe(base);
  });

  it('orders by tree, then kind, namespace and name', () => {
    const sorted = [id({ set: 'uninstall' }), id({ kind: 'Service', name: 'a' }), id({ name: 'b' }), id({ name: 'a' })].sort(compareIdentities);
    expect(sorted.map((i) => `${i.set} ${i.kind} ${i.name}`)).toEqual(['apply ConfigMap a', 'apply ConfigMap b', 'apply Service a', 'uninstall ConfigMap istio']);
  });

  it("describes an object as kubectl does", () => {
    expect(describeObject(id({ group: 'apps', kind: 'Deployment', name: 'istio-citadel' }))).toBe('Deployment.apps istio-system/istio-citadel');
    expect(describeObject(id({ kind: 'Namespace', namespace: '', name: 'bookinfo' }))).toBe('Namespace bookinfo');
  });
});
