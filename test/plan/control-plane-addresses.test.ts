import { Testing } from 'cdk8s';
import { ControlPlaneGateway } from '../../constructs/control-plane-gateway';
import { ControlPlaneLoadBalancers } from '../../constructs/control-plane-load-balancers';
import { RemoteControlPlaneServices } from '../../constructs/remote-control-plane-services';
import { remoteControlPlaneAddresses } from '../../plan/control-plane-addresses';
import { checkExposure } from '../../topology/exposure-rules';
import type { MeshTopology } from '../../topology/schema';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { validateAgainstK8s } from '../support/validate-k8s';

/**
 * The exposure objects of both sides, composed as the per-cluster charts do:
 * the primary's by mode, and one remote's selector-less Services in gateway mode.
 */
function synthExposure(topology: MeshTopology) {
  const cp = topology.controlPlane;
  const namespace = topology.istio.namespace;
  const primary = Testing.chart();
  const remote = Testing.chart();
  if (cp.exposure === 'loadBalancer') {
    new ControlPlaneLoadBalancers(primary, 'LoadBalancers', { namespace, ...cp.loadBalancer });
  }
  if (cp.exposure === 'gateway' && cp.gateway) {
    new ControlPlaneGateway(primary, 'Gateway', { namespace, selector: cp.gateway.selector });
    new RemoteControlPlaneServices(remote, 'ControlPlane', { namespace, gatewayAddress: cp.gateway.address });
  }
  return { primary: Testing.synth(primary), remote: Testing.synth(remote) };
}

describe('remoteControlPlaneAddresses', () => {
  describe.each(['podIP', 'loadBalancer', 'gateway'] as const)('in %s exposure', (mode) => {
    it('gives the addresses and objects of the mode', () => {
      // GIVEN
      const topology = exposureTopology(CONTROL_PLANES[mode]);
      // (the loadBalancer fixture leaves zipkin without an address: a warning, not an error)
      expect(checkExposure(topology).filter((f) => f.severity !== 'warning')).toEqual([]);

      // WHEN
      const addresses = remoteControlPlaneAddresses(topology);
      const objects = synthExposure(topology);

      // THEN
      expect({ addresses, ...objects }).toMatchSnapshot();
      expect(() => validateAgainstK8s([...objects.primary, ...objects.remote])).not.toThrow();
    });
  });

  it('gives the pod IPs as written in podIP exposure, and leaves the chart its own pilot Service', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP);

    // WHEN
    const addresses = remoteControlPlaneAddresses(topology);
    const { remote } = synthExposure(topology);

    // THEN
    expect(addresses).toEqual({
      pilot: '10.8.0.12',
      policy: '10.8.0.13',
      telemetry: '10.8.0.14',
      zipkin: '10.8.0.16',
      statsd: { host: '10.8.0.15', port: 9125 },
      pilotByServiceName: false,
    });
    expect(remote.filter((o) => o.kind === 'Endpoints')).toEqual([]);
  });

  it('falls back to the requested load balancer IP in loadBalancer exposure', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.loadBalancer);

    // WHEN
    const addresses = remoteControlPlaneAddresses(topology);

    // THEN
    expect(addresses).toEqual({ pilot: 'pilot.mesh.example.com', policy: '10.0.1.13', telemetry: '10.0.1.14', pilotByServiceName: false });
  });

  it('gives Service names in gateway exposure, which resolve on the remote to Endpoints at the gateway', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.gateway, gateway: { address: '10.0.2.1' } }, { istio: { namespace: 'mesh-cp' } });

    // WHEN
    const addresses = remoteControlPlaneAddresses(topology);
    const { remote } = synthExposure(topology);

    // THEN
    expect(addresses).toEqual({
      pilot: 'istio-pilot.mesh-cp',
      policy: 'istio-policy.mesh-cp',
      telemetry: 'istio-telemetry.mesh-cp',
      zipkin: 'zipkin.mesh-cp',
      statsd: { host: '10.0.2.15', port: 9125 },
      pilotByServiceName: true,
    });
    const endpoints = remote.filter((o) => o.kind === 'Endpoints');
    expect(endpoints.map((e) => `${e.metadata.name}.${e.metadata.namespace}`)).toEqual([
      addresses.pilot,
      addresses.policy,
      addresses.telemetry,
      addresses.zipkin,
    ]);
    expect(endpoints.map((e) => e.subsets[0].addresses)).toEqual(Array(4).fill([{ ip: '10.0.2.1' }]));
  });

  describe('without the primary\'s tracing', () => {
    const noTracing = { istio: { tracingEnabled: false } };

    it.each(['podIP', 'loadBalancer', 'gateway'] as const)('gives the remotes no Zipkin in %s exposure, since nothing would take their spans', (mode) => {
      // GIVEN the primary runs no Jaeger; in loadBalancer exposure zipkin-lb even has a requested IP
      const controlPlane = { ...CONTROL_PLANES[mode], zipkin: undefined, ...(mode === 'loadBalancer' && { loadBalancer: { zipkin: { loadBalancerIP: '10.0.1.16' } } }) };
      const topology = exposureTopology(controlPlane, noTracing);

      // WHEN
      const addresses = remoteControlPlaneAddresses(topology);

      // THEN
      expect(addresses.zipkin).toBeUndefined();
    });

    it.each(['podIP', 'loadBalancer', 'gateway'] as const)('sends spans to a Zipkin of the user\'s own, as written, in %s exposure', (mode) => {
      // GIVEN a collector the user runs
      const topology = exposureTopology({ ...CONTROL_PLANES[mode], zipkin: 'zipkin.tracing.example.com' }, noTracing);

      // WHEN
      const addresses = remoteControlPlaneAddresses(topology);

      // THEN
      expect(addresses.zipkin).toBe('zipkin.tracing.example.com');
    });
  });

  it('sends spans to the primary\'s Jaeger through its load balancer when no address is written', () => {
    // GIVEN tracing on the primary and an IP requested for zipkin-lb
    const topology = exposureTopology({ ...CONTROL_PLANES.loadBalancer, loadBalancer: { zipkin: { loadBalancerIP: '10.0.1.16' } } });

    // WHEN / THEN
    expect(remoteControlPlaneAddresses(topology).zipkin).toBe('10.0.1.16');
  });

  it('leaves statsd off when it is disabled', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.podIP, statsd: { enabled: false, host: '10.8.0.15' } });

    // WHEN
    const addresses = remoteControlPlaneAddresses(topology);

    // THEN
    expect(addresses.statsd).toBeUndefined();
  });

  it('fails when pilot has no address outside gateway exposure', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'podIP' });

    // WHEN / THEN
    expect(() => remoteControlPlaneAddresses(topology)).toThrow(/run checkExposure before/);
  });
});
