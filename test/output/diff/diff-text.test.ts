import { ANSI, formatDiffText } from '../../../output/diff/diff-text';
import { diffMeshOutputs } from '../../../output/diff/mesh-diff';
import { SAMPLE_LABELS, sampleDiff } from '../../support/mesh-diff-fixture';

describe('formatDiffText', () => {
  it('prints each changed cluster, object and field, and line diffs of text', () => {
    // GIVEN a diff with a changed field, a changed template line and an added and a removed object
    // WHEN printed without colour
    const text = formatDiffText(sampleDiff(), SAMPLE_LABELS);
    // THEN it reads as below
    expect(text).toMatchSnapshot();
    expect(text).toContain('      data.mesh.defaultConfig.discoveryAddress: "10.8.0.12:15007" → "10.8.3.12:15007"\n');
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).not.toContain('primary:');
  });

  it('colours with ANSI when asked', () => {
    const text = formatDiffText(sampleDiff(), SAMPLE_LABELS, ANSI);
    expect(text).toContain('\u001b[32m  + Namespace bookinfo\u001b[0m');
    expect(text).toContain('\u001b[31m  - Namespace old-app\u001b[0m');
  });

  it('says so when nothing changed', () => {
    expect(formatDiffText(diffMeshOutputs([], [], ['apply']), SAMPLE_LABELS)).toBe('mesh diff HEAD → working tree: no changes in 0 clusters\n');
  });
});
