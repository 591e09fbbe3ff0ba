import { parseDocument } from 'yaml';
import { yamlToJs } from '../../lib/yaml-to-js';

/** yamlToJs over text; the located, topology-level messages are tested in test/topology/load.test.ts. */
function plain(text: string, maxAliasCount = 100) {
  return yamlToJs(parseDocument(text), maxAliasCount);
}

describe('yamlToJs', () => {
  it('returns the plain value of a document with core tags and resolvable aliases', () => {
    expect(plain('a: &x !!str 1\nb: *x\nc: !!int 2\n')).toEqual({ value: { a: '1', b: '1', c: 2 } });
  });

  it('fails when an alias has no anchor before it, at the alias, with its field', () => {
    expect(plain('a:\n  - 1\n  - *later\nb: &later 2\n')).toEqual({
      problems: [expect.objectContaining({ offset: 13, path: ['a', 1], problem: 'the YAML alias *later has no anchor &later before it' })],
    });
  });

  it('fails when aliases expand beyond maxAliasCount', () => {
    const result = plain('a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]\n', 3);
    expect(result).toEqual({ problems: [expect.objectContaining({ path: ['b', 0], problem: expect.stringMatching(/are expanded more than 3 times/), allowed: 'at most 3' })] });
  });

  it('fails when a node carries a tag outside the core schema, naming the tag but not the value', () => {
    const result = plain('a: !!set {x: null}\nb: !secret hunter2\n');
    expect(result).toEqual({
      problems: [
        expect.objectContaining({ path: ['a'], problem: "the YAML tag !!set is not one of the core schema's" }),
        expect.objectContaining({ path: ['b'], problem: "the YAML tag !secret is not one of the core schema's" }),
      ],
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
