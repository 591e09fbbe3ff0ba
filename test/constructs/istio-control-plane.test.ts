import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { IstioControlPlane, Mixer } from '../../constructs';
import { synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const render = (overlay: IstioValuesOverlay = {}, namespace?: string) =>
  synthChart((chart) => new IstioControlPlane(chart, 'primary', { namespace, values: mergeIstioValues(overlay) }));
const keys = (objects: readonly any[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('IstioControlPlane: mesh config, injector config and security', () => {
  test('writes the mesh and injector ConfigMaps, Citadel and a permissive MeshPolicy by default', () => {
    // GIVEN / WHEN the chart defaults
    const objects = render();
    // THEN
    validateAgainstK8s(objects);
    expect(keys(objects)).toEqual(
      expect.arrayContaining([
        'ConfigMap/istio-system/istio',
        'ConfigMap/istio-system/istio-sidecar-injector',
        'Deployment/istio-system/istio-citadel',
        'MeshPolicy//default',
      ]),
    );
    // no mTLS DestinationRules (Mixer's istio-policy and istio-telemetry ones are Mixer's own)
    expect(keys(objects).filter((key) => key.startsWith('DestinationRule/') && !/\/istio-(policy|telemetry)$/.test(key))).toEqual([]);
  });

  test('adds the mTLS DestinationRules, in the release namespace, with global.mtls.enabled', () => {
    const objects = render({ global: { mtls: { enabled: true } } }, 'mesh');
    validateAgainstK8s(objects);
    expect(keys(objects)).toEqual(expect.arrayContaining(['MeshPolicy//default', 'DestinationRule/mesh/default', 'DestinationRule/mesh/api-server']));
  });

  test('leaves Citadel and the mesh policy out with security.enabled false', () => {
    const objects = keys(render({ security: { enabled: false } }));
    expect(objects.filter((key) => key.includes('citadel') || key.startsWith('MeshPolicy/'))).toEqual([]);
    expect(objects).toContain('ConfigMap/istio-system/istio');
  });

  test('leaves the injector ConfigMap out with global.omitSidecarInjectorConfigMap', () => {
    expect(keys(render({ global: { omitSidecarInjectorConfigMap: true } }))).not.toContain('ConfigMap/istio-system/istio-sidecar-injector');
  });

  test('labels both ConfigMaps with nameOverride', () => {
    const objects = render({ nameOverride: 'mesh' }).filter((o) => o.kind === 'ConfigMap' && ['istio', 'istio-sidecar-injector'].includes(o.metadata.name));
    expect(objects.map((o) => o.metadata.labels.app)).toEqual(['mesh', 'mesh']);
  });
});

describe('IstioControlPlane: Mixer', () => {
  test('installs Mixer only while mixer.enabled', () => {
    // GIVEN what Mixer alone installs
    const mixer = keys(synthChart((chart) => new Mixer(chart, 'mixer'))).sort();
    // WHEN the control plane is rendered with Mixer on and off
    const on = keys(render()).sort();
    const off = keys(render({ mixer: { enabled: false } })).sort();
    // THEN exactly Mixer's objects come and go
    expect(on.filter((key) => !off.includes(key))).toEqual(mixer);
    expect(off.filter((key) => !on.includes(key))).toEqual([]);
  });
});
