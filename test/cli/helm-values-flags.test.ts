import { mergeMaps, placeFinding, readHelmValues, type HelmValueFlags } from '../../cli/helm-values-flags';

function read(flags: HelmValueFlags, files: Record<string, string> = {}, stdin?: string) {
  return readHelmValues(flags, {
    readFile: (path) => {
      if (!(path in files)) {
        throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      }
      return files[path];
    },
    readStdin: () => stdin ?? '',
  });
}

describe('readHelmValues', () => {
  test('merges files, then each strvals flag group, keeping nulls for the merge over the chart', () => {
    // GIVEN a file and flags
    const files = { 'a.yaml': 'a:\n  keep: 1\n  list: [x, y]\nb: 2\n' };
    // WHEN read
    const { values, findings } = read({ values: ['a.yaml'], set: ['a.list[1]=z,b=null'], 'set-json': ['a.json={"n":1}'] }, files);
    // THEN --set parsed into the file's values; null stays for later
    expect(findings).toEqual([]);
    expect(values).toEqual({ a: { keep: 1, list: ['x', 'z'], json: { n: 1 } }, b: null });
  });

  test('reads - from standard input', () => {
    expect(read({ values: ['-'] }, {}, 'a: 1\n').values).toEqual({ a: 1 });
  });

  test('places a finding at the file line that set the value, or at the latest flag that did', () => {
    // GIVEN a file and a flag that set different keys
    const files = { 'v.yaml': 'global:\n  hub: x\n  tag: y\n' };
    const { overlays } = read({ values: ['v.yaml'], set: ['global.tag=z'] }, files);
    const at = (path: (string | number)[]) => placeFinding({ path, problem: 'p', hint: 'h' }, overlays, 'defaults').source;
    // THEN each value's own source, and the fallback for a value nobody set
    expect(at(['global', 'hub'])).toBe('v.yaml:2:3');
    expect(at(['global', 'tag'])).toBe('--set global.tag=z');
    expect(at(['global', 'proxy'])).toBe('defaults');
    // a map's finding goes to the latest input that set something inside it
    expect(at(['global'])).toBe('--set global.tag=z');
  });

  test('drops the value of a finding about a value that came from --set-file', () => {
    const { overlays } = read({ 'set-file': ['a=secret.txt'] }, { 'secret.txt': 'token' });
    const placed = placeFinding({ path: ['a'], value: 'token', problem: 'is bad', hint: 'h' }, overlays, 'x');
    expect(placed).toEqual({ source: '--set-file a=secret.txt', finding: { path: ['a'], problem: 'is bad', hint: 'h' } });
  });

  test('fails when a file cannot be read, is not YAML, or is not a map, without quoting it', () => {
    const files = { 'bad.yaml': 'a: [secret\n', 'list.yaml': '- secret\n' };
    const { findings } = read({ values: ['missing.yaml', 'bad.yaml', 'list.yaml'] }, files);
    expect(findings.map((f) => `${f.source}: ${f.finding.problem}`)).toEqual([
      'missing.yaml: cannot be read (ENOENT)',
      expect.stringMatching(/^bad\.yaml:\d+:\d+: is not valid YAML \(/),
      'list.yaml: holds a list, not a map of values',
    ]);
    expect(JSON.stringify(findings)).not.toContain('secret');
  });

  test('fails when a file holds an alias without an anchor or a foreign tag, at its line, without its keys or values', () => {
    // GIVEN files whose keys and values are secret-like
    const files = { 'alias.yaml': 'secretKey:\n  hunter2: *nope\n', 'tag.yaml': 'secretKey: !foo hunter2\n' };
    // WHEN read
    const { values, findings } = read({ values: ['alias.yaml', 'tag.yaml'] }, files);
    // THEN each is an error at its own line and column, and neither file's values are merged
    expect(findings.map((f) => `${f.source}: ${f.finding.problem}`)).toEqual([
      'alias.yaml:2:12: the YAML alias *nope has no anchor &nope before it',
      "tag.yaml:1:17: the YAML tag !foo is not one of the core schema's",
    ]);
    expect(findings.map((f) => f.finding.path)).toEqual([[], []]);
    expect(values).toEqual({});
    expect(JSON.stringify(findings)).not.toMatch(/secretKey|hunter2/);
  });
});

describe('mergeMaps', () => {
  test('merges maps key by key; a list, a scalar or a null replaces', () => {
    expect(mergeMaps({ a: { b: 1, c: 2 }, l: [1], n: 1 }, { a: { c: 3 }, l: [2], n: null })).toEqual({ a: { b: 1, c: 3 }, l: [2], n: null });
  });
});
