import type { z } from 'zod';

/**
 * The field names a schema accepts at a path of a document, so that an
 * unknown key can be answered with the keys that would have been right.
 * Unions are resolved against the document (a cluster's `role` picks its
 * branch); records accept any key and so list none.
 */
export function allowedKeysAt(schema: z.ZodType, document: unknown, path: readonly (string | number)[]): string[] | undefined {
  let node: z.ZodType | undefined = schema;
  let value: unknown = document;
  for (const segment of path) {
    node = step(node, value, segment);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
    if (node === undefined) {
      return undefined;
    }
  }
  const object = objectOf(node, value);
  return object ? Object.keys(object._zod.def.shape) : undefined;
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType>; in?: z.ZodType };

function def(node: z.ZodType): Def {
  return (node as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(node: z.ZodType): z.ZodType {
  let current = node;
  for (;;) {
    const d = def(current);
    if ((d.type === 'default' || d.type === 'optional' || d.type === 'nullable' || d.type === 'prefault') && d.innerType) {
      current = d.innerType;
    } else if (d.type === 'pipe' && d.in) {
      current = d.in;
    } else {
      return current;
    }
  }
}

function objectOf(node: z.ZodType, value: unknown): z.ZodObject | undefined {
  const inner = unwrap(node);
  const d = def(inner);
  if (d.type === 'object') {
    return inner as z.ZodObject;
  }
  if (d.type === 'union' && d.options) {
    const branches = d.options.map((option) => objectOf(option, value)).filter((o): o is z.ZodObject => o !== undefined);
    // The branch whose literal fields match the document, else the first.
    const matching = branches.find((branch) =>
      Object.entries(branch._zod.def.shape).every(([key, field]) => {
        const fd = def(field as z.ZodType) as Def & { values?: unknown[] };
        return fd.type !== 'literal' || (isRecord(value) && (fd.values ?? []).includes(value[key]));
      }),
    );
    return matching ?? branches[0];
  }
  return undefined;
}

function step(node: z.ZodType, value: unknown, segment: string | number): z.ZodType | undefined {
  const inner = unwrap(node);
  const d = def(inner);
  if (typeof segment === 'number') {
    return d.type === 'array' ? d.element : undefined;
  }
  const object = objectOf(inner, value);
  return object ? (object._zod.def.shape as Record<string, z.ZodType>)[segment] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
