// `npm run --silent mesh -- <command> ...`: the commands around synth that
// read clusters or write files synth must not (kubeconfigs, discovered addresses).
import '../lib/zod-jitless';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../lib/cli-error';
import { TopologyError } from '../topology/load';
import { processIo, type CliIo } from './cli-io';
import { diffCommand } from './diff';
import { discoverCommand } from './discover';
import { kubeconfigCommand } from './kubeconfig';
import type { RenderChartIo } from './render-chart';
import { renderPrimary } from './render-primary';
import { renderRemote } from './render-remote';

type Command = (argv: string[], io: CliIo) => number;

const COMMANDS: Record<string, { readonly run: Command; readonly summary: string }> = {
  'render-primary': {
    run: (argv, io) => renderPrimary(argv, renderIo(io)),
    summary: "print the istio chart's objects for the primary, CRDs first, like `helm template` (-f, --set and its kin, --namespace, --name)",
  },
  'render-remote': {
    run: (argv, io) => renderRemote(argv, renderIo(io)),
    summary: 'print the istio-remote objects for one remote, like `helm template` (-f, --set and its kin, --namespace, --name)',
  },
  kubeconfig: { run: kubeconfigCommand, summary: "write a remote's istio-multi kubeconfig (mode 0600) for the primary's Secret" },
  discover: { run: discoverCommand, summary: "read the control plane's pod IPs from the primary; --write updates the topology file" },
  diff: { run: diffCommand, summary: 'compare the output at a git revision (default HEAD) or folder with a synthesis of the working tree' },
};

export function mesh(argv: string[], io: CliIo = processIo): number {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    const list = Object.entries(COMMANDS)
      .map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`)
      .join('\n');
    const help = name === '--help' || name === '-h';
    const complaint = name === undefined || help ? '' : `unknown command "${name}"\n`;
    (help ? io.stdout : io.stderr)(`${complaint}usage: npm run --silent mesh -- <command> [options]\n${list}\n`);
    return help ? 0 : 2;
  }
  // The one place a command's bad-input errors become a message and an exit code.
  try {
    return command.run(rest, io);
  } catch (err) {
    if (err instanceof TopologyError) {
      err.warnings.forEach((w) => io.stderr(`${w}\n`));
      io.stderr(`error: ${err.message}\n`);
      const count = err.errors.length;
      io.stderr(`${name}: ${count} ${count === 1 ? 'error' : 'errors'} in the topology; nothing was ${name === 'diff' ? 'compared' : 'written'}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr(`error: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

/** A render command's files: paths relative to the working folder, `-` from standard input. */
function renderIo(io: CliIo): RenderChartIo {
  return { stdout: io.stdout, stderr: io.stderr, readFile: (path) => readFileSync(resolve(io.cwd, path), 'utf8'), readStdin: () => readFileSync(0, 'utf8') };
}

if (require.main === module) {
  process.exitCode = mesh(process.argv.slice(2));
}
