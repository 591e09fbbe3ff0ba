import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTopology, topologyPath } from '../inputs/topology-file';
import { writeFileAtomically } from '../lib/atomic-write';
import { parseCommandArgs } from '../lib/command-args';
import { describeFinding } from '../lib/finding';
import { parseTopology, type LoadedTopology } from '../topology/load';
import type { MeshTopology } from '../topology/schema';
import { updateAddresses, type AddressUpdate } from '../topology/update-addresses';
import { CliError } from '../lib/cli-error';
import type { CliIo } from './cli-io';
import { kubectlJson } from './kubectl';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

/** The control-plane pods the remotes dial in podIP exposure, by the labels Istio 1.0.7's charts give them. */
const COMPONENTS = [
  { name: 'pilot', selector: 'istio=pilot', required: true },
  { name: 'policy', selector: 'istio-mixer-type=policy', required: true },
  { name: 'telemetry', selector: 'istio-mixer-type=telemetry', required: true },
  { name: 'statsd', selector: 'istio=statsd-prom-bridge', required: false },
  { name: 'zipkin', selector: 'app=jaeger', required: false },
] as const;

type ComponentName = (typeof COMPONENTS)[number]['name'];

const USAGE = 'usage: npm run --silent mesh -- discover --context CTX [--namespace NS] [--write]';

interface DiscoverOptions {
  readonly context: string;
  readonly namespace?: string;
  readonly write: boolean;
}

/** The fields of a pod this command reads; kubectl prints many more. */
interface Pod {
  readonly metadata?: { readonly name?: string; readonly deletionTimestamp?: string };
  readonly status?: {
    readonly phase?: string;
    readonly podIP?: string;
    readonly conditions?: readonly { readonly type?: string; readonly status?: string }[];
  };
}

interface Found {
  readonly ip: string;
  readonly pod: string;
}

/**
 * `discover --context CTX [--namespace NS] [--write]`: reads the pod IPs of
 * Pilot, Mixer policy and telemetry, statsd and Zipkin from the primary and
 * prints them; with `--write`, puts them into the topology file (mesh.yaml or
 * MESH_TOPOLOGY), changing nothing else in it.
 *
 * Only a pod that is Running, Ready, not terminating and has an IP counts:
 * remotes pinned to a pod that is going away lose the control plane again.
 * Of several, the first by name wins, so two runs agree.
 *
 * `--write` refuses unless controlPlane.exposure is podIP: in the other modes
 * the file holds load balancer addresses or none at all, and pod IPs written
 * there would pin the remotes to pods again.
 *
 * With `--write`, Zipkin's address is updated only when the file already has
 * one, and statsd's only when statsd is enabled: writing them otherwise would
 * turn tracing or statsd on behind the user's back.
 */
export function discoverCommand(argv: string[], io: CliIo): number {
  const options = parseOptions(argv);
  const name = topologyPath(io.env);
  // The document's checks only: discover repairs the addresses that the later
  // stages check, so a topology still missing them must read.
  const loaded = loadTopology(name, { cwd: io.cwd, scope: 'document', optional: !options.write });
  loaded?.warnings.forEach((w) => io.stderr(`${w}\n`));
  const topology = loaded?.topology;
  const exposure = topology?.controlPlane.exposure ?? 'podIP';
  if (options.write && exposure !== 'podIP') {
    throw new CliError(
      `${name}: controlPlane.exposure is ${exposure}, so its addresses are ${exposure === 'gateway' ? 'not used' : 'load balancer addresses'}, ` +
        'not pod IPs: --write updates podIP topologies only; run discover without --write to see the pod IPs',
    );
  }
  const namespace = options.namespace ?? topology?.istio.namespace ?? DEFAULT_ISTIO_NAMESPACE;

  const found = new Map<ComponentName, Found>();
  const missing: string[] = [];
  for (const component of COMPONENTS) {
    const pods = kubectlJson(['--context', options.context, '-n', namespace, 'get', 'pods', '-l', component.selector]) as { items?: Pod[] };
    const pick = readyPods(pods.items ?? [])[0];
    if (pick) {
      found.set(component.name, pick);
    } else {
      const what = `no running and ready pod for ${component.name} (selector ${component.selector}) in namespace ${namespace} on context ${options.context}`;
      if (component.required) {
        missing.push(what);
      } else if (component.name === 'statsd') {
        // The 1.0.7 chart ships the bridge's ConfigMap only, so on a plain install this pod never exists.
        io.stderr(
          `warning: ${what}: its address stays as it is. Istio 1.0.7 ships no statsd server (no istio-statsd-prom-bridge Deployment), ` +
            'so remotes with controlPlane.statsd enabled send to nothing unless you run a statsd yourself\n',
        );
      } else {
        io.stderr(`warning: ${what}: its address stays as it is\n`);
      }
    }
  }

  const width = Math.max(0, ...[...found.values()].map((f) => f.ip.length)) + 2;
  for (const component of COMPONENTS) {
    const f = found.get(component.name);
    if (f) {
      io.stdout(`${component.name.padEnd(10)}${f.ip.padEnd(width)}(${f.pod})\n`);
    }
  }
  if (missing.length > 0) {
    const check = `check \`kubectl --context ${options.context} -n ${namespace} get pods --show-labels\``;
    throw new CliError(`${missing.join('\n')}\n${check}; ${options.write ? `${name} is unchanged` : 'nothing to write'}`);
  }
  if (exposure !== 'podIP') {
    io.stderr(`note: controlPlane.exposure is ${exposure}: remotes do not dial these pod IPs\n`);
  }

  if (options.write && loaded !== undefined) {
    writeAddresses(resolve(io.cwd, name), loaded, addressUpdate(found, loaded.topology, io), io);
  }
  return 0;
}

