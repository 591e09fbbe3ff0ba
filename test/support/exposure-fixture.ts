import { meshTopologySchema, type MeshTopology, type MeshTopologyInput } from '../../topology/schema';

type ControlPlaneInput = MeshTopologyInput['controlPlane'];

/**
 * A small valid topology (one primary, two remotes) with the given control
 * plane and services, defaults applied as the loader would. The primary runs
 * Jaeger unless `extra.istio` says otherwise, so that every exposure has a
 * Zipkin for the remotes to reach.
 */
export function exposureTopology(controlPlane: ControlPlaneInput, extra: Partial<MeshTopologyInput> = {}): MeshTopology {
  return meshTopologySchema.parse({
    controlPlane,
    clusters: [
      { name: 'primary', role: 'primary', podCIDR: '10.8.0.0/16', serviceCIDR: '10.96.0.0/16', apiServer: 'https://10.0.0.1:6443' },
      { name: 'remote-east', role: 'remote', podCIDR: '10.9.0.0/16', serviceCIDR: '10.97.0.0/16', apiServer: 'https://10.0.0.2:6443' },
      { name: 'remote-west', role: 'remote', podCIDR: '10.10.0.0/16', serviceCIDR: '10.98.0.0/16', apiServer: 'https://10.0.0.3:6443' },
    ],
    ...extra,
    istio: { tracingEnabled: true, ...extra.istio },
  });
}

/** The same control plane in each exposure mode, as a user would write it. */
export const CONTROL_PLANES: Record<'podIP' | 'loadBalancer' | 'gateway', ControlPlaneInput> = {
  podIP: {
    exposure: 'podIP',
    pilot: '10.8.0.12',
    policy: '10.8.0.13',
    telemetry: '10.8.0.14',
    zipkin: '10.8.0.16',
    statsd: { enabled: true, host: '10.8.0.15' },
  },
  loadBalancer: {
    exposure: 'loadBalancer',
    pilot: 'pilot.mesh.example.com',
    telemetry: '10.0.1.14',
    statsd: { enabled: false },
    loadBalancer: {
      pilot: { annotations: { 'cloud.google.com/load-balancer-type': 'Internal' } },
      policy: { loadBalancerIP: '10.0.1.13' },
      telemetry: { loadBalancerIP: '10.0.1.14' },
    },
  },
  gateway: {
    exposure: 'gateway',
    gateway: { address: '10.0.2.1' },
    statsd: { enabled: true, host: '10.0.2.15', port: 9125 },
  },
};
