/** A values tree as YAML or `--set` produce it. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };
export type PlainObject = { [key: string]: PlainValue };

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The own value of `key`, never an inherited one: `constructor` or
 * `__proto__` written as a values key must not reach Object.prototype.
 */
export function ownValue(object: PlainObject, key: string): PlainValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets `key` as an own property, so that a key named `__proto__` is data, not a prototype change. */
export function putOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Merges `overlays` over `base` the way Helm merges values files and `--set`:
 * maps merge key by key, recursively; scalars and lists replace what was there;
 * a `null` removes the key (Helm's way of unsetting a chart default).
 * Later overlays win. Nothing is mutated; the result shares no objects with its inputs.
 */
export function deepMerge<T>(base: T, ...overlays: readonly unknown[]): T {
  let result: unknown = clone(base);
  for (const overlay of overlays) {
    result = mergeTwo(result, overlay);
  }
  return result as T;
}

function mergeTwo(base: unknown, overlay: unknown): unknown {
  if (overlay === undefined) {
    return base;
  }
  if (!isPlainObject(base) || !isPlainObject(overlay)) {
    return clone(overlay);
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) {
      delete out[key];
    } else if (value !== undefined) {
      putOwn(out, key, mergeTwo(Object.hasOwn(base, key) ? base[key] : undefined, value));
    }
  }
  return out;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(clone);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // A null inside an overlay's new subtree also means "no such key".
      if (inner !== null && inner !== undefined) {
        putOwn(out, key, clone(inner));
      }
    }
    return out;
  }
  return value;
}
