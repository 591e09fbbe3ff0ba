import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../topology/finding';
import { remotesOf } from '../topology/remote-values';
import type { MeshTopology, RemoteClusterSpec } from '../topology/schema';

/** Where a remote's istio-multi kubeconfig lives, relative to the topology file. */
export function kubeconfigPathOf(remote: RemoteClusterSpec): string {
  return remote.kubeconfig ?? `secrets/${remote.name}.kubeconfig`;
}

/**
 * Reads the kubeconfig of every remote that has one. A missing file is a
 * warning, not an error, so the first synth works before the remotes exist;
 * the warning names the command that creates it.
 */
export function readKubeconfigs(topology: MeshTopology, baseDir: string): { kubeconfigs: Map<string, string>; findings: Finding[] } {
  const kubeconfigs = new Map<string, string>();
  const findings: Finding[] = [];
  for (const { index, cluster } of remotesOf(topology)) {
    const path = kubeconfigPathOf(cluster);
    try {
      kubeconfigs.set(cluster.name, readFileSync(resolve(baseDir, path), 'utf8'));
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      findings.push({
        path: ['clusters', index, 'kubeconfig'],
        value: path,
        problem: missing ? 'does not exist yet, so the primary gets no Secret for this remote' : `cannot be read (${(err as Error).message})`,
        hint: `after applying dist/${cluster.name}/, run \`npm run --silent mesh -- kubeconfig --cluster ${cluster.name} --context ${cluster.context ?? cluster.name}\` and synth again`,
        severity: missing ? 'warning' : 'error',
      });
    }
  }
  return { kubeconfigs, findings };
}
