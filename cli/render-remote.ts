import { App, Chart, Yaml } from 'cdk8s';
import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { IstioRemote } from '../constructs/istio-remote';
import { checkIstioRemoteOverlay, IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../istio/istio-remote-values';
import { errorsOf } from '../istio/global-values-rules';
import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { describeFinding, Finding, formatPath } from '../lib/finding';
import { isDns1123Label } from '../lib/net';
import { parseHelmSet } from './helm-set';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

/** What `render-remote` touches: two output streams and the values files it is given. */
export interface RenderRemoteIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
}

const USAGE = `usage: npm run --silent mesh -- render-remote [--namespace NS] [--name NAME] [-f values.yaml ...] [--set a.b=c ...] [--set-string a.b=c ...]
Prints the objects Istio 1.0.7's istio-remote chart installs (without its cleanup hook) as multi-document YAML.
-f files apply in order, then --set, then --set-string, over the chart's defaults, as with helm template.
`;

/** One layer of values and where it came from, to point errors at it. */
interface Overlay {
  /** `values.yaml`, `--set a.b=c`. */
  readonly source: string;
  readonly values: unknown;
  /** file:line:col of a path inside a values file. */
  readonly locate?: (path: readonly (string | number)[]) => string | undefined;
}

/** A problem, already tied to a place. */
interface Report {
  readonly source: string;
  readonly finding: Finding;
}

/**
 * `helm template`, for istio-remote: for migration (diff against the chart's
 * output) and for one-off remotes. Exit 2 with every problem on stderr, and
 * nothing on stdout, on bad input.
 */
export function renderRemote(argv: string[], io: RenderRemoteIo): number {
  const reports: Report[] = [];
  const args = parseArgs(argv, reports);
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }

  const overlays: Overlay[] = [];
  for (const file of args.files) {
    const overlay = readValuesFile(file, io, reports);
    if (overlay) {
      overlays.push(overlay);
    }
  }
  for (const [flag, text] of args.sets) {
    const parsed = parseHelmSet(text, { stringValues: flag === '--set-string' });
    const source = `${flag} ${text}`;
    reports.push(...parsed.findings.map((finding) => ({ source, finding })));
    if (parsed.findings.length === 0) {
      overlays.push({ source, values: parsed.values });
    }
  }
  for (const overlay of overlays) {
    for (const finding of checkIstioRemoteOverlay(overlay.values)) {
      reports.push({ source: overlay.locate?.(finding.path) ?? overlay.source, finding });
    }
  }
  if (hasErrors(reports)) {
    return fail(reports, io);
  }

  const values = mergeIstioRemoteValues(...overlays.map((overlay) => overlay.values as IstioRemoteValuesOverlay));
  for (const finding of checkIstioRemoteValues(values)) {
    reports.push({ source: sourceOf(finding.path, overlays), finding });
  }
  if (hasErrors(reports)) {
    return fail(reports, io);
  }
  printReports(reports, io);

  const chart = new Chart(new App(), 'istio-remote');
  new IstioRemote(chart, 'istio-remote', { namespace: args.namespace, values });
  io.stdout(Yaml.stringify(...chart.toJson()));
  return 0;
}

interface Args {
  readonly namespace: string;
  readonly files: string[];
  readonly sets: ['--set' | '--set-string', string][];
}

function parseArgs(argv: readonly string[], reports: Report[]): Args | 'help' {
  const args: { namespace: string; files: string[]; sets: Args['sets'] } = { namespace: DEFAULT_ISTIO_NAMESPACE, files: [], sets: [] };
  const problem = (flag: string, text: string, hint: string) =>
    reports.push({ source: 'render-remote', finding: { path: [], value: flag, problem: text, hint } });
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      return 'help';
    }
    const match = /^(--?[a-z-]+)(?:=(.*))?$/s.exec(arg);
    const flag = match?.[1];
    if (!match || !['--namespace', '-n', '--name', '-f', '--values', '--set', '--set-string'].includes(flag!)) {
      problem(arg, 'is not an option of render-remote', 'use --namespace, --name, -f/--values, --set or --set-string; see --help');
      continue;
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined) {
      problem(flag!, 'needs a value', `write ${flag} <value>`);
      continue;
    }
    switch (flag) {
      case '--namespace':
      case '-n':
        if (isDns1123Label(value)) {
          args.namespace = value;
        } else {
          reports.push({
            source: flag,
            finding: {
              path: [],
              value,
              problem: 'is not a DNS-1123 label',
              allowed: "lowercase letters, digits and '-', at most 63 characters",
              hint: 'use the control-plane namespace, usually istio-system',
            },
          });
        }
        break;
      case '--name':
        // Only Helm's bookkeeping labels used the release name; static YAML omits them.
        break;
      case '-f':
      case '--values':
        args.files.push(value);
        break;
      default:
        args.sets.push([flag as '--set' | '--set-string', value]);
    }
  }
  // Helm applies every --set before every --set-string.
  args.sets.sort((a, b) => Number(a[0] === '--set-string') - Number(b[0] === '--set-string'));
  return args;
}

function readValuesFile(file: string, io: RenderRemoteIo, reports: Report[]): Overlay | undefined {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (err) {
    reports.push({
      source: file,
      finding: { path: [], problem: `cannot be read (${(err as Error).message})`, hint: 'check the path given to -f' },
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      reports.push({
        source: at(error.pos[0]),
        finding: { path: [], problem: `is not valid YAML: ${error.message.split('\n')[0]}`, hint: 'fix the YAML syntax' },
      });
    }
    return undefined;
  }
  const values = doc.toJS() ?? {};
  return {
    source: file,
    values,
    locate: (path) => {
      const node = nodeAt(doc.contents, path);
      return node?.range ? at(node.range[0]) : undefined;
    },
  };
}

/** The node at `path`, or the closest ancestor that exists; a map entry is pointed at by its key. */
function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let current = root as Node | undefined;
  let found = current;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) {
        break;
      }
      found = (pair.key as Node) ?? found;
      current = pair.value as Node | undefined;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment] as Node | undefined;
      found = current ?? found;
    } else {
      break;
    }
  }
  return found;
}

/** The last overlay that set the path (or its closest ancestor): where the user must fix it. */
function sourceOf(path: readonly (string | number)[], overlays: readonly Overlay[]): string {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    for (let i = overlays.length - 1; i >= 0; i -= 1) {
      if (has(overlays[i].values, prefix)) {
        return overlays[i].locate?.(prefix) ?? overlays[i].source;
      }
    }
  }
  return 'istio-remote defaults';
}

function has(root: unknown, path: readonly (string | number)[]): boolean {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !(segment in current)) {
      return false;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

function hasErrors(reports: readonly Report[]): boolean {
  return errorsOf(reports.map((report) => report.finding)).length > 0;
}

function printReports(reports: readonly Report[], io: RenderRemoteIo): void {
  for (const { source, finding } of reports) {
    const severity = finding.severity === 'warning' ? 'warning: ' : '';
    io.stderr(`${source}: ${formatPath(finding.path)}: ${severity}${describeFinding(finding)}\n`);
  }
}

function fail(reports: readonly Report[], io: RenderRemoteIo): number {
  printReports(reports, io);
  return 2;
}
