import { z } from 'zod';
import { meshTopologySchema } from './schema';

/** The JSON Schema of mesh.yaml, as committed in mesh.schema.json. Input form: defaulted fields are optional. */
export function topologyJsonSchema(): string {
  const schema = z.toJSONSchema(meshTopologySchema, { io: 'input', target: 'draft-07' });
  return `${JSON.stringify({ ...schema, title: 'istio-mesh-synth topology' }, null, 2)}\n`;
}
