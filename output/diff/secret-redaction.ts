import { createHash } from 'node:crypto';
import type { OutputSet } from './object-identity';

/**
 * A Secret's values never reach a diff: each becomes `sha256:` and the first 8
 * hex digits of its hash, enough to see that a key changed and to tell two
 * values apart, too short to serve as the value. Runs before comparing, so
 * nothing downstream can print what it never saw.
 * - kind Secret, anywhere: every value under `data` and `stringData`;
 * - any other object of the secrets tree (`dist-secrets/`), which holds what
 *   synth read from `secrets/`: every value outside `apiVersion`, `kind` and `metadata`.
 */
export function redactSecrets(object: Record<string, unknown>, set: OutputSet): Record<string, unknown> {
  if (object.kind === 'Secret') {
    const out: Record<string, unknown> = { ...object };
    for (const field of ['data', 'stringData']) {
      if (field in out) {
        out[field] = hashLeaves(out[field]);
      }
    }
    return out;
  }
  if (set === 'secrets') {
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, ['apiVersion', 'kind', 'metadata'].includes(key) ? value : hashLeaves(value)]));
  }
  return object;
}

/** `sha256:1a2b3c4d`: a short fingerprint of a secret value. */
export function shortHash(value: string): string {
  return `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 8)}`;
}

function hashLeaves(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(hashLeaves);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hashLeaves(inner)]));
  }
  return value === null || value === undefined ? value : shortHash(String(value));
}
