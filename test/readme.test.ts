import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from '../topology/json-schema';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

/** Every leaf field of the topology, as the README writes it: `clusters[].cacerts.caKey`. */
function leafPaths(schema: JsonSchema, prefix = ''): string[] {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length > 0) {
    return [...new Set(branches.flatMap((b) => leafPaths(b, prefix)))];
  }
  // The chart's own values tree is documented by the chart, not here.
  if (prefix.endsWith('.values')) {
    return [prefix];
  }
  const items = schema.items;
  if (items && (items.properties || items.anyOf || items.oneOf)) {
    return leafPaths(items, `${prefix}[]`);
  }
  if (!schema.properties) {
    return [prefix];
  }
  return Object.entries(schema.properties).flatMap(([key, child]) => leafPaths(child, prefix === '' ? key : `${prefix}.${key}`));
}

describe('README', () => {
  it('documents every field of the topology', () => {
    const schema = JSON.parse(topologyJsonSchema()) as JsonSchema;
    const paths = leafPaths(schema).map((p) =>
      p.replace(/^controlPlane\.loadBalancer\.(pilot|policy|telemetry|zipkin)/, 'controlPlane.loadBalancer.<component>'),
    );
    expect(paths.length).toBeGreaterThan(30);
    const missing = [...new Set(paths)].filter((p) => !readme.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npx cdk8s synth');
    expect(readme).toContain('npm test');
  });
});
