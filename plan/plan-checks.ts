import type { Finding } from '../lib/finding';
import type { MeshTopology } from '../topology/schema';
import { remoteControlPlaneAddresses } from './control-plane-addresses';
import { checkPilotName } from './pilot-name-rule';
import { checkValuesBlocks } from './values-block-check';

/**
 * The checks of what the plan derives from a topology whose exposure is
 * valid: the Pilot name sidecars dial, and each cluster's merged chart values.
 * The topology's last stage (topology/stages.ts) runs them.
 */
export function checkPlan(topology: MeshTopology): Finding[] {
  const addresses = remoteControlPlaneAddresses(topology);
  return [...checkPilotName(topology, addresses), ...checkValuesBlocks(topology, addresses)];
}

/** The full scope of synth's checks, for parseTopology. */
export const MESH_CHECKS = { addressed: checkPlan } as const;
