import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MESH_CHECKS } from '../plan/plan-checks';
import { parseTopology, TopologyError, type LoadedTopology } from '../topology/load';
import type { StageScope } from '../topology/stages';

export const DEFAULT_TOPOLOGY_FILE = 'mesh.yaml';

/** The topology file to read: `MESH_TOPOLOGY`, else `mesh.yaml`. */
export function topologyPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MESH_TOPOLOGY && env.MESH_TOPOLOGY.trim() !== '' ? env.MESH_TOPOLOGY : DEFAULT_TOPOLOGY_FILE;
}

export interface TopologyReadOptions {
  /** The folder `file` is relative to. @default the process's working folder */
  readonly cwd?: string;
  /** How far the checks go. @default every check synth runs */
  readonly scope?: StageScope;
  /** A missing file is no error: undefined comes back. @default false */
  readonly optional?: boolean;
}

/**
 * The one reader of the topology file, for synth and every `mesh` command:
 * the same checks, messages and warnings everywhere. Throws a TopologyError
 * with every problem; errors name the file as the user did.
 */
export function loadTopology(file: string, options: TopologyReadOptions & { readonly optional: true }): LoadedTopology | undefined;
export function loadTopology(file: string, options?: TopologyReadOptions): LoadedTopology;
export function loadTopology(file: string, options: TopologyReadOptions = {}): LoadedTopology | undefined {
  const absolute = resolve(options.cwd ?? '.', file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.optional) {
      return undefined;
    }
    const reason = code === 'ENOENT' ? 'no such file' : (code ?? 'error');
    throw new TopologyError([
      `${file}: cannot read the topology file (${reason}): create it (see mesh.yaml in the README) or point MESH_TOPOLOGY at it`,
    ]);
  }
  return { ...parseTopology(text, file, options.scope ?? MESH_CHECKS), dir: dirname(absolute) };
}
