import { z } from 'zod';
import { chartOverlayFindings } from '../../istio/chart-values-findings';

// GIVEN a small chart model
const schema = z.strictObject({
  enabled: z.boolean().default(true),
  image: z.string().min(1).default('galley'),
  policy: z.enum(['Always', 'Never']).default('Never'),
  sub: z.strictObject({ port: z.number().int().max(65535).default(9901) }).prefault({}),
  quantity: z.union([z.string(), z.number()]).optional(),
});
const model = { chart: 'demo', schema, defaults: schema.parse({}) };

describe('chartOverlayFindings', () => {
  test('accepts a valid overlay', () => {
    expect(chartOverlayFindings(model, { sub: { port: 80 } })).toEqual([]);
  });

  test('fails when a key is unknown, naming the chart and the keys allowed', () => {
    expect(chartOverlayFindings(model, { sub: { prot: 80 } })).toEqual([
      expect.objectContaining({ path: ['sub', 'prot'], problem: 'is not a value of the demo chart', allowed: 'port' }),
    ]);
  });

  test('fails when a type is wrong, giving the default as the example', () => {
    expect(chartOverlayFindings(model, { enabled: 'yes' })[0]).toMatchObject({ value: 'yes', problem: 'is not a boolean', hint: "write it like the chart's default, true" });
    expect(chartOverlayFindings(model, { quantity: true })[0]).toMatchObject({ problem: 'is not a string' });
  });

  test('fails when a map is given text, without echoing the text, which may be a secret in a file named by mistake', () => {
    // WHEN a map of values holds a string
    const [finding] = chartOverlayFindings(model, { sub: 'token-abc123' });
    // THEN the finding says what is wrong and carries no value to print
    expect(finding).toMatchObject({ path: ['sub'], problem: 'is not a map' });
    expect(finding.value).toBeUndefined();
  });

  test('fails when a value is out of its set or range', () => {
    expect(chartOverlayFindings(model, { policy: 'Sometimes' })[0].problem).toBe('is not one of "Always", "Never"');
    expect(chartOverlayFindings(model, { sub: { port: 70000 } })[0].problem).toBe('is above 65535');
    expect(chartOverlayFindings(model, { image: '' })[0].problem).toBe('is empty');
  });
});
