import type { IstioSpec } from '../topology/schema';

/**
 * The chart values every cluster of the mesh must share, in the names both
 * the `istio` and the `istio-remote` chart give them: the images, the
 * control-plane auth policy, service-to-service mTLS and the CA mode. A
 * primary and a remote that disagree on one of them install cleanly and then
 * fail at run time (sidecars dialling Pilot's plain-text port while it wants
 * mTLS, workload certificates no other cluster trusts), so both sides take
 * them from here.
 */
export function meshWideValues(istio: IstioSpec) {
  return {
    global: {
      hub: istio.hub,
      tag: istio.tag,
      controlPlaneSecurityEnabled: istio.controlPlaneSecurityEnabled,
      mtls: { enabled: istio.mtlsEnabled },
    },
    security: { selfSigned: istio.ca.selfSigned },
  };
}

/** A chart value the topology derives, with the topology field that sets it. */
export interface TopologyOwnedValue {
  readonly path: readonly string[];
  readonly field: string;
}

/** The chart paths of `meshWideValues`, each with the topology field it comes from. */
export const MESH_WIDE_OWNED_VALUES: readonly TopologyOwnedValue[] = [
  { path: ['global', 'hub'], field: 'istio.hub' },
  { path: ['global', 'tag'], field: 'istio.tag' },
  { path: ['global', 'controlPlaneSecurityEnabled'], field: 'istio.controlPlaneSecurityEnabled' },
  { path: ['global', 'mtls'], field: 'istio.mtlsEnabled' },
  { path: ['security', 'selfSigned'], field: 'istio.ca.selfSigned' },
];
