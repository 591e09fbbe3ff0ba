import { resolve } from 'node:path';
import type { Finding } from '../lib/finding';
import type { MeshTopology } from '../topology/schema';
import { GIT_IGNORE_HINT, gitIgnoreStatus } from './git-ignored';

/**
 * A cluster CA's private key in a path git would commit: an error, as
 * `mesh kubeconfig` refuses to write a token there. A committed CA key lets
 * anyone with the repository issue workload certificates the whole mesh
 * trusts. Findings name the path, never the key.
 */
export function caKeysGitWouldCommit(topology: MeshTopology, baseDir: string): Finding[] {
  return topology.clusters.flatMap((cluster, i): Finding[] => {
    const caKey = cluster.cacerts?.caKey;
    if (caKey === undefined || gitIgnoreStatus(resolve(baseDir, caKey)) !== 'not-ignored') {
      return [];
    }
    return [
      {
        path: ['clusters', i, 'cacerts', 'caKey'],
        value: caKey,
        problem: 'is a path git would commit, and it holds the private key of the cluster CA',
        allowed: 'a git-ignored path, or one outside the repository',
        hint: `move the key and ${GIT_IGNORE_HINT}; if it was ever committed, issue a new cluster CA`,
      },
    ];
  });
}
