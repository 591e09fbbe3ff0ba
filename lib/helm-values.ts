import { z } from 'zod';
import { deepMerge } from './deep-merge';

/**
 * One zod schema per Helm chart's values, and what Helm does with it. The
 * schema describes the merged tree: leaves carry the chart's default with
 * `.default(v)`, nested maps `.prefault({})` (or the whole default block), and
 * a key that a values file may unset with `null` is `.optional()` (with
 * `.default(v).optional()` when the chart gives it a value). From it come the
 * defaults (`valuesDefaults`), the schema of one values file or `--set`
 * (`overlaySchemaOf`), and Helm's merge (`mergeValues`).
 */

/** The chart's defaults: the tree the schema gives for an empty values file. */
export function valuesDefaults<S extends z.ZodType>(schema: S): z.output<S> {
  return schema.parse({});
}

/**
 * The schema of one values file, derived from the chart's: every key
 * optional, no defaults (a later file must not reset what an earlier one
 * set), `null` allowed where it unsets something (Helm's removal), unknown
 * keys still rejected.
 */
export function overlaySchemaOf(schema: z.ZodType): z.ZodType {
  const cached = overlays.get(schema);
  if (cached) {
    return cached;
  }
  const overlay = toOverlay(schema);
  overlays.set(schema, overlay);
  return overlay;
}

/** The type of one values file for a values tree: every key optional, `null` allowed (Helm's removal). */
export type HelmOverlay<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: HelmOverlay<T[K]> | null } : T;

const overlays = new WeakMap<z.ZodType, z.ZodType>();

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function toOverlay(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'prefault':
      return toOverlay(def.innerType as z.ZodType);
    case 'optional':
    case 'nullable':
      return toOverlay(def.innerType as z.ZodType).nullable();
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, toOverlay(field).optional()]));
      const object = z.object(shape);
      if (def.catchall === undefined) {
        return object;
      }
      // A strict object (catchall never) stays strict; a map of named entries keeps its entry schema.
      return defOf(def.catchall).type === 'never' ? object.strict() : object.catchall(toOverlay(def.catchall).nullable());
    }
    case 'record':
      // `key: null` removes one entry of a map, such as one architecture.
      return z.record(def.keyType as z.ZodString, toOverlay(def.valueType as z.ZodType).nullable());
    default:
      return schema;
  }
}

/**
 * Helm's merge of values files and `--set` over the chart's defaults: maps
 * merge, lists and scalars replace, `null` removes. Check each overlay
 * before merging it (this throws on an invalid one, rather than merge it).
 */
export function mergeValues<S extends z.ZodType>(schema: S, defaults: z.output<S>, overlays: readonly unknown[]): z.output<S> {
  const overlay = overlaySchemaOf(schema);
  return deepMerge(defaults, ...overlays.map((values) => overlay.parse(values)));
}

/**
 * A chart's `<chart>.name` helper, as Helm's starter charts write it and the
 * Istio charts use it for their `app` label: the chart name, or a non-empty
 * `nameOverride`, cut to 63 characters with one trailing '-' trimmed.
 */
export function chartName(chart: string, nameOverride?: string): string {
  const name = (nameOverride === undefined || nameOverride === '' ? chart : nameOverride).slice(0, 63);
  return name.endsWith('-') ? name.slice(0, -1) : name;
}
