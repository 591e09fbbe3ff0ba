import { Yaml } from 'cdk8s';
import { yamlDocument } from '../../lib/yaml-document';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Strings that sit on every edge of YAML's plain, quoted and block styles.
const WORDS = [
  'a', 'istio-system', 'app.kubernetes.io/name', '1.0.7', '80', '-1', '+5', '0o17', '0x1F', '1e3', '.5', '1.', '.inf', '.NaN',
  'true', 'False', 'yes', 'null', 'Null', '~', '', ' ', 'a b', 'a: b', 'a:b', 'a #b', 'a#b', '#c', '-', '-x', '- x', '?', '? x',
  ':x', 'x:', 'x ', ' x', '---', '--- x', '...', '%x', '@x', '`x', '!x', '&x', '*x', '|x', '>x', '[x]', '{x}', 'a,b', "it's",
  'say "hi"', `"'"`, 'back\\slash', 'tab\tx', 'ü', 'nbsp\u00a0', 'line\u2028sep', 'del\u007f', 'nul\u0000',
  'a\nb', 'a\nb\n', 'a\n\nb\n', 'a\nb\n\n', '\nlead', ' lead\nx', 'a\n b', 'a \nb', 'a\nb ', 'a\n ', '--- a\nb', 'a\n---\nb', '#!/bin/sh\nset -eu\n',
];

function generate(next: () => number, depth: number, shared: object[]): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const roll = next();
  if (depth > 0 && roll < 0.25) {
    const map: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--) map[pick(WORDS)] = generate(next, depth - 1, shared);
    shared.push(map);
    return map;
  }
  if (depth > 0 && roll < 0.4) {
    const list = Array.from({ length: Math.floor(next() * 4) }, () => generate(next, depth - 1, shared));
    shared.push(list);
    return list;
  }
  if (roll < 0.42 && shared.length > 0) return pick(shared);
  if (roll < 0.75) return next() < 0.5 ? pick(WORDS) : `${pick(WORDS)}${pick(WORDS)}`;
  return pick([0, 7, -3, 65536, 2 ** 53, 1.5, -0, NaN, Infinity, true, false, null, undefined]);
}

describe('yamlDocument', () => {
  it('writes exactly what cdk8s\'s Yaml.stringify writes, whenever it writes anything', () => {
    // GIVEN thousands of random documents built from YAML's edge cases
    const next = random(20261201);
    const mismatches: { doc: string; fast: string; yaml: string }[] = [];
    let written = 0;
    for (let i = 0; i < 8000; i++) {
      const doc: Record<string, unknown> = {};
      for (let k = 1 + Math.floor(next() * 4); k > 0; k--) doc[WORDS[Math.floor(next() * WORDS.length)]] = generate(next, 4, []);
      // WHEN both write it
      const fast = yamlDocument(doc);
      if (fast === undefined) continue;
      written++;
      const yaml = Yaml.stringify(doc);
      if (fast !== yaml) mismatches.push({ doc: JSON.stringify(doc), fast, yaml });
    }
    // THEN they never differ, and the fast writer took a real share of them
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(written).toBeGreaterThan(1000);
  });

  it('writes a Kubernetes object with nested maps, lists, empty collections and a multi-line string', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', labels: { 'app.kubernetes.io/name': 'istio', release: '1.0.7' } },
      data: { mesh: 'a: 1\n\nb:\n  - "c"\n', script: '#!/bin/sh\nset -eu', empty: '' },
      list: [{ port: 80, name: 'http' }, [], {}, ['x', null, true]],
    };
    expect(yamlDocument(object)).toBe(Yaml.stringify(object));
    expect(yamlDocument(object)).toContain('  mesh: |\n    a: 1\n\n    b:\n      - "c"\n  script: |-\n');
  });

  it('writes floats in plain decimal form as yaml does, such as Prometheus bucket bounds', () => {
    const object = { bounds: [0.005, 0.025, 1.5, -0.25, 2.5, 10, 0.30000000000000004, 123456.789] };
    expect(yamlDocument(object)).toBe(Yaml.stringify(object));
    expect(yamlDocument(object)).toContain('  - 0.005\n');
  });

  it.each([
    ['a shared object, which yaml writes as an alias', (() => { const labels = { a: 'b' }; return { x: labels, y: labels }; })()],
    ['a float in exponent form', { bound: 1e-7 }],
    ['undefined', { name: undefined }],
    ['a character outside printable ASCII', { name: 'ü' }],
    ['a multi-line string that needs an indentation indicator', { text: ' lead\nx' }],
    ['a multi-line string that keeps its trailing newlines', { text: 'a\n\n' }],
    ['a top-level list', [1, 2]],
    ['an empty document', {}],
    ['an object that is not plain', { when: new Date(0) }],
  ])('gives up on %s', (_, value) => {
    expect(yamlDocument(value)).toBeUndefined();
  });
});
