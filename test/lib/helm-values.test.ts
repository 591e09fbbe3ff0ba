import { z } from 'zod';
import { chartName, mergeValues, overlaySchemaOf, valuesDefaults } from '../../lib/helm-values';

// GIVEN a chart schema written as lib/helm-values.ts asks
const schema = z.strictObject({
  image: z.string().min(1).default('pilot'),
  resources: z.strictObject({ cpu: z.string().optional() }).default({ cpu: '10m' }).optional(),
  env: z.record(z.string(), z.string()).default({ A: '1', B: '2' }),
  nested: z.strictObject({ replicas: z.number().default(1) }).prefault({}),
  named: z.strictObject({ enabled: z.boolean().default(true) }).catchall(z.strictObject({ port: z.number() })).prefault({}),
});
const defaults = valuesDefaults(schema);

describe('valuesDefaults', () => {
  test('gives the tree of an empty values file, nested defaults included', () => {
    expect(defaults).toEqual({ image: 'pilot', resources: { cpu: '10m' }, env: { A: '1', B: '2' }, nested: { replicas: 1 }, named: { enabled: true } });
  });
});

describe('overlaySchemaOf', () => {
  const overlay = overlaySchemaOf(schema);

  test('takes a partial tree without filling in defaults', () => {
    expect(overlay.parse({ nested: {} })).toEqual({ nested: {} });
  });

  test('takes null where a key can be unset, and on map entries', () => {
    expect(overlay.safeParse({ resources: null, env: { A: null }, named: { x: null } }).success).toBe(true);
  });

  test('keeps the catch-all entries of a map of named things', () => {
    expect(overlay.safeParse({ named: { mine: { port: 80 } } }).success).toBe(true);
    expect(overlay.safeParse({ named: { mine: { prot: 80 } } }).success).toBe(false);
  });

  test('fails when null would unset a key the chart needs, or a key is unknown', () => {
    expect(overlay.safeParse({ image: null }).success).toBe(false);
    expect(overlay.safeParse({ nested: { replica: 2 } }).success).toBe(false);
  });

  test('is built once per schema', () => {
    expect(overlaySchemaOf(schema)).toBe(overlay);
  });
});

describe('mergeValues', () => {
  test('merges maps, replaces scalars, and removes with null, in order', () => {
    const merged = mergeValues(schema, defaults, [{ env: { A: null, C: '3' }, nested: { replicas: 2 } }, { resources: null, nested: {} }]);
    expect(merged).toEqual({ image: 'pilot', env: { B: '2', C: '3' }, nested: { replicas: 2 }, named: { enabled: true } });
  });

  test('fails when an overlay is invalid, rather than merge it', () => {
    expect(() => mergeValues(schema, defaults, [{ image: 7 }])).toThrow();
  });
});

describe('chartName', () => {
  test('is the chart name unless nameOverride gives another', () => {
    expect(chartName('istio-remote')).toBe('istio-remote');
    expect(chartName('istio-remote', '')).toBe('istio-remote');
    expect(chartName('istio-remote', 'east')).toBe('east');
  });

  test('cuts to 63 characters and trims one trailing dash, as the helper does', () => {
    expect(chartName('x', `${'a'.repeat(62)}-b`)).toBe('a'.repeat(62));
  });
});
