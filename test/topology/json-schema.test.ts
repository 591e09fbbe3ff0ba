import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from '../../topology/json-schema';

const root = join(__dirname, '..', '..');

describe('mesh.schema.json', () => {
  it('is what `npm run schema` generates from topology/schema.ts', () => {
    // GIVEN the committed schema  WHEN it is generated again  THEN nothing changed
    const committed = readFileSync(join(root, 'mesh.schema.json'), 'utf8');
    expect(committed).toBe(topologyJsonSchema());
  });

  it('is referenced by the first line of the example mesh.yaml', () => {
    const firstLine = readFileSync(join(root, 'mesh.yaml'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=./mesh.schema.json');
  });

  it('rejects unknown keys and requires the cluster list', () => {
    const schema = JSON.parse(topologyJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['controlPlane', 'clusters']));
  });
});
