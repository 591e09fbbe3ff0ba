import { CONTROL_PLANE_SERVICES, controlPlaneGatewayPorts } from '../../istio/control-plane-services';

describe('CONTROL_PLANE_SERVICES', () => {
  it('gives every gateway port to one Service port only', () => {
    // GIVEN
    const ports = controlPlaneGatewayPorts();

    // WHEN
    const repeated = ports.filter((p, i) => ports.indexOf(p) !== i);

    // THEN
    expect(repeated).toEqual([]);
    expect(ports).toEqual([8080, 9091, 9411, 15003, 15004, 15005, 15007, 15010, 15011, 19091, 25004]);
  });

  it('names every port once within its Service, as Kubernetes requires', () => {
    // GIVEN / WHEN
    const clashes = CONTROL_PLANE_SERVICES.filter((s) => new Set(s.ports.map((p) => p.name)).size !== s.ports.length);

    // THEN
    expect(clashes).toEqual([]);
  });
});
