import { describeCounts, describeDiff, describeFieldValues, diffTotals, renderValue, setSuffix } from '../../../output/diff/diff-wording';
import { SAMPLE_LABELS, sampleDiff } from '../../support/mesh-diff-fixture';

describe('diff wording', () => {
  it('totals the clusters', () => {
    expect(diffTotals(sampleDiff())).toEqual({ added: 1, removed: 1, changed: 2, clusters: 2, clustersChanged: 1 });
  });

  it('names the non-zero counts, changes first', () => {
    expect(describeCounts({ added: 1, removed: 0, changed: 2 })).toBe('2 changed, 1 added');
    expect(describeCounts({ added: 0, removed: 0, changed: 0 })).toBe('no changes');
  });

  it('gives a headline with both sides and the scope', () => {
    expect(describeDiff(sampleDiff(), SAMPLE_LABELS)).toBe('mesh diff HEAD → working tree: 4 objects differ (2 changed, 1 added, 1 removed) in 1 of 2 clusters');
  });

  it('says "1 object differs" for one', () => {
    const one = { sets: ['apply' as const], clusters: [{ cluster: 'c', added: 1, removed: 0, changed: 0, objects: [{ identity: { cluster: 'c', set: 'apply' as const, group: '', kind: 'Namespace', namespace: '', name: 'n' }, change: 'added' as const, fields: [] }] }] };
    expect(describeDiff(one, SAMPLE_LABELS)).toBe('mesh diff HEAD → working tree: 1 object differs (1 added) in 1 of 1 cluster');
  });

  it('renders values as JSON, cut with an ellipsis', () => {
    expect(renderValue('a')).toBe('"a"');
    expect(renderValue({ a: 'bcdefgh' }, 8)).toBe('{"a":"b…');
    expect(describeFieldValues({ path: [], change: 'added', new: 1 }, Infinity, (v) => `<${v}>`)).toBe('added <1>');
    expect(describeFieldValues({ path: [], change: 'reordered', old: ['a', 'b'], new: ['b', 'a'] })).toBe('reordered ["a","b"] → ["b","a"]');
  });

  it('marks objects outside the apply tree', () => {
    const identity = { cluster: 'c', group: '', kind: 'Job', namespace: 'n', name: 'j' };
    expect(setSuffix({ ...identity, set: 'apply' })).toBe('');
    expect(setSuffix({ ...identity, set: 'uninstall' })).toBe(' (uninstall set)');
  });
});
