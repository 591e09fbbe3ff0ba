import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isClusterOutputFile } from '../../output/diff/mesh-diff';
import { outputLayout } from '../../output/layout';
import { OVERVIEW_FILE } from '../../output/mesh-overview';
import { synthesizeMesh } from '../../output/synthesize';
import { parseTopology } from '../../topology/load';

const EXAMPLE = parseTopology(readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8'), 'mesh.yaml').topology;
const LAYOUT = outputLayout('dist');

describe('synthesizeMesh', () => {
  const trees = synthesizeMesh(EXAMPLE, { kubeconfigs: new Map(), caBundles: new Map() }, LAYOUT);

  it('writes the overview at the top of the apply folder, and nothing else outside its cluster folders', () => {
    // GIVEN / WHEN the example mesh's output
    const apply = trees.find((t) => t.dir === LAYOUT.apply)!;
    // THEN every file but MESH.md is YAML in a cluster's folder, so `kubectl apply -f dist/<cluster>/` takes each folder whole
    expect(apply.files.filter((f) => !f.path.includes('/')).map((f) => f.path)).toEqual([OVERVIEW_FILE]);
    expect(apply.files.filter((f) => f.path !== OVERVIEW_FILE).every((f) => isClusterOutputFile(f.path))).toBe(true);
    expect(apply.files.find((f) => f.path === OVERVIEW_FILE)?.content).toMatch(/^# Mesh overview\n/);
  });

  it('adds the overview to no other tree', () => {
    const others = trees.filter((t) => t.dir !== LAYOUT.apply).flatMap((t) => t.files);
    expect(others.filter((f) => f.path === OVERVIEW_FILE)).toEqual([]);
    expect(others.every((f) => f.path.split('/').length === 2)).toBe(true);
  });

  it('writes the committed output for the example mesh', () => {
    const apply = trees.find((t) => t.dir === LAYOUT.apply)!;
    for (const file of apply.files) {
      expect({ path: file.path, content: file.content }).toEqual({ path: file.path, content: readFileSync(join(__dirname, '..', '..', 'dist', file.path), 'utf8') });
    }
  });
});
