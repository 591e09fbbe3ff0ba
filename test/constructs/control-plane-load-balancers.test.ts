import { Testing } from 'cdk8s';
import { ControlPlaneLoadBalancers } from '../../constructs/control-plane-load-balancers';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('ControlPlaneLoadBalancers', () => {
  it("puts a LoadBalancer Service in front of each control-plane component, beside the main chart's Services", () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneLoadBalancers(chart, 'LoadBalancers', {
      namespace: 'istio-system',
      pilot: { loadBalancerIP: '10.0.1.12', annotations: { 'cloud.google.com/load-balancer-type': 'Internal' } },
    });

    // THEN
    const manifest = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    validateAgainstK8s(manifest);
    expect(manifest.map((o) => o.metadata.name)).toEqual(['istio-pilot-lb', 'istio-policy-lb', 'istio-telemetry-lb', 'zipkin-lb']);
    expect(manifest.every((o) => o.spec.type === 'LoadBalancer' && o.metadata.namespace === 'istio-system')).toBe(true);
  });

  it('asks for the load balancer IP and annotations of one component only', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneLoadBalancers(chart, 'LoadBalancers', { namespace: 'istio-system', policy: { loadBalancerIP: '10.0.1.13' } });

    // THEN
    const [pilot, policy] = Testing.synth(chart);
    expect(policy.spec.loadBalancerIP).toBe('10.0.1.13');
    expect(pilot.spec.loadBalancerIP).toBeUndefined();
    expect(pilot.metadata.annotations).toBeUndefined();
  });

  it('selects the pods and ports of the Istio 1.0 table', () => {
    // GIVEN
    const chart = Testing.chart();

    // WHEN
    new ControlPlaneLoadBalancers(chart, 'LoadBalancers', { namespace: 'istio-system' });

    // THEN
    const byName = Object.fromEntries(Testing.synth(chart).map((o) => [o.metadata.name, o.spec]));
    expect(byName['istio-pilot-lb'].ports.map((p: any) => p.port)).toEqual([15003, 15005, 15007, 15010, 15011, 8080, 9093]);
    expect(byName['istio-pilot-lb'].selector).toEqual({ istio: 'pilot' });
    expect(byName['istio-policy-lb'].ports.map((p: any) => p.port)).toEqual([9091, 15004, 9093]);
    expect(byName['istio-policy-lb'].selector).toEqual({ istio: 'mixer', 'istio-mixer-type': 'policy' });
    expect(byName['istio-telemetry-lb'].ports.map((p: any) => p.port)).toEqual([9091, 15004, 9093, 42422]);
    expect(byName['istio-telemetry-lb'].selector).toEqual({ istio: 'mixer', 'istio-mixer-type': 'telemetry' });
    expect(byName['zipkin-lb'].ports).toEqual([{ name: 'http', port: 9411 }]);
    expect(byName['zipkin-lb'].selector).toEqual({ app: 'jaeger' });
  });
});
