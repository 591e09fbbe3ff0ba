import { MESH_CHECKS } from '../../plan/plan-checks';
import { parseTopology, TopologyError } from '../../topology/load';

/** The errors synth reports for topology text (shape, rules and synth's checks); empty when it is valid. */
export function topologyErrors(text: string): string[] {
  try {
    parseTopology(text, 'mesh.yaml', MESH_CHECKS);
  } catch (err) {
    if (err instanceof TopologyError) {
      return [...err.errors];
    }
    throw err;
  }
  return [];
}
