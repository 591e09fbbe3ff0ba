import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { GIT_IGNORE_HINT, gitIgnoreStatus } from '../inputs/git-ignored';
import { kubeconfigPathOf } from '../inputs/kubeconfigs';
import {
  buildKubeconfig,
  FLAG_SOURCES,
  formatKubeconfigFinding,
  type DeclaredApiServer,
  type KubeconfigInput,
  type KubeconfigSources,
} from '../pki/kubeconfig';
import { loadTopology, topologyPath } from '../inputs/topology-file';
import { writeFileAtomically } from '../lib/atomic-write';
import { parseCommandArgs } from '../lib/command-args';
import { describeFinding } from '../lib/finding';
import type { LoadedTopology } from '../topology/load';
import { CliError } from '../lib/cli-error';
import type { CliIo } from './cli-io';
import { kubectlJson } from './kubectl';
import { decodeStrictBase64 } from '../lib/base64';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

export const KUBECONFIG_USAGE = `usage: npm run --silent mesh -- kubeconfig --cluster NAME
         (--server URL --ca-file FILE --token-file FILE | --context CTX [--namespace NS])
         [--out FILE]

Writes the kubeconfig with which the primary's Pilot reads the remote cluster NAME
as the istio-multi service account, with mode 0600, to the cluster's \`kubeconfig\`
path in mesh.yaml (default secrets/NAME.kubeconfig) or to --out; inside a git work
tree, only to a path git ignores, so the token cannot be committed.
With --context, the server, CA and token are read from that kubectl context and
from the istio-multi-token Secret in NS (default: istio.namespace of mesh.yaml).`;

/** The Secret the remote's output creates for istio-multi (a service-account-token Secret). */
const TOKEN_SECRET = 'istio-multi-token';

interface Options {
  readonly cluster: string;
  readonly server?: string;
  readonly caFile?: string;
  readonly tokenFile?: string;
  readonly context?: string;
  readonly namespace?: string;
  readonly out?: string;
}

/**
 * `mesh kubeconfig`: builds istio-multi's kubeconfig for one remote and writes
 * it where the synth expects it. Returns the exit code; bad input is 2 and
 * writes nothing. The token is read, checked and written, never printed.
 */
export function kubeconfigCommand(argv: string[], io: CliIo): number {
  const options = parseOptions(argv);
  if (options === 'help') {
    io.stdout(`${KUBECONFIG_USAGE}\n`);
    return 0;
  }
  // The document's checks, as before: the kubeconfig needs the cluster's
  // name, path and apiServer, and is written before the addresses may be known.
  const loaded = loadTopology(topologyPath(io.env), { cwd: io.cwd, scope: 'document', optional: true });
  loaded?.warnings.forEach((w) => io.stderr(`${w}\n`));

  const { input, sources } = options.context === undefined ? explicitInput(options, io) : liveInput(options, options.context, loaded);
  // Everything is checked before anything is written, so bad input leaves the
  // file system as it was.
  const { yaml, warnings } = buildKubeconfig(input, sources, declaredApiServer(loaded, options.cluster));
  const out = outputPath(options, loaded, io);
  // A file that git would commit puts the token in the repository's history,
  // where deleting the file later does not remove it.
  if (gitIgnoreStatus(out.path) === 'not-ignored') {
    throw new CliError(`${out.shown} is not git-ignored, so the token could be committed: ${GIT_IGNORE_HINT}`);
  }
  for (const warning of warnings) {
    io.stderr(`${formatKubeconfigFinding(warning)}\n`);
  }
  writePrivateFile(out.path, yaml);
  io.stdout(`wrote the kubeconfig of cluster ${options.cluster} to ${out.shown} (mode 0600)\n`);
  return 0;
}

