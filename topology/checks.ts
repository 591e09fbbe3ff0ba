import { checkCaConsistency } from '../pki/ca-consistency';
import { checkExposure } from './exposure-rules';
import type { Finding } from './finding';
import type { TopologyCheck } from './load';
import { checkRemoteValues } from './remote-values-check';
import type { MeshTopology } from './schema';

/**
 * The checks synth runs on a topology beyond its shape and the built-in rules.
 * The remote values check needs the control-plane addresses, so it runs only
 * once the exposure is valid.
 */
export const TOPOLOGY_CHECKS: readonly TopologyCheck[] = [
  checkExposure,
  checkCaConsistency,
  (topology: MeshTopology): Finding[] =>
    checkExposure(topology).some((f) => f.severity !== 'warning') ? [] : checkRemoteValues(topology),
];
