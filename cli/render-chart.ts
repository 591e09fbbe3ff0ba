import { Yaml } from 'cdk8s';
import { errorsOf } from '../istio/global-values-rules';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { isPlainObject, putOwn, type PlainObject, type PlainValue } from '../lib/deep-merge';
import { parseCommandArgs } from '../lib/command-args';
import { describeFinding, type Finding, formatPath } from '../lib/finding';
import { isDns1123Label } from '../lib/net';
import { valueAt } from '../lib/value-at';
import { HELM_VALUE_OPTIONS, placeFinding, readHelmValues, type HelmValueFlags, type HelmValuesIo, type SourcedFinding, type ValuesOverlay } from './helm-values-flags';

/**
 * `helm template` for one of the charts this project models, from Helm's
 * value flags: the steps both render commands share, from the command line
 * to the YAML on stdout. A chart brings its values model and its objects.
 */

/** What a render command touches: two output streams, the values files and standard input. */
export interface RenderChartIo extends HelmValuesIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One chart, as a render command needs it. */
export interface RenderedChart<Values> {
  /** The command, as its messages name it: `render-remote`. */
  readonly command: string;
  /** What it prints, for `--help`: lines of at most 110 characters, each ending in a newline. */
  readonly about: string;
  /** The objects the chart installs for these values, as JSON, in the order to print them. */
  render(namespace: string, values: Values): unknown[];
  /** The chart, as its messages name it: `istio-remote`. */
  readonly chart: string;
  /** The chart's own values.yaml. */
  readonly defaults: Values;
  /** Keys and types of one overlay (every file and flag, merged), with paths inside it. */
  checkOverlay(overlay: PlainObject): Finding[];
  /** The overlay merged over the defaults, where a null removes its key, as in Helm. */
  merge(overlay: PlainObject): Values;
  /** The rules over the merged values. */
  checkValues(values: Values): Finding[];
}

/**
 * Runs a render command. Exit 2 with every problem on stderr, and nothing on
 * stdout, on bad input; warnings go to stderr beside a successful render.
 */
export function renderChart<Values>(chart: RenderedChart<Values>, argv: string[], io: RenderChartIo): number {
  const args = parseArguments(chart.command, argv);
  if (args === 'help') {
    io.stdout(usageOf(chart));
    return 0;
  }
  const reports: SourcedFinding[] = [...args.reports];
  const user = readHelmValues(args.flags, io);
  reports.push(...user.findings, ...user.overlays.flatMap((overlay) => notAValuesFile(chart, overlay)));
  if (hasErrors(reports)) {
    return fail(reports, io);
  }

  const overlay = nullsAsTemplatesReadThem(chart.defaults, user.values);
  for (const finding of chart.checkOverlay(overlay)) {
    reports.push(placeFinding(explainNull(chart.defaults, finding), user.overlays, chart.command));
  }
  if (hasErrors(reports)) {
    return fail(reports, io);
  }

  const values = chart.merge(overlay);
  for (const finding of chart.checkValues(values)) {
    const fallback = valueAt(chart.defaults, finding.path) === undefined ? chart.command : `${chart.chart} defaults`;
    reports.push(placeFinding(finding, user.overlays, fallback));
  }
  if (hasErrors(reports)) {
    return fail(reports, io);
  }
  printReports(reports, io);
  io.stdout(Yaml.stringify(...chart.render(args.namespace, values)));
  return 0;
}

function usageOf(chart: RenderedChart<unknown>): string {
  return `usage: npm run --silent mesh -- ${chart.command} [--namespace NS] [--name NAME] [-f values.yaml ...]
         [--set a.b=c ...] [--set-string a.b=c ...] [--set-json a.b=JSON ...] [--set-file a.b=FILE ...] [--set-literal a.b=TEXT ...]
${chart.about}Values apply over the chart's defaults in Helm 3's order: -f files (- reads standard input), then --set-json,
--set, --set-string, --set-file and --set-literal, each in the order given; null removes a key.
`;
}

interface Args {
  readonly namespace: string;
  readonly flags: HelmValueFlags;
  readonly reports: readonly SourcedFinding[];
}

function parseArguments(command: string, argv: string[]): Args | 'help' {
  const reports: SourcedFinding[] = [];
  const options = {
    ...HELM_VALUE_OPTIONS,
    namespace: { type: 'string', short: 'n' },
    // Istio 1.0.7's charts use the release name only in Helm's bookkeeping
    // label `release:`, which static YAML omits; accepted as helm template's.
    name: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const hint = 'use --namespace, --name, -f/--values, --set, --set-string, --set-json, --set-file or --set-literal; see --help';
  const parsed = parseCommandArgs(command, argv, options, hint);
  if ('problem' in parsed) {
    reports.push({ source: command, finding: parsed.problem });
    return { namespace: '', flags: {}, reports };
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
  return { namespace, flags: values, reports };
}

/**
 * A file none of whose keys is the chart's is a file named by mistake, and
 * may be a secret: its keys are not listed, since they would echo it.
 */
function notAValuesFile(chart: RenderedChart<unknown>, overlay: ValuesOverlay): SourcedFinding[] {
  const keys = Object.keys(overlay.fileValues ?? {});
  const chartKeys = Object.keys(chart.defaults as object);
  if (keys.length === 0 || keys.some((key) => chartKeys.includes(key))) {
    return [];
  }
  return [
    {
      source: overlay.source,
      finding: {
        path: [],
        problem: `is not a values file of the ${chart.chart} chart: it is a map of ${keys.length} ${keys.length === 1 ? 'key' : 'keys'}, none of them a value of the chart`,
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
function nullsAsTemplatesReadThem(defaults: unknown, values: PlainObject): PlainObject {
  const walk = (node: PlainValue, path: (string | number)[]): PlainValue => {
    if (node === null) {
      const fallback = valueAt(defaults, path);
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
function explainNull(defaults: unknown, finding: Finding): Finding {
  const fallback = valueAt(defaults, finding.path);
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

function printReports(reports: readonly SourcedFinding[], io: RenderChartIo): void {
  for (const { source, finding } of reports) {
    const severity = finding.severity === 'warning' ? 'warning: ' : '';
    // A finding about the whole file or argument has no path to name.
    const path = finding.path.length === 0 ? '' : `${formatPath(finding.path)}: `;
    io.stderr(`${source}: ${path}${severity}${describeFinding(finding)}\n`);
  }
}

function fail(reports: readonly SourcedFinding[], io: RenderChartIo): number {
  printReports(reports, io);
  return 2;
}
