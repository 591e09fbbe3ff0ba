import { isIP } from 'node:net';
import { DNS1123_LABEL_MAX, isDns1123Subdomain } from './kubernetes-names';

export { DNS1123_LABEL_MAX };
/** A DNS-1123 label: what Kubernetes requires of namespace names, Secret data keys and our folder names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(value);
}

/**
 * A host name the remotes can resolve. An all-numeric last label is refused:
 * no top-level domain is numeric (RFC 1123 2.1), so `10.8.0.300` is a mistyped
 * IP, not a name.
 */
export function isDnsName(value: string): boolean {
  return isLowerCaseDnsName(value);
}

/**
 * A host name as a resolver takes it: DNS compares names ignoring case
 * (RFC 4343), so `Istio-Pilot.Example.COM` is as good as its lower-case form.
 * Kubernetes object names are lower case; use `isDnsName` for those.
 */
export function isHostName(value: string): boolean {
  return isLowerCaseDnsName(value.toLowerCase());
}

function isLowerCaseDnsName(value: string): boolean {
  const labels = value.split('.');
  return (
    isDns1123Subdomain(value) &&
    labels.every((l) => l.length <= DNS1123_LABEL_MAX) &&
    !/^[0-9]+$/.test(labels[labels.length - 1])
  );
}

/** An IPv4 or IPv6 address as Kubernetes stores one: no IPv6 zone (`%eth0`), which Endpoints reject. */
export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0 && !value.includes('%');
}

/** An address the remotes can dial: an IP, or a host name their DNS resolves. */
export function isAddress(value: string): boolean {
  return isIpAddress(value) || isDnsName(value);
}

/** The closest DNS-1123 label to a rejected name, for hints: `Remote_2` → `remote-2`. */
export function suggestDns1123Label(value: string): string {
  const label = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, DNS1123_LABEL_MAX)
    .replace(/-+$/, '');
  return label === '' ? 'cluster-1' : label;
}

/** An IPv4 or IPv6 block, as a range of integers so that overlaps are plain comparisons. */
export interface Cidr {
  readonly text: string;
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

/** Parses `10.8.0.0/16` or `fd00::/64`; undefined when malformed or when host bits are set. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) {
    return undefined;
  }
  const [, address, prefixText] = match;
  const family = isIP(address);
  if (family !== 4 && family !== 6) {
    return undefined;
  }
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) {
    return undefined;
  }
  const value = family === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostBits = BigInt(bits - prefix);
  const size = 1n << hostBits;
  if (value % size !== 0n) {
    return undefined;
  }
  // An IPv4-mapped IPv6 block (::ffff:10.20.0.0/112, or ::ffff:a14:0/112) is
  // the IPv4 network 10.20.0.0/16: Go's net.ParseCIDR, which Kubernetes uses,
  // reads it so, and the packets are IPv4 ones.
  if (family === 6 && prefix >= 96 && value >> 32n === IPV4_MAPPED_PREFIX) {
    const first = value & 0xffffffffn;
    return { text, family: 4, first, last: first + size - 1n };
  }
  return { text, family, first: value, last: value + size - 1n };
}

/** The upper 96 bits of ::ffff:0:0/96, where IPv6 carries IPv4 addresses (RFC 4291 2.5.5.2). */
const IPV4_MAPPED_PREFIX = 0xffffn;

/** The network a CIDR with host bits set was meant to be, for hints: `10.8.0.1/16` → `10.8.0.0/16`. */
export function suggestCidr(text: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match || isIP(match[1]) !== 4 || Number(match[2]) > 32) {
    return undefined;
  }
  const size = 1n << BigInt(32 - Number(match[2]));
  const network = (ipv4ToBigInt(match[1]) / size) * size;
  return `${bigIntToIpv4(network)}/${match[2]}`;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) + BigInt(Number(octet)), 0n);
}

function bigIntToIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 255n).toString()).join('.');
}

function ipv6ToBigInt(address: string): bigint {
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets first.
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headParts.length - tailParts.length;
  const parts = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) + BigInt(parseInt(part, 16)), 0n);
}
