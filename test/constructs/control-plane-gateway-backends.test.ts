import { Testing } from 'cdk8s';
import { ControlPlaneGatewayBackends } from '../../constructs/control-plane-gateway-backends';
import { CONTROL_PLANE_SERVICES } from '../../istio/control-plane-services';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('ControlPlaneGatewayBackends', () => {
  it('puts a ClusterIP Service over each component\'s pods, under a name the remotes do not define', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGatewayBackends(chart, 'Backends', { namespace: 'istio-system' });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    validateAgainstK8s(manifest);
    expect(manifest.map((o) => o.metadata.name)).toEqual([
      'istio-pilot-gateway-backend',
      'istio-policy-gateway-backend',
      'istio-telemetry-gateway-backend',
      'zipkin-gateway-backend',
    ]);
    expect(manifest.every((o) => o.kind === 'Service' && o.spec.type === 'ClusterIP' && o.metadata.namespace === 'istio-system')).toBe(true);
  });

  it('selects the pods of the Istio 1.0 table and carries only the ports the gateway publishes', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneGatewayBackends(chart, 'Backends', { namespace: 'istio-system' });

    // THEN
    const byName = Object.fromEntries(Testing.synth(chart).map((o) => [o.metadata.name, o.spec]));
    expect(byName['istio-pilot-gateway-backend'].ports.map((p: any) => p.port)).toEqual([15003, 15005, 15007, 15010, 15011, 8080]);
    expect(byName['istio-pilot-gateway-backend'].selector).toEqual({ istio: 'pilot' });
    expect(byName['istio-policy-gateway-backend'].ports).toEqual([
      { name: 'grpc-mixer', port: 9091 },
      { name: 'grpc-mixer-mtls', port: 15004 },
    ]);
    expect(byName['istio-policy-gateway-backend'].selector).toEqual({ istio: 'mixer', 'istio-mixer-type': 'policy' });
    // telemetry crosses the gateway on 19091/25004 but its pods serve 9091/15004
    expect(byName['istio-telemetry-gateway-backend'].ports).toEqual([
      { name: 'grpc-mixer', port: 9091 },
      { name: 'grpc-mixer-mtls', port: 15004 },
    ]);
    expect(byName['istio-telemetry-gateway-backend'].selector).toEqual({ istio: 'mixer', 'istio-mixer-type': 'telemetry' });
    expect(byName['zipkin-gateway-backend'].ports).toEqual([{ name: 'http', port: 9411 }]);
    expect(byName['zipkin-gateway-backend'].selector).toEqual({ app: 'jaeger' });
  });

  it('names the fully qualified host of each backend for the routes', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    const backends = new ControlPlaneGatewayBackends(chart, 'Backends', { namespace: 'mesh-cp' });

    // THEN
    expect(CONTROL_PLANE_SERVICES.map((s) => backends.hostOf(s))).toEqual([
      'istio-pilot-gateway-backend.mesh-cp.svc.cluster.local',
      'istio-policy-gateway-backend.mesh-cp.svc.cluster.local',
      'istio-telemetry-gateway-backend.mesh-cp.svc.cluster.local',
      'zipkin-gateway-backend.mesh-cp.svc.cluster.local',
    ]);
    expect(Testing.synth(chart).map((o) => `${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`)).toEqual(
      CONTROL_PLANE_SERVICES.map((s) => backends.hostOf(s)),
    );
  });
});
