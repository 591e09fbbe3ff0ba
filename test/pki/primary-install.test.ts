import { parse } from 'yaml';
import { primaryHelmTemplateCommand, primaryValuesOverlay } from '../../pki/primary-install';
import { secureTopology } from '../support/secure-topology';

describe('primaryValuesOverlay', () => {
  it('sets mTLS, control-plane security and the CA mode as the remotes have them', () => {
    // GIVEN a mesh with mTLS, control-plane security and a shared CA
    const topology = secureTopology();

    // WHEN
    const overlay = primaryValuesOverlay(topology);

    // THEN
    expect(overlay).toMatchSnapshot();
    expect(parse(overlay)).toEqual({
      global: { hub: 'docker.io/istio', tag: '1.0.7', controlPlaneSecurityEnabled: true, mtls: { enabled: true } },
      security: { selfSigned: false },
    });
  });

  it('keeps the chart defaults of a plain mesh', () => {
    const topology = secureTopology((t) => {
      t.istio = { namespace: 'istio-system', hub: 'registry.example.com/istio', tag: '1.0.6', ca: { selfSigned: true } };
      t.clusters.forEach((c) => delete c.cacerts);
    });

    expect(parse(primaryValuesOverlay(topology))).toEqual({
      global: { hub: 'registry.example.com/istio', tag: '1.0.6', controlPlaneSecurityEnabled: false, mtls: { enabled: false } },
      security: { selfSigned: true },
    });
  });
});

describe('primaryHelmTemplateCommand', () => {
  it('renders the istio chart of the release into istio.yaml with the overlay, in the mesh namespace', () => {
    const topology = secureTopology((t) => {
      t.istio.namespace = 'mesh-system';
    });

    expect(primaryHelmTemplateCommand(topology, 'dist-install/primary/istio-values.yaml')).toBe(
      'helm template install/kubernetes/helm/istio --name istio --namespace mesh-system --values dist-install/primary/istio-values.yaml > istio.yaml',
    );
  });

  it('quotes paths the shell would split', () => {
    expect(primaryHelmTemplateCommand(secureTopology(), "/home/o'neil/my mesh/values.yaml", 'out put.yaml')).toBe(
      "helm template install/kubernetes/helm/istio --name istio --namespace istio-system --values '/home/o'\\''neil/my mesh/values.yaml' > 'out put.yaml'",
    );
  });
});
