/**
 * A DNS-1035 label: lowercase letters, digits and '-', starting with a letter,
 * ending with a letter or digit, at most 63 characters. What Kubernetes
 * requires of a CRD's plural, singular, kind (lower-cased), categories and
 * version names.
 */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL_MAX = 63;

export const DNS1035_ALLOWED = `lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most ${DNS1035_LABEL_MAX} characters`;

export function isDns1035Label(value: string): boolean {
  return value.length <= DNS1035_LABEL_MAX && DNS1035_LABEL.test(value);
}
