import { alignSequences } from '../../lib/sequence-alignment';

describe('alignSequences', () => {
  it('keeps every item of equal sequences', () => {
    expect(alignSequences(['a', 'b'], ['a', 'b'])).toEqual([
      { op: 'keep', oldIndex: 0, newIndex: 0 },
      { op: 'keep', oldIndex: 1, newIndex: 1 },
    ]);
  });

  it('reports an insertion in the middle as one addition', () => {
    // GIVEN a sequence with one item inserted
    const steps = alignSequences(['a', 'b', 'c', 'd'], ['a', 'b', 'x', 'c', 'd']);
    // THEN only that item is added, every other one kept
    expect(steps.filter((s) => s.op !== 'keep')).toEqual([{ op: 'add', newIndex: 2 }]);
  });

  it('finds the longest common subsequence, removals before additions', () => {
    const steps = alignSequences(['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'z', 'c']);
    expect(steps).toEqual([
      { op: 'keep', oldIndex: 0, newIndex: 0 },
      { op: 'remove', oldIndex: 1 },
      { op: 'keep', oldIndex: 2, newIndex: 1 },
      { op: 'remove', oldIndex: 3 },
      { op: 'add', newIndex: 2 },
      { op: 'keep', oldIndex: 4, newIndex: 3 },
    ]);
  });

  it('uses the given equality', () => {
    const steps = alignSequences([{ v: 1 }], [{ v: 1 }], (a, b) => a.v === b.v);
    expect(steps).toEqual([{ op: 'keep', oldIndex: 0, newIndex: 0 }]);
  });

  it('reports the middle as replaced when aligning it would take a table too large', () => {
    // GIVEN two sequences of 3000 distinct items that share only their ends
    const before = ['start', ...Array.from({ length: 3000 }, (_, i) => `old-${i}`), 'end'];
    const after = ['start', ...Array.from({ length: 3000 }, (_, i) => `new-${i}`), 'end'];
    // WHEN aligned
    const steps = alignSequences(before, after);
    // THEN the ends are kept and the middle is removed, then added, without a 9-million-cell table
    expect(steps.filter((s) => s.op === 'keep')).toHaveLength(2);
    expect(steps.filter((s) => s.op === 'remove')).toHaveLength(3000);
    expect(steps.filter((s) => s.op === 'add')).toHaveLength(3000);
  });
});
