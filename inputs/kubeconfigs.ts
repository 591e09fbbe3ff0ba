import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseKubeconfig } from '../pki/kubeconfig';
import type { Finding } from '../lib/finding';
import { remotesOf } from '../topology/remotes';
import type { MeshTopology, RemoteClusterSpec } from '../topology/schema';
import { GIT_IGNORE_HINT, gitIgnoreStatus } from './git-ignored';
import { FirstSeen } from '../lib/first-seen';

/** Where a remote's istio-multi kubeconfig lives, relative to the topology file. */
export function kubeconfigPathOf(remote: RemoteClusterSpec): string {
  return remote.kubeconfig ?? `secrets/${remote.name}.kubeconfig`;
}

/**
 * Reads the kubeconfig of every remote that has one and checks it with the
 * rules `mesh kubeconfig` applies when it writes one, so a broken file stops
 * synth at the topology line that names it instead of reaching the primary's
 * Secret. A missing file is a warning, not an error, so the first synth works
 * before the remotes exist; the warning names the command that creates it.
 * Only kubeconfigs without errors are returned. Findings name the file, never
 * its content.
 */
export function readKubeconfigs(topology: MeshTopology, baseDir: string): { kubeconfigs: Map<string, string>; findings: Finding[] } {
  const kubeconfigs = new Map<string, string>();
  const findings: Finding[] = [];
  // Which remote's kubeconfig first used each server, by normalized URL (host case, default port, trailing slash).
  const servers = new FirstSeen<string>();
  for (const { index, cluster } of remotesOf(topology)) {
    const path = kubeconfigPathOf(cluster);
    const absolute = resolve(baseDir, path);
    const regenerate = `\`npm run --silent mesh -- kubeconfig --cluster ${cluster.name} --context ${cluster.context ?? cluster.name}\``;
    const at = { path: ['clusters', index, 'kubeconfig'], value: path } as const;
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      findings.push({
        ...at,
        problem: missing ? 'does not exist yet, so the primary gets no Secret for this remote' : `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        hint: `after applying dist/${cluster.name}/, run ${regenerate} and synth again`,
        severity: missing ? 'warning' : 'error',
      });
      continue;
    }

    const { input, findings: fileFindings } = parseKubeconfig(text, cluster.name, { apiServer: cluster.apiServer, field: `clusters[${index}].apiServer` });
    const own: Finding[] = fileFindings.map((f) => ({
      ...at,
      // `has field clusters, which holds 0 entries`: the field agrees with any verb the problem starts with.
      problem: f.path.length === 0 ? f.problem : `has field ${f.path.join('.')}${f.value === undefined ? '' : ` ${JSON.stringify(f.value)}`}, which ${f.problem}`,
      ...(f.allowed !== undefined && { allowed: f.allowed }),
      // A warning's own hint says what to decide; an error is fixed by writing the file again.
      hint: f.severity === 'warning' ? f.hint : `regenerate it with ${regenerate}`,
      ...(f.severity !== undefined && { severity: f.severity }),
    }));
    if (input !== undefined) {
      // Two Secrets for one API server make Pilot read the same cluster twice,
      // under two names, and list its endpoints as two clusters'.
      const key = URL.canParse(input.server) ? new URL(input.server).href : input.server;
      const first = servers.earlier(key, cluster.name);
      if (first !== undefined) {
        own.push({
          ...at,
          problem: `has server ${JSON.stringify(input.server)}, which the kubeconfig of remote ${JSON.stringify(first)} already uses`,
          allowed: "each remote's own API server",
          hint: `regenerate it with ${regenerate}, pointing at ${cluster.name}'s API server (${cluster.apiServer})`,
        });
      }
    }
    if (gitIgnoreStatus(absolute) === 'not-ignored') {
      own.push({ ...at, problem: 'is not git-ignored, so the token could be committed', hint: GIT_IGNORE_HINT, severity: 'warning' });
    }
    findings.push(...own);
    if (own.every((f) => f.severity === 'warning')) {
      kubeconfigs.set(cluster.name, text);
    }
  }
  return { kubeconfigs, findings };
}
