import { diffLines } from '../../lib/line-diff';

describe('diffLines', () => {
  it('finds nothing in equal texts', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('reports a changed line as one run, with 1-based line numbers on both sides', () => {
    // GIVEN a template whose third line changed
    const before = 'containers:\n- name: istio-proxy\n  image: proxyv2:1.0.6\n  args:\n';
    const after = 'containers:\n- name: istio-proxy\n  image: proxyv2:1.0.7\n  args:\n';
    // THEN that line alone is reported
    expect(diffLines(before, after)).toEqual([{ oldLine: 3, newLine: 3, removed: ['  image: proxyv2:1.0.6'], added: ['  image: proxyv2:1.0.7'] }]);
  });

  it('gives separate runs for separate edits, and places an insertion by the lines around it', () => {
    const hunks = diffLines('1\n2\n3\n4\n5', '1\nnew\n2\n3\n4\nfive');
    expect(hunks).toEqual([
      { oldLine: 2, newLine: 2, removed: [], added: ['new'] },
      { oldLine: 5, newLine: 6, removed: ['5'], added: ['five'] },
    ]);
  });
});
