import { Chart, Testing } from 'cdk8s';
import { PILOT_DISCOVERY_PORTS, PilotSelectorlessService } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('PilotSelectorlessService', () => {
  test('emits a headless Service without selector and Endpoints at the Pilot IP', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new PilotSelectorlessService(chart, 'pilot', { remotePilotAddress: '10.8.0.12' }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const service = objectOf(objects, 'Service', 'istio-pilot');
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.selector).toBeUndefined();
    const endpoints = objectOf(objects, 'Endpoints', 'istio-pilot');
    expect(endpoints.subsets[0].addresses).toEqual([{ ip: '10.8.0.12' }]);
  });

  test('exposes the seven discovery ports on both objects', () => {
    const objects = synthChart((chart) => new PilotSelectorlessService(chart, 'pilot', { namespace: 'mesh', remotePilotAddress: 'fd00::12' }));
    const ports = PILOT_DISCOVERY_PORTS.map(({ name, port }) => ({ name, port }));
    expect(ports.map((p) => p.port)).toEqual([15003, 15005, 15007, 15010, 15011, 8080, 9093]);
    expect(objectOf(objects, 'Service', 'istio-pilot').spec.ports).toEqual(ports);
    expect(objectOf(objects, 'Endpoints', 'istio-pilot').subsets[0].ports).toEqual(ports);
    expect(objectOf(objects, 'Endpoints', 'istio-pilot').metadata.namespace).toBe('mesh');
  });

  test('fails when the Pilot address is a host name', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new PilotSelectorlessService(chart, 'pilot', { remotePilotAddress: 'pilot.example.com' })).toThrow(
      /"pilot\.example\.com" is not an IP address, but Endpoints take only IPs/,
    );
  });
});
