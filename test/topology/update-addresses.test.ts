import { updateAddresses } from '../../topology/update-addresses';

const TOPOLOGY = `# yaml-language-server: $schema=./mesh.schema.json
#
# A comment block at the top.

istio:
  namespace: istio-system   # odd spacing before this comment

# Pod IPs, refreshed by discover.
controlPlane:
  exposure: podIP
  pilot:    10.8.0.12     # Pilot
  policy: "10.8.0.13"

  telemetry: '10.8.0.14'
  # zipkin is next
  zipkin: 10.8.0.16
  statsd:
    enabled: true
    host: 10.8.0.15 # bridge
    port: 9125

clusters:
  - {name: primary, role: primary}   # flow style stays
`;

describe('updateAddresses', () => {
  it('changes only the values, keeping every other byte', () => {
    // GIVEN
    const update = { pilot: '10.8.1.2', policy: '10.8.1.3', telemetry: '10.8.1.4', zipkin: '10.8.1.6', statsdHost: '10.8.1.5' };

    // WHEN
    const updated = updateAddresses(TOPOLOGY, update);

    // THEN
    const expected = TOPOLOGY.replace('10.8.0.12', '10.8.1.2')
      .replace('"10.8.0.13"', '"10.8.1.3"')
      .replace("'10.8.0.14'", "'10.8.1.4'")
      .replace('10.8.0.16', '10.8.1.6')
      .replace('10.8.0.15', '10.8.1.5');
    expect(updated).toBe(expected);
  });

  it('leaves the fields it is not given alone', () => {
    // GIVEN / WHEN
    const updated = updateAddresses(TOPOLOGY, { telemetry: '10.8.1.4' });

    // THEN
    expect(updated).toBe(TOPOLOGY.replace("'10.8.0.14'", "'10.8.1.4'"));
  });

  it('returns the text unchanged when the addresses are the same', () => {
    // GIVEN / WHEN / THEN
    expect(updateAddresses(TOPOLOGY, { pilot: '10.8.0.12', policy: '10.8.0.13' })).toBe(TOPOLOGY);
  });

  it('appends missing keys at the end of their mapping, with its indentation', () => {
    // GIVEN
    const text = `controlPlane:\n    exposure: podIP # first run\n    statsd:\n        enabled: true\n\nclusters: []\n`;

    // WHEN
    const updated = updateAddresses(text, { pilot: '10.8.0.12', policy: '10.8.0.13', statsdHost: '10.8.0.15' });

    // THEN
    expect(updated).toBe(
      `controlPlane:\n    exposure: podIP # first run\n    statsd:\n        enabled: true\n        host: 10.8.0.15\n    pilot: 10.8.0.12\n    policy: 10.8.0.13\n\nclusters: []\n`,
    );
  });

  it('fills in an empty value', () => {
    // GIVEN
    const text = 'controlPlane:\n  pilot:\n  policy: # later\n';

    // WHEN
    const updated = updateAddresses(text, { pilot: '10.8.0.12', policy: '10.8.0.13' });

    // THEN
    expect(updated).toBe('controlPlane:\n  pilot: 10.8.0.12\n  policy: 10.8.0.13 # later\n');
  });

  it('fails when the mapping to add a key to is in flow style', () => {
    // GIVEN
    const text = 'controlPlane: {exposure: podIP}\n';

    // WHEN / THEN
    expect(() => updateAddresses(text, { pilot: '10.8.0.12' })).toThrow(/flow style/);
  });

  it('fails when statsd is not in the file', () => {
    // GIVEN
    const text = 'controlPlane:\n  pilot: 10.8.0.12\n';

    // WHEN / THEN
    expect(() => updateAddresses(text, { statsdHost: '10.8.0.15' })).toThrow(/controlPlane\.statsd is not a mapping/);
  });

  it('fails when the text is not YAML', () => {
    // GIVEN / WHEN / THEN
    expect(() => updateAddresses('controlPlane: [\n', { pilot: '10.8.0.12' })).toThrow(/not valid YAML/);
  });

  it('fails when the new value is not an address', () => {
    // GIVEN / WHEN / THEN
    expect(() => updateAddresses(TOPOLOGY, { pilot: '10.8.0.12 # injected' })).toThrow(/neither an IP address nor a DNS name/);
  });
});
