import { chmodSync, existsSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { topologyPath } from '../inputs/topology-file';
import { parseTopology, TopologyError } from '../topology/load';
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
  const options = parseArgs(argv);
  const name = topologyPath(io.env);
  const file = resolve(io.cwd, name);

  let text: string | undefined;
  let topology: MeshTopology | undefined;
  if (options.write || existsSync(file)) {
    text = readTopologyText(file, name);
    topology = parse(text, name, io);
  }
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

  if (options.write && text !== undefined && topology !== undefined) {
    writeAddresses(file, name, text, addressUpdate(found, topology, io), io);
  }
  return 0;
}

function parseArgs(argv: string[]): DiscoverOptions {
  let context: string | undefined;
  let namespace: string | undefined;
  let write = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('-'))) {
        throw new CliError(`${flag} needs a value\n${USAGE}`);
      }
      return v;
    };
    if (flag === '--context') {
      context = value();
    } else if (flag === '--namespace' || flag === '-n') {
      namespace = value();
    } else if (flag === '--write' && inline === undefined) {
      write = true;
    } else {
      throw new CliError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (context === undefined) {
    // No default context: reading the wrong cluster's pod IPs into the topology is worse than asking.
    throw new CliError(`--context is required: name the primary cluster's kubeconfig context\n${USAGE}`);
  }
  return { context, namespace, write };
}

function readTopologyText(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new CliError(`${name}: cannot read the topology file (${reason}): create it, or point MESH_TOPOLOGY at it`);
  }
}

function parse(text: string, name: string, io: CliIo): MeshTopology {
  try {
    const loaded = parseTopology(text, name);
    loaded.warnings.forEach((w) => io.stderr(`warning: ${w}\n`));
    return loaded.topology;
  } catch (err) {
    if (err instanceof TopologyError) {
      throw new CliError(err.message);
    }
    throw err;
  }
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
    io.stderr('note: controlPlane.zipkin is not set, so tracing is off: not adding it; add `zipkin:` to turn tracing on\n');
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
function writeAddresses(file: string, name: string, text: string, update: AddressUpdate, io: CliIo): void {
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
  parse(updated, name, { ...io, stderr: () => undefined });

  // Write through a symlink to its target, and keep the target's mode.
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, updated, { mode });
    chmodSync(temp, mode); // writeFileSync's mode passes through the umask
    renameSync(temp, target);
  } catch (err) {
    if (existsSync(temp)) {
      unlinkSync(temp);
    }
    throw new CliError(`${name}: cannot write the topology file (${(err as Error).message}); it is unchanged`);
  }
  io.stdout(`wrote ${Object.keys(update).filter((k) => update[k as keyof AddressUpdate] !== undefined).length} addresses to ${name}\n`);
}
