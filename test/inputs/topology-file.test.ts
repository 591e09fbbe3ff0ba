import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, topologyPath } from '../../inputs/topology-file';
import { parseTopology } from '../../topology/load';
import { VALID } from '../support/valid-topology';


function edit(from: string, to: string): string {
  if (!VALID.includes(from)) {
    throw new Error(`test bug: ${from} is not in the base topology`);
  }
  return VALID.replace(from, to);
}

describe('loadTopology', () => {
  it('fails when the file does not exist, naming it', () => {
    expect(() => loadTopology('/nonexistent/mesh.yaml')).toThrow(/\/nonexistent\/mesh\.yaml: cannot read the topology file \(no such file\)/);
  });

  it('runs every check synth runs by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topology-'));
    writeFileSync(join(dir, 'mesh.yaml'), edit('    host: 10.8.0.15\n', ''));
    expect(() => loadTopology(join(dir, 'mesh.yaml'))).toThrow(/controlPlane\.statsd\.host: is missing while statsd is enabled/);
    // parseTopology alone checks the shape and the cross-cluster rules only
    expect(() => parseTopology(edit('    host: 10.8.0.15\n', ''), 'mesh.yaml')).not.toThrow();
  });

  it('reads a file and records its folder for relative paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topology-'));
    writeFileSync(join(dir, 'mesh.yaml'), VALID);
    const loaded = loadTopology(join(dir, 'mesh.yaml'));
    expect(loaded.dir).toBe(dir);
    expect(loaded.topology.clusters.map((c) => c.name)).toEqual(['primary', 'remote-1']);
  });
});

describe('topologyPath', () => {
  it('defaults to mesh.yaml', () => {
    expect(topologyPath({})).toBe('mesh.yaml');
  });
  it('follows MESH_TOPOLOGY', () => {
    expect(topologyPath({ MESH_TOPOLOGY: 'other/mesh.yaml' })).toBe('other/mesh.yaml');
  });
});
