import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigPathOf, readKubeconfigs } from '../../inputs/kubeconfigs';
import { parseTopology } from '../../topology/load';

const TOPOLOGY = `controlPlane:
  pilot: 10.8.0.12
clusters:
  - {name: primary, role: primary, podCIDR: 10.8.0.0/16, serviceCIDR: 10.96.0.0/16, apiServer: "https://p:6443"}
  - {name: east, role: remote, podCIDR: 10.9.0.0/16, serviceCIDR: 10.97.0.0/16, apiServer: "https://e:6443", context: ctx-east}
  - {name: west, role: remote, podCIDR: 10.10.0.0/16, serviceCIDR: 10.98.0.0/16, apiServer: "https://w:6443", kubeconfig: creds/west.yaml}
`;

describe('readKubeconfigs', () => {
  const { topology } = parseTopology(TOPOLOGY, 'mesh.yaml');

  it('defaults each remote\'s kubeconfig to secrets/<name>.kubeconfig', () => {
    const east = topology.clusters[1];
    expect(east.role === 'remote' && kubeconfigPathOf(east)).toBe('secrets/east.kubeconfig');
  });

  it('reads the kubeconfigs that exist, relative to the topology folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeconfigs-'));
    mkdirSync(join(dir, 'creds'));
    writeFileSync(join(dir, 'creds', 'west.yaml'), 'west-kubeconfig');
    const { kubeconfigs, findings } = readKubeconfigs(topology, dir);
    expect([...kubeconfigs]).toEqual([['west', 'west-kubeconfig']]);
    // THEN the missing one is a warning naming the command that creates it
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['clusters', 1, 'kubeconfig'],
        severity: 'warning',
        hint: expect.stringContaining('npm run --silent mesh -- kubeconfig --cluster east --context ctx-east'),
      }),
    ]);
  });
});
