import { App, Chart, Yaml } from 'cdk8s';
import { IstioRemote } from '../constructs/istio-remote';
import { checkIstioRemoteOverlay, ISTIO_REMOTE_DEFAULTS, IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../istio/istio-remote-values';
import { errorsOf } from '../istio/global-values-rules';
import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { isPlainObject, putOwn, type PlainObject, type PlainValue } from '../lib/deep-merge';
import { parseCommandArgs } from '../lib/command-args';
import { describeFinding, type Finding, formatPath } from '../lib/finding';
import { isDns1123Label } from '../lib/net';
import { valueAt } from '../lib/value-at';
import { HELM_VALUE_OPTIONS, helmValueFlags, placeFinding, readHelmValues, type HelmValueFlag, type HelmValuesIo, type SourcedFinding, type ValuesOverlay } from './helm-values-flags';

/** What `render-remote` touches: two output streams, the values files and standard input. */
export interface RenderRemoteIo extends HelmValuesIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: npm run --silent mesh -- render-remote [--namespace NS] [--name NAME] [-f values.yaml ...]
         [--set a.b=c ...] [--set-string a.b=c ...] [--set-json a.b=JSON ...] [--set-file a.b=FILE ...] [--set-literal a.b=TEXT ...]
Prints the objects Istio 1.0.7's istio-remote chart installs (without its cleanup hook) as multi-document YAML.
Values apply over the chart's defaults in Helm 3's order: -f files (- reads standard input), then --set-json,
--set, --set-string, --set-file and --set-literal, each in the order given; null removes a key.
`;

/**
 * `helm template`, for istio-remote: for migration (diff against the chart's
 * output) and for one-off remotes. Exit 2 with every problem on stderr, and
 * nothing on stdout, on bad input.
 */
export function renderRemote(argv: string[], io: RenderRemoteIo): number {
  const args = parseArguments(argv);
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const reports: SourcedFinding[] = [...args.reports];
  const user = readHelmValues(args.flags, io);
  reports.push(...user.findings, ...user.overlays.flatMap(notAValuesFile));
  if (hasErrors(reports)) {
    return fail(reports, io);
  }

  const overlay = nullsAsTemplatesReadThem(user.values);
  for (const finding of checkIstioRemoteOverlay(overlay)) {
    reports.push(placeFinding(explainNull(finding), user.overlays, 'render-remote'));
  }
  if (hasErrors(reports)) {
    return fail(reports, io);
  }

  // The merge over the chart's defaults is where a null removes its key, as in Helm.
  const values = mergeIstioRemoteValues(overlay as IstioRemoteValuesOverlay);
  for (const finding of checkIstioRemoteValues(values)) {
    const fallback = valueAt(ISTIO_REMOTE_DEFAULTS, finding.path) === undefined ? 'render-remote' : 'istio-remote defaults';
    reports.push(placeFinding(finding, user.overlays, fallback));
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
  /** Helm's value flags, in command-line order. */
  readonly flags: readonly HelmValueFlag[];
  readonly reports: readonly SourcedFinding[];
}

function parseArguments(argv: string[]): Args | 'help' {
  const reports: SourcedFinding[] = [];
  const options = {
    ...HELM_VALUE_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    // Only Helm's bookkeeping labels used the release name; static YAML omits them.
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const hint = 'use --namespace, --name, -f/--values, --set, --set-string, --set-json, --set-file or --set-literal; see --help';
  const parsed = parseCommandArgs('render-remote', argv, options, hint);
  if ('problem' in parsed) {
    reports.push({ source: 'render-remote', finding: parsed.problem });
    return { namespace: '', flags: [], reports };
  }
  const { values } = parsed;
  if (values.help) {
    return 'help';
  }
  const namespace = values.namespace ?? DEFAULT_ISTIO_NAMESPACE;
  if (!isDns1123Label(namespace)) {
    reports.push({
      source: '--namespace',
      finding: {
        path: [],
        value: namespace,
        problem: 'is not a DNS-1123 label',
        allowed: "lowercase letters, digits and '-', at most 63 characters",
        hint: 'use the control-plane namespace, usually istio-system',
      },
    });
  }
  return { namespace, flags: helmValueFlags(parsed.given), reports };
}

/**
 * A file none of whose keys is the chart's is a file named by mistake, and
 * may be a secret: its keys are not listed, since they would echo it.
 */
function notAValuesFile(overlay: ValuesOverlay): SourcedFinding[] {
  const keys = Object.keys(overlay.fileValues ?? {});
  const chartKeys = Object.keys(ISTIO_REMOTE_DEFAULTS);
  if (keys.length === 0 || keys.some((key) => chartKeys.includes(key))) {
    return [];
  }
  return [
    {
      source: overlay.source,
      finding: {
        path: [],
        problem: `is not a values file of the istio-remote chart: it is a map of ${keys.length} ${keys.length === 1 ? 'key' : 'keys'}, none of them a value of the chart`,
        allowed: `a map with the keys ${chartKeys.join(', ')}`,
        hint: 'check that -f names a values file',
      },
    },
  ];
}

/**
 * Go templates read a missing key as empty and false, so where the chart's
 * default is '' or false a null is that default. Elsewhere the null stays,
 * for the overlay check to accept (a key the chart may leave out) or refuse.
 */
function nullsAsTemplatesReadThem(values: PlainObject): PlainObject {
  const walk = (node: PlainValue, path: (string | number)[]): PlainValue => {
    if (node === null) {
      const fallback = valueAt(ISTIO_REMOTE_DEFAULTS, path);
      return fallback === '' || fallback === false ? fallback : null;
    }
    if (Array.isArray(node) || !isPlainObject(node)) {
      return node;
    }
    const out: PlainObject = {};
    for (const [key, value] of Object.entries(node)) {
      putOwn(out, key, walk(value, [...path, key]));
    }
    return out;
  };
  return walk(values, []) as PlainObject;
}

/** A null the chart cannot do without: say what it removed. */
function explainNull(finding: Finding): Finding {
  const fallback = valueAt(ISTIO_REMOTE_DEFAULTS, finding.path);
  if (finding.value !== null || fallback === undefined) {
    return finding;
  }
  const shown = isPlainObject(fallback) ? 'map' : JSON.stringify(fallback);
  return {
    ...finding,
    problem: `removes the chart's default ${shown}, which its templates need`,
    hint: 'leave the key out to keep the default, or give it a value',
  };
}

function hasErrors(reports: readonly SourcedFinding[]): boolean {
  return errorsOf(reports.map((report) => report.finding)).length > 0;
}

function printReports(reports: readonly SourcedFinding[], io: RenderRemoteIo): void {
  for (const { source, finding } of reports) {
    const severity = finding.severity === 'warning' ? 'warning: ' : '';
    // A finding about the whole file or argument has no path to name.
    const path = finding.path.length === 0 ? '' : `${formatPath(finding.path)}: `;
    io.stderr(`${source}: ${path}${severity}${describeFinding(finding)}\n`);
  }
}

function fail(reports: readonly SourcedFinding[], io: RenderRemoteIo): number {
  printReports(reports, io);
  return 2;
}
