import { deepMerge } from '../../lib/deep-merge';

describe('deepMerge', () => {
  test('merges maps recursively and lets later overlays win', () => {
    // GIVEN defaults and two overlays touching the same map
    const base = { global: { hub: 'docker.io/istio', tag: '1.0.7', proxy: { image: 'proxyv2' } } };
    // WHEN merged
    const merged = deepMerge(base, { global: { tag: '1.0.6' } }, { global: { tag: '1.0.5', proxy: { concurrency: 2 } } });
    // THEN untouched keys stay and the last overlay decides
    expect(merged).toEqual({ global: { hub: 'docker.io/istio', tag: '1.0.5', proxy: { image: 'proxyv2', concurrency: 2 } } });
  });

  test('replaces lists and scalars instead of merging them', () => {
    // GIVEN a list default
    const base = { secrets: ['a', 'b'], arch: { amd64: 2 } };
    // WHEN an overlay gives a shorter list and a scalar where a map was
    const merged = deepMerge(base, { secrets: ['c'], arch: 'none' });
    // THEN both replace, as Helm does
    expect(merged).toEqual({ secrets: ['c'], arch: 'none' });
  });

  test('removes a key given null, like Helm', () => {
    // GIVEN a default with resources
    const base = { resources: { requests: { cpu: '10m', memory: '128Mi' } } };
    // WHEN an overlay nulls one entry, and another adds a subtree with a null inside
    const merged = deepMerge(base, { resources: { requests: { memory: null } } }, { extra: { a: 1, b: null } });
    // THEN the nulled keys are gone
    expect(merged).toEqual({ resources: { requests: { cpu: '10m' } }, extra: { a: 1 } });
  });

  test('does not mutate or share its inputs', () => {
    // GIVEN inputs
    const base = { a: { b: [1] } };
    const overlay = { a: { c: { d: 1 } } };
    // WHEN merged and the result changed
    const merged = deepMerge(base, overlay) as any;
    merged.a.b.push(2);
    merged.a.c.d = 2;
    // THEN the inputs are intact
    expect(base).toEqual({ a: { b: [1] } });
    expect(overlay).toEqual({ a: { c: { d: 1 } } });
  });

  test('ignores undefined overlays and undefined values', () => {
    expect(deepMerge({ a: 1 }, undefined, { a: undefined, b: 2 })).toEqual({ a: 1, b: 2 });
  });

  test('keeps a key named __proto__ as data, never as the prototype', () => {
    // GIVEN an overlay parsed from JSON with such a key
    const overlay = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    // WHEN merged
    const merged = deepMerge<Record<string, unknown>>({ a: 0 }, overlay);
    // THEN it is an own key, and no object inherits from it
    expect(Object.keys(merged)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
