import { MixerConfig } from '../../constructs';
import { mixerConfigResources } from '../../istio/mixer-config';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('MixerConfig', () => {
  test('emits every mixer configuration object of the chart in the namespace', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new MixerConfig(chart, 'config', { namespace: 'mesh' }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(
      mixerConfigResources('mesh').map((r) => `${r.kind}/mesh/${r.name}`),
    );
    expect(objects.every((o) => o.apiVersion === 'config.istio.io/v1alpha2')).toBe(true);
    expect(objectOf(objects, 'kubernetesenv', 'handler').spec).toBeNull();
    expect(objectOf(objects, 'prometheus', 'handler').spec.metrics[0].instance_name).toBe('requestcount.metric.mesh');
  });
});