function parseOptions(argv: string[]): Options | 'help' {
  const parsed = parseCommandArgs(
    'kubeconfig',
    argv,
    {
      cluster: { type: 'string' },
      server: { type: 'string' },
      'ca-file': { type: 'string' },
      'token-file': { type: 'string' },
      context: { type: 'string' },
      namespace: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    } as const,
    'use --cluster with --server, --ca-file and --token-file, or with --context and --namespace; --out; see --help',
  );
  if ('problem' in parsed) {
    throw new CliError(`${describeFinding(parsed.problem)}\n${KUBECONFIG_USAGE}`);
  }
  const values: Record<string, string | boolean | undefined> = parsed.values;
  if (values.help) {
    return 'help';
  }
  const str = (key: string) => values[key] as string | undefined;
  const cluster = str('cluster');
  if (cluster === undefined || cluster === '') {
    throw new CliError(`--cluster NAME is required: name the remote cluster as in mesh.yaml\n${KUBECONFIG_USAGE}`);
  }
  const explicit = ['server', 'ca-file', 'token-file'].filter((k) => values[k] !== undefined);
  const context = str('context');
  if (context !== undefined && explicit.length > 0) {
    throw new CliError(
      `--context reads the server, CA and token from the cluster; it cannot be combined with ${explicit.map((k) => `--${k}`).join(', ')}: pass either --context or all three of --server, --ca-file and --token-file`,
    );
  }
  if (context === undefined && explicit.length < 3) {
    const missing = ['server', 'ca-file', 'token-file'].filter((k) => values[k] === undefined).map((k) => `--${k}`);
    throw new CliError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: pass --server, --ca-file and --token-file together, or --context CTX to read them from a live cluster\n${KUBECONFIG_USAGE}`,
    );
  }
  if (context === '') {
    throw new CliError('--context is empty: name a context of your kubeconfig (`kubectl config get-contexts`)');
  }
  if (context === undefined && values.namespace !== undefined) {
    throw new CliError('--namespace only applies with --context, where it names the namespace of the istio-multi-token Secret');
  }
  return {
    cluster,
    server: str('server'),
    caFile: str('ca-file'),
    tokenFile: str('token-file'),
    context,
    namespace: str('namespace'),
    out: str('out'),
  };
}

/** The cluster's apiServer in the topology, which the kubeconfig's server should match. */
function declaredApiServer(loaded: LoadedTopology | undefined, name: string): DeclaredApiServer | undefined {
  const index = loaded?.topology.clusters.findIndex((c) => c.name === name) ?? -1;
  if (loaded === undefined || index < 0) {
    return undefined;
  }
  return { apiServer: loaded.topology.clusters[index].apiServer, field: `${loaded.file}'s clusters[${index}].apiServer` };
}

interface SourcedInput {
  readonly input: KubeconfigInput;
  readonly sources: KubeconfigSources;
}

function explicitInput(options: Options, io: CliIo): SourcedInput {
  const caFile = options.caFile as string;
  const tokenFile = options.tokenFile as string;
  return {
    input: {
      name: options.cluster,
      server: options.server as string,
      caPem: readInputFile(io.cwd, caFile, '--ca-file'),
      token: readInputFile(io.cwd, tokenFile, '--token-file'),
    },
    sources: { ...FLAG_SOURCES, caPem: `--ca-file ${JSON.stringify(caFile)}`, token: `--token-file ${JSON.stringify(tokenFile)}` },
  };
}

function readInputFile(cwd: string, file: string, flag: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (err) {
    // The errno code only: Node's message adds nothing the user needs here.
    throw new CliError(`${flag} ${JSON.stringify(file)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): pass a readable file`);
  }
}

function liveInput(options: Options, context: string, loaded: LoadedTopology | undefined): SourcedInput {
  const namespace = options.namespace ?? loaded?.topology.istio.namespace ?? DEFAULT_ISTIO_NAMESPACE;
  const view = kubectlJson(['--context', context, 'config', 'view', '--minify', '--raw']) as {
    clusters?: { cluster?: { server?: unknown } }[];
  };
  const server = view.clusters?.[0]?.cluster?.server;
  if (typeof server !== 'string' || server === '') {
    throw new CliError(`context ${JSON.stringify(context)} names no cluster server: check \`kubectl config get-contexts\` and pass an existing context`);
  }
  const secret = kubectlJson(['--context', context, '-n', namespace, 'get', 'secret', TOKEN_SECRET]) as { data?: Record<string, unknown> };
  const where = `Secret ${namespace}/${TOKEN_SECRET} in context ${JSON.stringify(context)}`;
  return {
    input: {
      name: options.cluster,
      server,
      caPem: decodeSecretKey(secret.data, 'ca.crt', where),
      token: decodeSecretKey(secret.data, 'token', where),
    },
    sources: {
      name: '--cluster',
      server: `the server of context ${JSON.stringify(context)}`,
      caPem: `ca.crt of ${where}`,
      token: `token of ${where}`,
    },
  };
}

function decodeSecretKey(data: Record<string, unknown> | undefined, key: string, where: string): string {
  const value = data?.[key];
  if (typeof value !== 'string' || value === '') {
    // The token controller fills a service-account-token Secret shortly after
    // it is created; an empty one means it has not yet, or the account is missing.
    throw new CliError(
      `${where} has no ${JSON.stringify(key)}: apply the remote's output first (it creates the istio-multi ServiceAccount and this Secret), wait a few seconds, then retry`,
    );
  }
  // The API server always writes strict base64; anything else is a damaged
  // or hand-edited Secret, and a lenient decode would write garbage.
  const bytes = decodeStrictBase64(value);
  if (bytes === undefined) {
    throw new CliError(
      `${JSON.stringify(key)} of ${where} is not valid base64 (allowed: the standard alphabet A-Z a-z 0-9 + /, padded with = to a multiple of 4 characters): recreate the Secret (delete it and let the token controller fill it again), or pass --server, --ca-file and --token-file`,
    );
  }
  return bytes.toString('utf8');
}

function outputPath(options: Options, loaded: LoadedTopology | undefined, io: CliIo): { path: string; shown: string } {
  if (options.out !== undefined) {
    return { path: resolve(io.cwd, options.out), shown: options.out };
  }
  if (loaded === undefined) {
    // The topology's default, which there is no topology to ask.
    const fallback = join('secrets', `${options.cluster}.kubeconfig`);
    io.stderr(`note: no topology file at ${topologyPath(io.env)}: writing to the default ${fallback}\n`);
    return { path: resolve(io.cwd, fallback), shown: fallback };
  }
  const cluster = loaded.topology.clusters.find((c) => c.name === options.cluster);
  if (cluster === undefined) {
    const names = loaded.topology.clusters.filter((c) => c.role === 'remote').map((c) => c.name);
    throw new CliError(
      `--cluster ${JSON.stringify(options.cluster)} is not a cluster of ${loaded.file} (remotes: ${names.join(', ') || 'none'}): use one of those names, or pass --out FILE`,
    );
  }
  if (cluster.role !== 'remote') {
    throw new CliError(
      `--cluster ${JSON.stringify(options.cluster)} is the primary in ${loaded.file}: Pilot reads its own cluster in-cluster, only remotes need a kubeconfig; name a remote cluster`,
    );
  }
  // The same path the synth reads the kubeconfig from.
  const path = kubeconfigPathOf(cluster);
  return { path: resolve(loaded.dir, path), shown: relative(io.cwd, resolve(loaded.dir, path)) || path };
}

/**
 * Writes through a temporary file in the same folder and renames it, so a
 * reader never sees half a kubeconfig, and the file is 0600 from its first byte.
 */
function writePrivateFile(path: string, content: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode applies only to a folder it creates: a secrets/ folder made
    // earlier by hand (0755 under the usual umask) would let others list it.
    if (basename(dir) === 'secrets') {
      chmodSync(dir, 0o700);
    }
    writeFileAtomically(path, content, 0o600);
  } catch (err) {
    throw new CliError(`cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check that the folder is writable`);
  }
}
