import { ControlPlaneLoadBalancers } from '../../constructs/control-plane-load-balancers';
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
    // GIVEN the fixture's control plane; its loadBalancer one leaves Zipkin's address for the cloud to assign
    const controlPlane = mode === 'loadBalancer' ? { ...CONTROL_PLANES[mode], zipkin: '10.0.1.16' } : CONTROL_PLANES[mode];
    const topology = exposureTopology(controlPlane, { services: [service('reviews', 'bookinfo', { clusters: ['remote-east'] })] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([]);
  });

  it('fails when pilot has no address in podIP exposure', () => {
    // GIVEN
    const topology = exposureTopology({ exposure: 'podIP', policy: '10.8.0.13', telemetry: '10.8.0.14' });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([expect.objectContaining({ path: ['controlPlane', 'pilot'], hint: expect.stringContaining('discover') })]);
  });

  it('fails when policy has no address in podIP exposure while a remote keeps policy checks on', () => {
    // GIVEN podIP exposure without istio-policy's pod IP
    const { policy: _policy, ...controlPlane } = CONTROL_PLANES.podIP;
    const topology = exposureTopology(controlPlane);

    // WHEN
    const findings = checkExposure(topology);

    // THEN an error at controlPlane.policy names the remotes that would go unchecked
    expect(errors(findings)).toEqual([
      {
        path: ['controlPlane', 'policy'],
        problem:
          'is missing while controlPlane.exposure is podIP and remote-east, remote-west keep policy checks on: the mesh config would have no mixerCheckServer, and policies would go unchecked there',
        allowed: "istio-policy's pod IP, or global.disablePolicyChecks: true in the values of every remote",
        hint: 'run `npm run --silent mesh -- discover --context <primary> --write` to fill in the pod IPs',
      },
    ]);
  });

  it('accepts podIP exposure without a policy address when every remote disables policy checks', () => {
    const { policy: _policy, ...controlPlane } = CONTROL_PLANES.podIP;
    const topology = exposureTopology(controlPlane);
    const remotes = topology.clusters.map((c) => (c.role === 'remote' ? { ...c, values: { global: { disablePolicyChecks: true } } } : c));
    expect(checkExposure({ ...topology, clusters: remotes })).toEqual([]);
  });

  it('warns when telemetry has no address in podIP exposure', () => {
    const { telemetry: _telemetry, ...controlPlane } = CONTROL_PLANES.podIP;
    const findings = checkExposure(exposureTopology(controlPlane));
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings)).toEqual([
      expect.objectContaining({
        path: ['controlPlane', 'telemetry'],
        problem: 'is missing while controlPlane.exposure is podIP: the mesh config of every remote would have no mixerReportServer, so the remotes send no telemetry',
        severity: 'warning',
      }),
    ]);
  });

  it("warns when a pod IP lies outside the primary's pod CIDR in podIP exposure", () => {
    // GIVEN Pilot's address in remote-east's pod network, not the primary's 10.8.0.0/16
    const topology = exposureTopology({ ...CONTROL_PLANES.podIP, pilot: '10.9.0.12' });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings)).toEqual([
      {
        path: ['controlPlane', 'pilot'],
        value: '10.9.0.12',
        problem: "is outside the primary's pod network 10.8.0.0/16 (clusters[0].podCIDR), but controlPlane.exposure podIP takes it for a pod IP of the primary",
        hint: "run `npm run --silent mesh -- discover --context <primary> --write` to write the pod IPs, or correct the primary's podCIDR",
        severity: 'warning',
      },
    ]);
  });

  it("accepts a host name for Pilot in podIP exposure without comparing it with the pod CIDR", () => {
    expect(checkExposure(exposureTopology({ ...CONTROL_PLANES.podIP, pilot: 'pilot.mesh.example.com' }))).toEqual([]);
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
    expect(errors(checkExposure(topology))).toEqual([]);
  });

  it('warns when an address differs from the load balancer IP requested for it', () => {
    // GIVEN
    const topology = exposureTopology({
      ...CONTROL_PLANES.loadBalancer,
      pilot: '10.0.1.99',
      zipkin: '10.0.1.16',
      loadBalancer: { pilot: { loadBalancerIP: '10.0.1.12' }, policy: { loadBalancerIP: '10.0.1.13' } },
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([expect.objectContaining({ path: ['controlPlane', 'pilot'], value: '10.0.1.99', severity: 'warning' })]);
  });

  it('warns when a Mixer or Zipkin load balancer has no address for the remotes', () => {
    // GIVEN policy with an address, telemetry with a requested IP, Zipkin with neither
    const topology = exposureTopology(
      { ...CONTROL_PLANES.loadBalancer, policy: '10.0.1.13', loadBalancer: { telemetry: { loadBalancerIP: '10.0.1.14' } } },
      { istio: { namespace: 'mesh-system' } },
    );

    // WHEN
    const findings = checkExposure(topology);

    // THEN one warning, at zipkin, telling where the cloud's address shows up
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings)).toEqual([
      expect.objectContaining({
        path: ['controlPlane', 'zipkin'],
        problem: expect.stringContaining('run without tracing'),
        hint: "once the cloud assigns the load balancer's address (`kubectl -n mesh-system get svc zipkin-lb`), write it to controlPlane.zipkin and synth again",
      }),
    ]);
  });

  it('names the LoadBalancer Services as ControlPlaneLoadBalancers does', () => {
    // GIVEN a loadBalancer control plane with only Pilot's address
    const topology = exposureTopology({ exposure: 'loadBalancer', pilot: '10.0.1.12' });

    // WHEN
    const hints = warnings(checkExposure(topology)).map((f) => f.hint);

    // THEN each hint names the Service the construct emits
    expect(hints).toEqual(
      ['istio-policy', 'istio-telemetry', 'zipkin'].map((name) => expect.stringContaining(`get svc ${ControlPlaneLoadBalancers.serviceName(name)}\``)),
    );
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

  it('takes controlPlane.zipkin for the user\'s own collector in gateway exposure when the primary runs no Jaeger, without a warning', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.gateway, zipkin: 'zipkin.tracing.example.com' }, { istio: { tracingEnabled: false } });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([]);
  });

  it('warns when the primary runs Jaeger but podIP exposure gives the remotes no Zipkin address', () => {
    // GIVEN
    const topology = exposureTopology({ ...CONTROL_PLANES.podIP, zipkin: undefined });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(errors(findings)).toEqual([]);
    expect(warnings(findings)).toEqual([
      expect.objectContaining({ path: ['controlPlane', 'zipkin'], problem: expect.stringContaining('send no spans'), hint: expect.stringContaining('discover') }),
    ]);
  });

  it('does not take a Zipkin of the user\'s own for a pod of the primary, nor miss one in loadBalancer exposure, without the primary\'s tracing', () => {
    // GIVEN a collector outside the primary's pod network, and a loadBalancer control plane with no Zipkin at all
    const podIP = exposureTopology({ ...CONTROL_PLANES.podIP, zipkin: '192.168.7.9' }, { istio: { tracingEnabled: false } });
    const loadBalancer = exposureTopology(CONTROL_PLANES.loadBalancer, { istio: { tracingEnabled: false } });

    // WHEN / THEN
    expect(checkExposure(podIP)).toEqual([]);
    expect(checkExposure(loadBalancer)).toEqual([]);
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

  it('fails when a service repeats a port name', () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, {
      services: [service('reviews', 'bookinfo', { ports: [{ name: 'http', port: 9080 }, { name: 'grpc', port: 9090 }, { name: 'http', port: 9081 }] })],
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN the second occurrence is the one to change
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 0, 'ports', 2, 'name'], value: 'http', problem: 'is already the name of ports[0]' }),
    ]);
  });

  it('fails when a service repeats a port number over the same protocol', () => {
    // GIVEN 9080 twice over TCP (the default), and 8125 over TCP and UDP, which Kubernetes allows
    const topology = exposureTopology(CONTROL_PLANES.podIP, {
      services: [
        service('reviews', 'bookinfo', {
          ports: [
            { name: 'http', port: 9080 },
            { name: 'tcp-stats', port: 8125 },
            { name: 'udp-stats', port: 8125, protocol: 'UDP' },
            { name: 'http-alt', port: 9080, protocol: 'TCP' },
          ],
        }),
      ],
    });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 0, 'ports', 3, 'port'], value: 9080, problem: 'is already served over TCP by ports[0]' }),
    ]);
  });

  it("fails when a service is the API server's default/kubernetes", () => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, { services: [service('kubernetes', 'default'), service('kubernetes', 'bookinfo')] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN only the one in default is refused
    expect(findings).toEqual([
      expect.objectContaining({ path: ['services', 0, 'name'], value: 'kubernetes', problem: expect.stringContaining("API server's own Service") }),
    ]);
  });

  it.each(['kube-system', 'kube-public', 'kube-node-lease'])('fails when a service is in the %s namespace', (namespace) => {
    // GIVEN
    const topology = exposureTopology(CONTROL_PLANES.podIP, { services: [service('reviews', namespace)] });

    // WHEN
    const findings = checkExposure(topology);

    // THEN
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['services', 0, 'namespace'],
        value: namespace,
        problem: expect.stringContaining('Kubernetes reserves for itself'),
        hint: expect.stringContaining('move the service'),
      }),
    ]);
  });
});
