// Writes mesh.schema.json from the zod definition in topology/schema.ts, so
// editors complete and check mesh.yaml against the same rules as synth.
// `npm run schema` regenerates it; test/topology/json-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from '../topology/json-schema';

const target = join(__dirname, '..', 'mesh.schema.json');
writeFileSync(target, topologyJsonSchema());
console.error(`wrote ${target}`);
