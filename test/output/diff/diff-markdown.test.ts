import { formatDiffMarkdown, MARKDOWN_LIMIT_BYTES } from '../../../output/diff/diff-markdown';
import { diffMeshOutputs, type OutputText } from '../../../output/diff/mesh-diff';
import { SAMPLE_LABELS, sampleDiff } from '../../support/mesh-diff-fixture';

describe('formatDiffMarkdown', () => {
  it('starts with a summary table of the changed clusters, then one collapsed section per cluster', () => {
    const markdown = formatDiffMarkdown(sampleDiff(), SAMPLE_LABELS);
    expect(markdown).toMatchSnapshot();
    expect(markdown.indexOf('| remote-east | 2 | 1 | 1 |')).toBeLessThan(markdown.indexOf('<details>'));
    expect(markdown).toContain('1 other cluster unchanged.');
    expect(markdown).toContain('- `data.mesh.defaultConfig.discoveryAddress`: `"10.8.0.12:15007"` → `"10.8.3.12:15007"`');
    expect(markdown).toContain('    ```diff\n    @@ -3 +3 @@\n    -  image: proxy_init:1.0.6\n    +  image: proxy_init:1.0.7\n    ```');
  });

  it('stays under 64 KiB for a large diff, and says what it left out', () => {
    // GIVEN 300 clusters whose every object changed, far more than a comment holds
    const cm = (value: string) =>
      Array.from({ length: 10 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: istio-system\ndata:\n  value: "${value.repeat(20)}"\n`).join('');
    const side = (value: string): OutputText[] =>
      Array.from({ length: 300 }, (_, i) => ({ set: 'apply', path: `remote-${String(i).padStart(3, '0')}/r.yaml`, content: cm(value), source: 'x' }));
    const diff = diffMeshOutputs(side('old'), side('new'), ['apply']);
    // WHEN formatted
    const markdown = formatDiffMarkdown(diff, SAMPLE_LABELS);
    // THEN it fits, every opened section is closed, and the last line counts what is missing
    expect(Buffer.byteLength(markdown)).toBeLessThan(MARKDOWN_LIMIT_BYTES);
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
    const shown = markdown.split('- **changed**').length - 1;
    expect(markdown).toMatch(new RegExp(`\\*\\*Truncated\\*\\* to stay under 64 KiB: ${3000 - shown} changed objects left out, in \\d+ clusters \\(remote-\\d+, .*, and \\d+ more\\)\\. Run \`npm run --silent mesh -- diff HEAD\` for the whole diff\\.\\n$`));
  });

  it('keeps values with backticks and pipes inside their code spans', () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: '${v}'\n`;
    const diff = diffMeshOutputs([{ set: 'apply', path: 'c/a.yaml', content: cm('a`b|c'), source: 'x' }], [{ set: 'apply', path: 'c/a.yaml', content: cm('d'), source: 'x' }], ['apply']);
    expect(formatDiffMarkdown(diff, SAMPLE_LABELS)).toContain('- `data.a`: ``"a`b|c"`` → `"d"`');
  });
});
