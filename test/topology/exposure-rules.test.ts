import { checkExposure } from '../../topology/exposure-rules';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';

const service = (name: string, namespace: string, extra: object = {}) => ({
  name,
  namespace,
  ports: [{ name: 'http', port: 9080 }],
  selector: { app: name },
  ...extra,
});

const errors = (findings: ReturnType<typeof checkExposure>) => findings.filter((f) => f.severity !== 'warning');
const warnings = (findings: ReturnType<typeof checkExposure>) => findings.filter((f) => f.severity === 'warning');

describe('checkExposure', () => {
  it.each(['podIP', 'loadBalancer', 'gateway'] as const)('accepts a complete %s control plane', (mode) => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES[mode], { services: [service('reviews', 'bookinfo', { clusters: ['remote-east'] })] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([]);
  });

  it('fails when pilot has no address in podIP exposure', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'podIP' });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([expect.objectContaining({ path: ['controlPlane', 'pilot'], hint: expect.stringContaining('discover') })]);
  });

  it('fails when pilot has neither an address nor a load balancer IP in loadBalancer exposure', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'loadBalancer', loadBalancer: { policy: { loadBalancerIP: '10.0.1.13' } } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([expect.objectContaining({ path: ['controlPlane', 'pilot'] })]);
  });

  it("accepts pilot's requested load balancer IP as its address", () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'loadBalancer', loadBalancer: { pilot: { loadBalancerIP: '10.0.1.12' } } });

    // WHEN / THEN
    expect(checkExposure(topology)).toEqual([]);
  });

  it('warns when an address differs from the load balancer IP requested for it', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'loadBalancer', pilot: '10.0.1.99', loadBalancer: { pilot: { loadBalancerIP: '10.0.1.12' } } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([expect.objectContaining({ path: ['controlPlane', 'pilot'], value: '10.0.1.99', severity: 'warning' })]);
  });

  it('fails when gateway exposure has no gateway', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'gateway' });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([expect.objectContaining({ path: ['controlPlane', 'gateway'] })]);
  });

  it('fails when the gateway address is a host name', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'gateway', gateway: { address: 'gw.mesh.example.com' } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([
      expect.objectContaining({ path: ['controlPlane', 'gateway', 'address'], value: 'gw.mesh.example.com', problem: expect.stringContaining('Endpoints') }),
    ]);
  });

  it('warns that addresses and pilotSelectorlessService are ignored in gateway exposure', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.gateway, pilot: '10.8.0.12', zipkin: '10.8.0.16' });
    (topology.clusters[1] as { pilotSelectorlessService: boolean }).pilotSelectorlessService = true;

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings).map((f) => f.path)).toEqual([
      ['clusters', 1, 'pilotSelectorlessService'],
      ['controlPlane', 'pilot'],
      ['controlPlane', 'zipkin'],
    ]);
  });

  it('fails when statsd is enabled without a host', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.podIP, statsd: { enabled: true } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([expect.objectContaining({ path: ['controlPlane', 'statsd', 'host'] })]);
    expect(findings[0].severity).toBeUndefined();
  });

  it('fails when statsd is enabled without a direct host in gateway exposure, saying UDP cannot pass the gateway', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.gateway, statsd: { enabled: true } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([
      expect.objectContaining({ path: ['controlPlane', 'statsd', 'host'], problem: expect.stringContaining('UDP and cannot pass the ingress gateway') }),
    ]);
  });

  it('warns when loadBalancer or gateway settings are present in another exposure', () => {
    // GIVEN
    const topology = exposureTopology({
      ...CONTROL_PLANES.podIP,
      loadBalancer: { pilot: { loadBalancerIP: '10.0.1.12' } },
      gateway: { address: '10.0.2.1' },
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({ path: ['controlPlane', 'loadBalancer'], severity: 'warning' }),
      expect.objectContaining({ path: ['controlPlane', 'gateway'], severity: 'warning' }),
    ]);
  });

  it("fails when a service is one of Istio's own in the control-plane namespace", () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, { services: [service('istio-pilot', 'istio-system')] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 0, 'namespace'], problem: expect.stringContaining("istio-pilot there is Istio's own Service") }),
    ]);
  });

  it('fails when any service is in the control-plane namespace', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, { istio: { namespace: 'mesh-cp' }, services: [service('reviews', 'mesh-cp')] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([expect.objectContaining({ path: ['services', 0, 'namespace'], value: 'mesh-cp' })]);
  });

  it('fails when two services share a name and namespace', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, {
      services: [service('reviews', 'bookinfo'), service('reviews', 'other'), service('reviews', 'bookinfo')],
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 2, 'name'], problem: 'is already defined in namespace bookinfo by services[0]' }),
    ]);
  });

  it('fails when a service names an unknown cluster', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, { services: [service('reviews', 'bookinfo', { clusters: ['remote-east', 'remote-north'] })] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 0, 'clusters', 1], value: 'remote-north', allowed: 'primary, remote-east, remote-west' }),
    ]);
  });

  it('fails when one of several service ports has no name', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, {
      services: [service('reviews', 'bookinfo', { ports: [{ name: 'http', port: 9080 }, { port: 9081 }] })],
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([expect.objectContaining({ path: ['services', 0, 'ports', 1, 'name'], hint: 'name it, for example "tcp-9081"' })]);
  });
});