function parseOptions(argv: string[]): DiscoverOptions {
  const parsed = parseCommandArgs(
    'discover',
    argv,
    { context: { type: 'string' }, namespace: { type: 'string', short: 'n' }, write: { type: 'boolean' } } as const,
    'use --context, --namespace or --write',
  );
  if ('problem' in parsed) {
    throw new CliError(`${describeFinding(parsed.problem)}\n${USAGE}`);
  }
  const { context, namespace, write = false } = parsed.values;
  for (const [flag, value] of [['--context', context], ['--namespace', namespace]] as const) {
    if (value === '') {
      throw new CliError(`${flag} needs a value\n${USAGE}`);
    }
  }
  if (context === undefined) {
    // No default context: reading the wrong cluster's pod IPs into the topology is worse than asking.
    throw new CliError(`--context is required: name the primary cluster's kubeconfig context\n${USAGE}`);
  }
  return { context, namespace, write };
}

function readyPods(pods: readonly Pod[]): Found[] {
  return pods
    .filter(
      (p) =>
        p.status?.phase === 'Running' &&
        p.metadata?.deletionTimestamp === undefined &&
        (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') &&
        typeof p.status.podIP === 'string' &&
        p.status.podIP !== '',
    )
    .map((p) => ({ ip: p.status!.podIP!, pod: p.metadata?.name ?? '' }))
    .sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

function addressUpdate(found: ReadonlyMap<ComponentName, Found>, topology: MeshTopology, io: CliIo): AddressUpdate {
  const cp = topology.controlPlane;
  const zipkin = found.get('zipkin');
  const statsd = found.get('statsd');
  if (zipkin && cp.zipkin === undefined) {
    io.stderr('note: controlPlane.zipkin is not set, so the remotes send no spans: not adding it; add `zipkin:` (with istio.tracingEnabled) to send them to this pod\n');
  }
  if (statsd && !cp.statsd.enabled) {
    io.stderr('note: controlPlane.statsd is not enabled: not writing its host\n');
  }
  return {
    pilot: found.get('pilot')?.ip,
    policy: found.get('policy')?.ip,
    telemetry: found.get('telemetry')?.ip,
    ...(zipkin && cp.zipkin !== undefined && { zipkin: zipkin.ip }),
    ...(statsd && cp.statsd.enabled && { statsdHost: statsd.ip }),
  };
}

/** Replaces the file in one rename, so a crash leaves the old file or the new one, never half of each. */
function writeAddresses(file: string, loaded: LoadedTopology, update: AddressUpdate, io: CliIo): void {
  const { file: name, text } = loaded;
  let updated: string;
  try {
    updated = updateAddresses(text, update);
  } catch (err) {
    throw new CliError(`${name}: ${(err as Error).message}`);
  }
  if (updated === text) {
    io.stdout(`${name} already has these addresses\n`);
    return;
  }
  // Still a valid topology? Only values changed, but check before replacing the user's file.
  parseTopology(updated, name, 'document');

  // Write through a symlink to its target, and keep the target's mode.
  const target = realpathSync(file);
  try {
    writeFileAtomically(target, updated, statSync(target).mode & 0o7777);
  } catch (err) {
    throw new CliError(`${name}: cannot write the topology file (${(err as Error).message}); it is unchanged`);
  }
  io.stdout(`wrote ${Object.keys(update).filter((k) => update[k as keyof AddressUpdate] !== undefined).length} addresses to ${name}\n`);
}
