import type { OutputTree } from '../../output/publish';
import { synthSummary } from '../../output/summary';

const file = (path: string) => ({ path, content: '' });

describe('synthSummary', () => {
  it('names the cluster folders to apply in each published tree, with the number of files they hold', () => {
    // GIVEN the trees of a mesh of one primary and two remotes
    const trees: OutputTree[] = [
      { dir: 'dist', files: [file('primary/primary.k8s.yaml'), file('remote-east/remote-east.k8s.yaml'), file('remote-west/remote-west.k8s.yaml')] },
      { dir: 'dist-secrets', files: [] },
      { dir: 'dist-uninstall', files: [file('primary/primary-cleanup.k8s.yaml'), file('remote-east/remote-east-cleanup.k8s.yaml'), file('remote-west/remote-west-cleanup.k8s.yaml')] },
    ];
    // WHEN synth summarizes them, published from a staging folder
    const lines = synthSummary(trees, 'cdk8s.out');
    // THEN every line names real folders, the empty tree is left out, and the staging copies are called what they are
    expect(lines).toEqual([
      'synth: wrote 3 files in dist/primary/, dist/remote-east/, dist/remote-west/',
      'synth: wrote 3 files in dist-uninstall/primary/, dist-uninstall/remote-east/, dist-uninstall/remote-west/',
      'synth: the cdk8s.out/ paths cdk8s lists next are staging copies: apply the folders above',
    ]);
  });

  it('names the first folders and the last of a large mesh, and says how many there are', () => {
    const clusters = Array.from({ length: 1000 }, (_, i) => `remote-${i + 1}`);
    const [line] = synthSummary([{ dir: 'out/dist', files: clusters.map((c) => file(`${c}/${c}.k8s.yaml`)) }]);
    expect(line).toBe('synth: wrote 1000 files in out/dist/remote-1/, out/dist/remote-2/, out/dist/remote-3/, ... out/dist/remote-1000/ (1000 folders)');
  });

  it('names a file beside the cluster folders, such as the overview, after them', () => {
    const clusters = Array.from({ length: 1000 }, (_, i) => `remote-${i + 1}`);
    const [line] = synthSummary([{ dir: 'dist', files: [...clusters.map((c) => file(`${c}/${c}.k8s.yaml`)), file('MESH.md')] }]);
    expect(line).toBe('synth: wrote 1001 files in dist/remote-1/, dist/remote-2/, dist/remote-3/, ... dist/remote-1000/ (1000 folders), dist/MESH.md');
  });

  it('says "1 file", and adds no staging note when the output was written in place', () => {
    expect(synthSummary([{ dir: 'out', files: [file('primary/primary.k8s.yaml')] }])).toEqual(['synth: wrote 1 file in out/primary/']);
  });
});
