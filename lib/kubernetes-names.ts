/**
 * Kubernetes' own syntax rules for text that ends up in an object, as the API
 * server applies them (k8s.io/apimachinery/pkg/util/validation and
 * pkg/api/resource). Each check returns why a value is refused, or undefined
 * when the API server accepts it, so that callers can say what is wrong.
 */

export const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
/** A DNS-1123 subdomain: lowercase dot-separated labels. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a qualified name, and a non-empty label value. */
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(value);
}

export const QUALIFIED_NAME_ALLOWED =
  "an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, such as app.kubernetes.io/name";

/** A label key (IsQualifiedName): `[prefix/]name`. */
export function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return "has more than one '/'";
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return `has the prefix ${JSON.stringify(prefix)}, which is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most ${DNS1123_SUBDOMAIN_MAX} characters)`;
  }
  if (name === '') {
    return 'has an empty name';
  }
  if (name.length > DNS1123_LABEL_MAX) {
    return `has a name of ${name.length} characters, more than ${DNS1123_LABEL_MAX}`;
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "has a name with characters other than letters, digits, '-', '_' and '.', or that does not start and end with a letter or digit";
  }
  return undefined;
}

/**
 * An annotation key: a qualified name once lowercased, which is how the API
 * server checks it (ValidateAnnotations), so `Example.com/Key` passes.
 */
export function annotationKeyProblem(key: string): string | undefined {
  return qualifiedNameProblem(key.toLowerCase());
}

export const LABEL_VALUE_ALLOWED = "empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

/** A label value, or a value a label selector matches (IsValidLabelValue). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > DNS1123_LABEL_MAX) {
    return `has ${value.length} characters, more than ${DNS1123_LABEL_MAX}`;
  }
  if (value !== '' && !QUALIFIED_NAME_PART.test(value)) {
    return "has characters other than letters, digits, '-', '_' and '.', or does not start and end with a letter or digit";
  }
  return undefined;
}

/**
 * resource.Quantity's grammar: a signed decimal number and a suffix, binary
 * (Ki, Mi, Gi, Ti, Pi, Ei), decimal (m, k, M, G, T, P, E) or an exponent
 * (e3, E-2). `100m`, `128Mi`, `1.5`, `2e3`.
 */
export const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export const QUANTITY_ALLOWED = "a Kubernetes quantity: a number with an optional suffix, such as 100m, 0.5, 128Mi or 1G";

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/**
 * A container's resource name: a standard one (cpu, memory,
 * ephemeral-storage, hugepages-<size>) or an extended resource, which must be
 * qualified by a domain (validateContainerResourceName).
 */
export function resourceNameProblem(name: string): string | undefined {
  if (['cpu', 'memory', 'ephemeral-storage'].includes(name) || /^hugepages-./.test(name)) {
    return undefined;
  }
  if (!name.includes('/')) {
    return 'is not a standard resource (cpu, memory, ephemeral-storage, hugepages-<size>), and an extended resource needs a domain prefix such as example.com/';
  }
  return qualifiedNameProblem(name);
}
