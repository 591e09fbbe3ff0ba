import type { PlainObject } from '../../lib/deep-merge';
import { HELM_MAX_INDEX, HELM_MAX_NESTING, MAX_JSON_DEPTH, parseStrvalsInto, type StrvalsFlavour } from '../../lib/helm-strvals';

const SET: StrvalsFlavour = { kind: 'set' };

/** Parses into a fresh tree (or `into`) and returns the tree with the result. */
function parse(text: string, flavour: StrvalsFlavour = SET, into: PlainObject = {}) {
  const result = parseStrvalsInto(text, into, flavour);
  return { values: into, problems: result.problems.map((p) => p.problem), assigned: result.assigned };
}

describe('parseStrvalsInto', () => {
  describe('--set', () => {
    test('builds nested maps from dotted paths, several assignments separated by commas', () => {
      // GIVEN one --set with several assignments
      const { values, problems, assigned } = parse('global.remotePilotAddress=10.8.0.12,global.mtls.enabled=true,global.tag=1.0');
      // THEN
      expect(problems).toEqual([]);
      expect(values).toEqual({ global: { remotePilotAddress: '10.8.0.12', mtls: { enabled: true }, tag: '1.0' } });
      expect(assigned).toEqual([
        ['global', 'remotePilotAddress'],
        ['global', 'mtls', 'enabled'],
        ['global', 'tag'],
      ]);
    });

    test('reads true, false and null case-insensitively, as Go strings.EqualFold does', () => {
      // WHEN the words come in any case (and with the long s, which Go folds to s)
      const { values, problems } = parse('a=TRUE,b=True,c=false,d=FaLsE,e=NULL,f=Null,g=null,h=falſe,i=truthy');
      // THEN
      expect(problems).toEqual([]);
      expect(values).toEqual({ a: true, b: true, c: false, d: false, e: null, f: null, g: null, h: false, i: 'truthy' });
    });

    test('types integers as strconv.ParseInt does, but keeps 0-leading text and non-integers as strings', () => {
      const { values, problems } = parse('a=+5,b=-5,c=0,d=007,e=0755,f=-007,g=1.5,h=1e3,i=0x10,j=9223372036854775808,k=,l=1_000');
      expect(problems).toEqual([]);
      expect(values).toEqual({ a: 5, b: -5, c: 0, d: '007', e: '0755', f: -7, g: '1.5', h: '1e3', i: '0x10', j: '9223372036854775808', k: '', l: '1_000' });
    });

    test('reads lists, list indexes with gaps, escapes and a trailing comma', () => {
      const { values, problems } = parse('secrets={a,b,true},list[2].name=x,ranges=10.0.0.0/8\\,172.16.0.0/12,dotted\\.key=1,empty={},tail=x\\,');
      expect(problems).toEqual([]);
      expect(values).toEqual({
        secrets: ['a', 'b', true],
        list: [null, null, { name: 'x' }],
        ranges: '10.0.0.0/8,172.16.0.0/12',
        'dotted.key': 1,
        // Helm reads {} as a list of one empty string.
        empty: [''],
        tail: 'x,',
      });
    });

    test('continues after a list without a comma, as Helm does', () => {
      expect(parse('a={x}b=1').values).toEqual({ a: ['x'], b: 1 });
    });

    test('parses into the values already there, later assignments winning', () => {
      // GIVEN values from an earlier file
      const into: PlainObject = { a: { b: 1, keep: true }, list: ['x', 'y'] };
      // WHEN set into
      const { values, problems } = parse('a.b=2,a.c=3,list[1]=z', SET, into);
      // THEN maps merge key by key and list items are replaced in place
      expect(problems).toEqual([]);
      expect(values).toEqual({ a: { b: 2, keep: true, c: 3 }, list: ['x', 'z'] });
    });

    test('keeps __proto__ and constructor as plain keys', () => {
      // WHEN keys name Object's own properties
      const { values, problems } = parse('__proto__.polluted=1,constructor.name=x');
      // THEN they are data, and Object.prototype is untouched
      expect(problems).toEqual([]);
      expect(Object.keys(values)).toEqual(['__proto__', 'constructor']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    test(`accepts index ${HELM_MAX_INDEX} and ${HELM_MAX_NESTING} levels of nesting, Helm's limits`, () => {
      expect(parse(`a[${HELM_MAX_INDEX}]=x`).problems).toEqual([]);
      expect(parse(`${'a.'.repeat(HELM_MAX_NESTING)}b=1`).problems).toEqual([]);
    });

    test('fails when a list index is above 65536, without allocating the list', () => {
      // WHEN the index would fill memory
      const { values, problems } = parse('a[100000000]=x');
      // THEN refused, as Helm refuses it
      expect(problems).toEqual(["has the list index 100000000, above Helm's maximum of 65536, at character 12"]);
      expect(values).toEqual({});
    });

    test('fails when names nest deeper than 30 levels', () => {
      expect(parse(`${'a.'.repeat(HELM_MAX_NESTING + 1)}b=1`).problems[0]).toMatch(/^nests deeper than 30 levels/);
    });

    test('fails when list indexes nest deeper than 30 levels, which would otherwise recurse without bound', () => {
      expect(parse(`a${'[0]'.repeat(HELM_MAX_NESTING + 1)}=1`).problems[0]).toMatch(/^nests deeper than 30 levels/);
      expect(parse(`a${'[0]'.repeat(HELM_MAX_NESTING)}=1`).problems).toEqual([]);
    });

    test('fails when an integer is 64-bit but beyond what JavaScript holds exactly', () => {
      expect(parse('a=9007199254740993').problems[0]).toMatch(/^sets a to 9007199254740993, which Helm reads as a 64-bit integer/);
    });

    test('fails when an assignment has no value, naming the key', () => {
      // GIVEN a value with an unescaped comma
      const result = parseStrvalsInto('global.proxy.includeIPRanges=10.0.0.0/8,172.16.0.0/12', {}, SET);
      // THEN the second part is reported as a key without a value
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0].problem).toBe('has no value for key "172.16.0.0/12"');
      expect(result.problems[0].hint).toContain('\\,');
      expect(parse('a,b=1').problems).toEqual(['has no value for key "a" at character 2']);
      expect(parse('a[0]').problems).toEqual(['has no value for a[0]']);
    });

    test('fails when a key segment is empty', () => {
      expect(parse('global..hub=x').problems[0]).toMatch(/^has an empty key at character 8/);
      expect(parse('=x').problems[0]).toMatch(/^has an empty key/);
      expect(parse('a=1,,b=2').problems[0]).toMatch(/^has an empty key/);
    });

    test('fails when a list index is not an integer, negative, or not closed', () => {
      expect(parse('a[x]=1').problems[0]).toMatch(/^has a bad list index "x"/);
      expect(parse('a[-1]=1').problems[0]).toMatch(/^has a negative list index -1/);
      expect(parse('a[1').problems[0]).toMatch(/^has a list index with no closing \]/);
      expect(parse('a[0]x=1').problems[0]).toMatch(/^has unexpected text "x" after the list index/);
    });

    test('fails when a list is not closed', () => {
      expect(parse('a={x,y').problems[0]).toMatch(/^has a list with no closing \} for a/);
    });

    test('fails when a key set as a value is then used as a map or a list', () => {
      // GIVEN a value from earlier input
      const into: PlainObject = { global: { hub: 'x' } };
      // THEN Helm's "interface conversion" failure, in words
      expect(parse('global.hub.name=y', SET, into).problems[0]).toMatch(/^is already a string from an earlier file or flag, so it cannot also be a map/);
      expect(parse('global.hub[0]=y', SET, into).problems[0]).toMatch(/cannot also be a list/);
      expect(parse('a=null,a.b=1').problems[0]).toMatch(/^is already null/);
      // the earlier value is never quoted: it may come from a file
      expect(parseStrvalsInto('a.b=1', { a: 'secret' }, SET).problems[0]).toMatchObject({ setEarlier: true });
      expect(JSON.stringify(parseStrvalsInto('a.b=1', { a: 'secret' }, SET))).not.toContain('secret');
    });

    test('fails when the argument is empty', () => {
      expect(parse('').problems).toEqual(['is empty']);
    });
  });

  describe('--set-string', () => {
    test('keeps every value a string, list items too', () => {
      expect(parse('a=true,b=9125,c=null,d={1,false}', { kind: 'set-string' }).values).toEqual({ a: 'true', b: '9125', c: 'null', d: ['1', 'false'] });
    });
  });

  describe('--set-json', () => {
    const JSON_FLAVOUR: StrvalsFlavour = { kind: 'set-json' };

    test('reads each value as JSON; an empty value is null', () => {
      const { values, problems } = parse('a={"b":[1,"x,y"],"c":{"d":null}},e=,f= "text" ,g=true,h[1]=2', JSON_FLAVOUR);
      expect(problems).toEqual([]);
      expect(values).toEqual({ a: { b: [1, 'x,y'], c: { d: null } }, e: null, f: 'text', g: true, h: [null, 2] });
    });

    test('fails when a value is not JSON, without quoting it', () => {
      const result = parseStrvalsInto('a={"b":secret}', {}, JSON_FLAVOUR);
      expect(result.problems[0].problem).toBe('has a JSON value for a at character 3 that is not valid JSON');
      expect(parse('a=[1,2', JSON_FLAVOUR).problems[0]).toMatch(/^has an unclosed \{ or \[ in the JSON value of a/);
      expect(parse('a="x', JSON_FLAVOUR).problems[0]).toMatch(/^has an unterminated string/);
    });

    test(`fails when a value nests deeper than ${MAX_JSON_DEPTH} levels`, () => {
      expect(parse(`a=${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, JSON_FLAVOUR).problems[0]).toMatch(/more than 1000 levels of nesting/);
    });
  });

  describe('--set-literal', () => {
    test('takes everything after the first = as the value, commas and backslashes included', () => {
      expect(parse('a.b=x,c=d\\e', { kind: 'set-literal' }).values).toEqual({ a: { b: 'x,c=d\\e' } });
      expect(parse('list[1]=null', { kind: 'set-literal' }).values).toEqual({ list: [null, 'null'] });
    });
  });

  describe('--set-file', () => {
    const files: Record<string, string> = { 'cert.pem': '-----BEGIN CERTIFICATE-----\nsecret\n' };
    const FILE_FLAVOUR: StrvalsFlavour = {
      kind: 'set-file',
      readFile: (path) => (path in files ? { text: files[path] } : { problem: 'cannot be read (ENOENT)' }),
    };

    test("replaces each value, list items included, with that file's text", () => {
      expect(parse('a=cert.pem,b={cert.pem}', FILE_FLAVOUR).values).toEqual({ a: files['cert.pem'], b: [files['cert.pem']] });
    });

    test('fails when a file cannot be read, naming the path only', () => {
      const result = parseStrvalsInto('a=cert.pem,b=missing.pem', {}, FILE_FLAVOUR);
      expect(result.problems.map((p) => p.problem)).toEqual(['names the file "missing.pem" for b, which cannot be read (ENOENT)']);
      expect(JSON.stringify(result)).not.toContain('secret');
    });
  });
});
