import { meshServiceNamespaces } from '../../plan/mesh-services';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';

describe('meshServiceNamespaces', () => {
  it('lists each namespace of the mesh services once, sorted', () => {
    // GIVEN
    const service = (name: string, namespace: string) => ({ name, namespace, ports: [{ port: 80 }], selector: { app: name } });
    const topology = exposureTopology(CONTROL_PLANES.podIP, {
      services: [service('reviews', 'bookinfo'), service('api', 'accounts'), service('ratings', 'bookinfo')],
    });

    // WHEN
    const namespaces = meshServiceNamespaces(topology);

    // THEN
    expect(namespaces).toEqual(['accounts', 'bookinfo']);
  });

  it('is empty without services', () => {
    // GIVEN / WHEN / THEN
    expect(meshServiceNamespaces(exposureTopology(CONTROL_PLANES.podIP))).toEqual([]);
  });
});
