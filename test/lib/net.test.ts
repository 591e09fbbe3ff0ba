import { cidrsOverlap, isAddress, isDns1123Label, isDnsName, isHostName, parseCidr, suggestCidr, suggestDns1123Label } from '../../lib/net';

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 networks into ranges', () => {
    expect(parseCidr('10.8.0.0/16')).toMatchObject({ family: 4, first: 0x0a080000n, last: 0x0a08ffffn });
    expect(parseCidr('fd00::/64')).toMatchObject({ family: 6, first: 0xfd00n << 112n });
  });

  it('fails when host bits are set, the prefix is too long or the address is not one', () => {
    expect(parseCidr('10.8.0.1/16')).toBeUndefined();
    expect(parseCidr('10.8.0.0/33')).toBeUndefined();
    expect(parseCidr('10.8.0/16')).toBeUndefined();
    expect(parseCidr('10.8.0.0')).toBeUndefined();
  });

  it('suggests the network of a block with host bits set', () => {
    expect(suggestCidr('10.8.3.7/16')).toBe('10.8.0.0/16');
  });
});

describe('cidrsOverlap', () => {
  const cidr = (text: string) => parseCidr(text)!;
  it('sees containment and partial overlap, not neighbours', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/8'), cidr('10.9.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('10.9.0.0/16'), cidr('10.10.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('fd00::/8'), cidr('fd12::/16'))).toBe(true);
  });
  it('fails when an IPv4-mapped IPv6 block overlaps its IPv4 network, in dotted or hex form', () => {
    expect(parseCidr('::ffff:10.20.0.0/112')).toMatchObject({ family: 4, first: 0x0a140000n, last: 0x0a14ffffn });
    expect(cidrsOverlap(cidr('::ffff:10.20.0.0/112'), cidr('10.20.0.0/16'))).toBe(true);
    expect(cidrsOverlap(cidr('::ffff:a14:0/112'), cidr('10.20.128.0/17'))).toBe(true);
    expect(cidrsOverlap(cidr('::ffff:a15:0/112'), cidr('10.20.0.0/16'))).toBe(false);
  });
  it('never compares IPv4 with IPv6', () => {
    expect(cidrsOverlap(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
  });
});

describe('names and addresses', () => {
  it('accepts DNS-1123 labels only', () => {
    expect(isDns1123Label('remote-2')).toBe(true);
    expect(isDns1123Label('Remote_2')).toBe(false);
    expect(isDns1123Label('-x')).toBe(false);
    expect(isDns1123Label('a'.repeat(64))).toBe(false);
  });
  it('suggests a label close to a rejected name', () => {
    expect(suggestDns1123Label('Remote_2')).toBe('remote-2');
    expect(suggestDns1123Label('../x')).toBe('x');
  });
  it('accepts IPs and DNS names as addresses', () => {
    expect(isAddress('10.8.0.12')).toBe(true);
    expect(isAddress('fd00::12')).toBe(true);
    expect(isAddress('istio-pilot.istio-system')).toBe(true);
    expect(isAddress('http://pilot')).toBe(false);
    expect(isAddress('pilot:15007')).toBe(false);
  });
  it('takes host names in any case, as DNS does, and object names in lower case only', () => {
    expect(isHostName('Istio-Pilot.Example.COM')).toBe(true);
    expect(isDnsName('Istio-Pilot.Example.COM')).toBe(false);
    expect(isHostName('pilot_1.example.com')).toBe(false);
    expect(isHostName('10.8.0.300')).toBe(false);
  });
  it('fails when an address is a mistyped IP or carries an IPv6 zone', () => {
    expect(isAddress('10.8.0.300')).toBe(false);
    expect(isAddress('1.2.3.4.5')).toBe(false);
    expect(isAddress('999.999.999.999')).toBe(false);
    expect(isAddress('fe80::1%eth0')).toBe(false);
    expect(isAddress('k8s.example.com')).toBe(true);
  });
});
