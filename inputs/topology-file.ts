import { readFileSync } from 'node:fs';
import { MESH_CHECKS } from '../plan/plan-checks';
import { parseTopology, TopologyError, type LoadedTopology } from '../topology/load';

export const DEFAULT_TOPOLOGY_FILE = 'mesh.yaml';

/** The topology file to read: `MESH_TOPOLOGY`, else `mesh.yaml`. */
export function topologyPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESH_TOPOLOGY && env.MESH_TOPOLOGY.trim() !== '' ? env.MESH_TOPOLOGY : DEFAULT_TOPOLOGY_FILE;
}

/** Reads and validates a topology file with every check synth runs. */
export function loadTopology(file: string): LoadedTopology {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new TopologyError([
      `${file}: cannot read the topology file (${reason}): create it (see mesh.yaml in the README) or point MESH_TOPOLOGY at it`,
    ]);
  }
  return parseTopology(text, file, MESH_CHECKS);
}
