import { App, Chart } from 'cdk8s';
import { IstioRemote } from '../constructs/istio-remote';
import { checkIstioRemoteOverlay, ISTIO_REMOTE_DEFAULTS, type IstioRemoteValues, type IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../istio/istio-remote-values';
import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { renderChart, type RenderChartIo, type RenderedChart } from './render-chart';

/** What `render-remote` touches: two output streams, the values files and standard input. */
export type RenderRemoteIo = RenderChartIo;

const USAGE = `usage: npm run --silent mesh -- render-remote [--namespace NS] [--name NAME] [-f values.yaml ...]
         [--set a.b=c ...] [--set-string a.b=c ...] [--set-json a.b=JSON ...] [--set-file a.b=FILE ...] [--set-literal a.b=TEXT ...]
Prints the objects Istio 1.0.7's istio-remote chart installs (without its cleanup hook) as multi-document YAML.
Values apply over the chart's defaults in Helm 3's order: -f files (- reads standard input), then --set-json,
--set, --set-string, --set-file and --set-literal, each in the order given; null removes a key.
`;

const ISTIO_REMOTE_CHART: RenderedChart<IstioRemoteValues> = {
  command: 'render-remote',
  chart: 'istio-remote',
  usage: USAGE,
  defaults: ISTIO_REMOTE_DEFAULTS,
  checkOverlay: checkIstioRemoteOverlay,
  merge: (overlay) => mergeIstioRemoteValues(overlay as IstioRemoteValuesOverlay),
  checkValues: checkIstioRemoteValues,
  render: (namespace, values) => {
    const chart = new Chart(new App(), 'istio-remote');
    new IstioRemote(chart, 'istio-remote', { namespace, values });
    return chart.toJson();
  },
};

/**
 * `helm template`, for istio-remote: for migration (diff against the chart's
 * output) and for one-off remotes. Exit 2 with every problem on stderr, and
 * nothing on stdout, on bad input.
 */
export function renderRemote(argv: string[], io: RenderRemoteIo): number {
  return renderChart(ISTIO_REMOTE_CHART, argv, io);
}
