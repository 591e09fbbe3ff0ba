import { diffValues, formatFieldPath, sameValue } from '../../lib/structural-diff';

describe('diffValues', () => {
  it('finds nothing in equal trees', () => {
    expect(diffValues({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toEqual([]);
  });

  it('reports changed, added and removed map keys at their paths', () => {
    // GIVEN a map where one value changed, one key went and one came
    const changes = diffValues({ spec: { port: 80, old: true } }, { spec: { port: 8080, fresh: 'x' } });
    // THEN each is one change with its old and new value
    expect(changes).toEqual([
      { path: ['spec', 'port'], change: 'changed', old: 80, new: 8080 },
      { path: ['spec', 'old'], change: 'removed', old: true },
      { path: ['spec', 'fresh'], change: 'added', new: 'x' },
    ]);
  });

  it('matches list items by name, so inserting one is one addition', () => {
    // GIVEN containers where one was inserted first and a later one changed its image
    const before = { containers: [{ name: 'discovery', image: 'pilot:1' }, { name: 'istio-proxy', image: 'proxy:1' }] };
    const after = { containers: [{ name: 'init', image: 'init:1' }, { name: 'discovery', image: 'pilot:1' }, { name: 'istio-proxy', image: 'proxy:2' }] };
    // THEN the insertion is one addition and the change is found under the item's name
    expect(diffValues(before, after)).toEqual([
      { path: ['containers', { name: 'istio-proxy' }, 'image'], change: 'changed', old: 'proxy:1', new: 'proxy:2' },
      { path: ['containers', { name: 'init' }], change: 'added', new: { name: 'init', image: 'init:1' } },
    ]);
  });

  it('reports named items that kept their content but not their order', () => {
    const changes = diffValues({ env: [{ name: 'A' }, { name: 'B' }] }, { env: [{ name: 'B' }, { name: 'A' }] });
    expect(changes).toEqual([{ path: ['env'], change: 'reordered', old: ['A', 'B'], new: ['B', 'A'] }]);
  });

  it('aligns lists of plain values, so one inserted argument does not shift the rest', () => {
    const changes = diffValues({ args: ['discovery', '-v', '2'] }, { args: ['discovery', '--debug', '-v', '2'] });
    expect(changes).toEqual([{ path: ['args', 1], change: 'added', new: '--debug' }]);
  });

  it('compares lists of unnamed maps position by position', () => {
    const changes = diffValues({ subsets: [{ ip: '10.0.0.1' }] }, { subsets: [{ ip: '10.0.0.2' }, { ip: '10.0.0.3' }] });
    expect(changes).toEqual([
      { path: ['subsets', 0, 'ip'], change: 'changed', old: '10.0.0.1', new: '10.0.0.2' },
      { path: ['subsets', 1], change: 'added', new: { ip: '10.0.0.3' } },
    ]);
  });

  it('compares matching lists by position when a name repeats', () => {
    const changes = diffValues([{ name: 'a', v: 1 }, { name: 'a', v: 2 }], [{ name: 'a', v: 1 }, { name: 'a', v: 3 }]);
    expect(changes).toEqual([{ path: [1, 'v'], change: 'changed', old: 2, new: 3 }]);
  });

  it('compares text of several lines line by line', () => {
    const changes = diffValues({ template: 'a\nb\nc' }, { template: 'a\nB\nc' });
    expect(changes).toEqual([{ path: ['template'], change: 'changed', lines: [{ oldLine: 2, newLine: 2, removed: ['b'], added: ['B'] }] }]);
  });

  it('reports a change of type as old and new value', () => {
    expect(diffValues({ a: 'x' }, { a: { b: 1 } })).toEqual([{ path: ['a'], change: 'changed', old: 'x', new: { b: 1 } }]);
  });
});

describe('sameValue', () => {
  it('compares deeply, key order aside', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe('formatFieldPath', () => {
  it('writes keys, positions, named items and keys that need quoting', () => {
    expect(formatFieldPath(['spec', 'containers', { name: 'discovery' }, 'args', 2])).toBe('spec.containers[name=discovery].args[2]');
    expect(formatFieldPath(['metadata', 'annotations', 'kubernetes.io/service-account.name'])).toBe('metadata.annotations["kubernetes.io/service-account.name"]');
  });
});
