import { IstioControlPlane, Mixer } from '../../constructs';
import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { synthChart } from '../support/synth-chart';

const keys = (objects: readonly any[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
const controlPlane = (overlay: IstioValuesOverlay) => keys(synthChart((chart) => new IstioControlPlane(chart, 'cp', { values: mergeIstioValues(overlay) })));

describe('IstioControlPlane', () => {
  test('installs Mixer only while mixer.enabled', () => {
    // GIVEN what Mixer alone installs
    const mixer = keys(synthChart((chart) => new Mixer(chart, 'mixer')));
    // WHEN the control plane is rendered with Mixer on and off
    const on = controlPlane({});
    const off = controlPlane({ mixer: { enabled: false } });
    // THEN exactly Mixer's objects come and go
    expect(on.filter((key) => !off.includes(key))).toEqual(mixer);
    expect(off.filter((key) => !on.includes(key))).toEqual([]);
  });
});
