import { App, Chart } from 'cdk8s';
import { ClusterCrdsChart } from '../charts/cluster-crds-chart';
import { IstioControlPlane } from '../constructs/istio-control-plane';
import { ISTIO_CRDS } from '../istio/crds';
import { checkIstioOverlay, ISTIO_DEFAULTS, type IstioValues, type IstioValuesOverlay, mergeIstioValues } from '../istio/istio-values';
import { checkIstioValues } from '../istio/istio-values-rules';
import { renderChart, type RenderChartIo, type RenderedChart } from './render-chart';

const ABOUT = `Prints the objects Istio 1.0.7's istio chart installs on the primary as multi-document YAML: its ${ISTIO_CRDS.length}
CustomResourceDefinitions first (none with global.crds=false), then the control plane. The post-delete cleanup
hook is left out, as render-remote leaves out istio-remote's: it belongs to the uninstall step.
--name is helm template's release name. The chart uses it only for Helm's label release:, which this project
leaves out, so it changes nothing.
kubectl cannot apply a custom resource in the same apply as its CRD: apply the CRDs, wait for them to be
established (kubectl wait --for condition=established crd --all), then apply the rest.
`;

const ISTIO_CHART: RenderedChart<IstioValues> = {
  command: 'render-primary',
  about: ABOUT,
  render: (namespace, values) => {
    const app = new App();
    // The chart's global.crds: whether its templates render the CRDs (values.yaml: true for helm template).
    const crds = values.global.crds ? new ClusterCrdsChart(app, 'crds', { crds: ISTIO_CRDS }).toJson() : [];
    const chart = new Chart(app, 'istio');
    new IstioControlPlane(chart, 'istio', { namespace, values });
    return [...crds, ...chart.toJson()];
  },
  chart: 'istio',
  defaults: ISTIO_DEFAULTS,
  checkOverlay: checkIstioOverlay,
  merge: (overlay) => mergeIstioValues(overlay as IstioValuesOverlay),
  checkValues: checkIstioValues,
};

/**
 * `helm template`, for the primary's istio chart: for migration (diff against
 * the chart's output) and for a control plane installed apart from a topology.
 * Exit 2 with every problem on stderr, and nothing on stdout, on bad input.
 */
export const renderPrimary = (argv: string[], io: RenderChartIo): number => renderChart(ISTIO_CHART, argv, io);
