import { meshTopologySchema, type MeshTopology, type MeshTopologyInput } from '../../topology/schema';

/**
 * A valid topology with mTLS and control-plane security on and a shared CA:
 * one primary and two remotes, each with cacerts under `pki/<name>/`.
 * `edit` changes the input before defaults apply, so tests state only what differs.
 */
export function secureTopology(edit: (input: SecureInput) => void = () => undefined): MeshTopology {
  const input: SecureInput = {
    istio: {
      namespace: 'istio-system',
      mtlsEnabled: true,
      controlPlaneSecurityEnabled: true,
      ca: { selfSigned: false, rootCert: 'pki/root-cert.pem' },
    },
    controlPlane: { exposure: 'podIP', pilot: '10.8.0.12', policy: '10.8.0.13', telemetry: '10.8.0.14' },
    clusters: ['primary', 'remote-east', 'remote-west'].map((name, i) => ({
      name,
      role: i === 0 ? 'primary' : 'remote',
      podCIDR: `10.${8 + i}.0.0/16`,
      serviceCIDR: `10.${96 + i}.0.0/16`,
      apiServer: `https://${name}.k8s.example.com:6443`,
      ...(i === 0 ? {} : { pilotSelectorlessService: true }),
      cacerts: { caCert: `pki/${name}/ca-cert.pem`, caKey: `pki/${name}/ca-key.pem`, certChain: `pki/${name}/cert-chain.pem` },
    })),
  };
  edit(input);
  return meshTopologySchema.parse(input);
}

/** The input with the nested objects tests edit spelled out, so edits type-check. */
export type SecureInput = Omit<MeshTopologyInput, 'istio' | 'clusters' | 'controlPlane'> & {
  istio: NonNullable<MeshTopologyInput['istio']> & { ca: { selfSigned?: boolean; rootCert?: string } };
  controlPlane: MeshTopologyInput['controlPlane'];
  clusters: Record<string, unknown>[];
};
