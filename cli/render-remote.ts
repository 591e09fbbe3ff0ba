import { App, Chart } from 'cdk8s';
import { IstioRemote } from '../constructs/istio-remote';
import { checkIstioRemoteOverlay, ISTIO_REMOTE_DEFAULTS, type IstioRemoteValues, type IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../istio/istio-remote-values';
import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { renderChart, type RenderChartIo, type RenderedChart } from './render-chart';

const ISTIO_REMOTE_CHART: RenderedChart<IstioRemoteValues> = {
  command: 'render-remote',
  about: "Prints the objects Istio 1.0.7's istio-remote chart installs (without its cleanup hook) as multi-document YAML.\n",
  render: (namespace, values) => {
    const chart = new Chart(new App(), 'istio-remote');
    new IstioRemote(chart, 'istio-remote', { namespace, values });
    return chart.toJson();
  },
  chart: 'istio-remote',
  defaults: ISTIO_REMOTE_DEFAULTS,
  checkOverlay: checkIstioRemoteOverlay,
  merge: (overlay) => mergeIstioRemoteValues(overlay as IstioRemoteValuesOverlay),
  checkValues: checkIstioRemoteValues,
};

/**
 * `helm template`, for istio-remote: for migration (diff against the chart's
 * output) and for one-off remotes. Exit 2 with every problem on stderr, and
 * nothing on stdout, on bad input.
 */
export const renderRemote = (argv: string[], io: RenderChartIo): number => renderChart(ISTIO_REMOTE_CHART, argv, io);
