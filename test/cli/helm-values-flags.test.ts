import { HELM_VALUE_OPTIONS, helmValueFlags, mergeMaps, placeFinding, readHelmValues } from '../../cli/helm-values-flags';
import { parseCommandArgs } from '../../lib/command-args';

/** Reads the value flags of a command line, parsed as the commands parse theirs, with files from a map. */
function read(argv: string[], files: Record<string, string> = {}, stdin?: string) {
  const parsed = parseCommandArgs('test', argv, HELM_VALUE_OPTIONS, '');
  if ('problem' in parsed) {
    throw new Error(`bad test arguments: ${parsed.problem.problem}`);
  }
  return readHelmValues(helmValueFlags(parsed.given), {
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
    const { values, findings } = read(['-f', 'a.yaml', '--set', 'a.list[1]=z,b=null', '--set-json', 'a.json={"n":1}'], files);
    // THEN --set parsed into the file's values; null stays for later
    expect(findings).toEqual([]);
    expect(values).toEqual({ a: { keep: 1, list: ['x', 'z'], json: { n: 1 } }, b: null });
  });

  test.each([
    // Helm applies every --set, then every --set-string: the string wins over the later --set
    [['--set', 'a=1', '--set-string', 'a=x', '--set', 'a=2'], 'x'],
    [['--set', 'a=1', '--set', 'a=2'], 2],
    [['--set-string', 'a=x', '--set', 'a=2'], 'x'],
    // files first, then --set-json, --set, --set-string, --set-file, --set-literal
    [['--set-literal', 'a=lit', '--set', 'a=2', '-f', 'v.yaml', '--set-json', 'a=[3]'], 'lit'],
    [['--set', 'a=2', '-f', 'v.yaml', '--set-json', 'a=[3]'], 2],
    [['--set-json', 'a=[3]', '-f', 'v.yaml'], [3]],
    [['--set-file', 'a=a.txt', '--set-string', 'a=x', '--set-json', 'a=[3]'], 'from a.txt'],
    // each kind keeps the command line's order: the later file wins
    [['-f', 'w.yaml', '-f', 'v.yaml'], 'from v.yaml'],
    [['-f', 'v.yaml', '-f', 'w.yaml'], 'from w.yaml'],
  ])('applies %j in Helm 3 order, giving a = %j', (argv, expected) => {
    // GIVEN two files and a text file that all set a
    const files = { 'v.yaml': 'a: from v.yaml\n', 'w.yaml': 'a: from w.yaml\n', 'a.txt': 'from a.txt' };
    // WHEN read
    const { values, findings } = read(argv, files);
    // THEN the flag Helm applies last wins
    expect(findings).toEqual([]);
    expect(values).toEqual({ a: expected });
  });

  test('places a finding at the flag Helm applied last, not the one given last', () => {
    // GIVEN a --set given before the file that sets the same key
    const files = { 'v.yaml': 'global:\n  tag: y\n' };
    const { overlays } = read(['--set', 'global.tag=z', '-f', 'v.yaml'], files);
    // THEN the --set, which Helm applies after every file, is where the value came from
    expect(placeFinding({ path: ['global', 'tag'], problem: 'p', hint: 'h' }, overlays, 'defaults').source).toBe('--set global.tag=z');
  });

  test('reads - from standard input', () => {
    expect(read(['-f', '-'], {}, 'a: 1\n').values).toEqual({ a: 1 });
  });

  test('places a finding at the file line that set the value, or at the latest flag that did', () => {
    // GIVEN a file and a flag that set different keys
    const files = { 'v.yaml': 'global:\n  hub: x\n  tag: y\n' };
    const { overlays } = read(['-f', 'v.yaml', '--set', 'global.tag=z'], files);
    const at = (path: (string | number)[]) => placeFinding({ path, problem: 'p', hint: 'h' }, overlays, 'defaults').source;
    // THEN each value's own source, and the fallback for a value nobody set
    expect(at(['global', 'hub'])).toBe('v.yaml:2:3');
    expect(at(['global', 'tag'])).toBe('--set global.tag=z');
    expect(at(['global', 'proxy'])).toBe('defaults');
    // a map's finding goes to the latest input that set something inside it
    expect(at(['global'])).toBe('--set global.tag=z');
  });

  test('drops the value of a finding about a value that came from --set-file', () => {
    const { overlays } = read(['--set-file', 'a=secret.txt'], { 'secret.txt': 'token' });
    const placed = placeFinding({ path: ['a'], value: 'token', problem: 'is bad', hint: 'h' }, overlays, 'x');
    expect(placed).toEqual({ source: '--set-file a=secret.txt', finding: { path: ['a'], problem: 'is bad', hint: 'h' } });
  });

  test('fails when a file cannot be read, is not YAML, or is not a map, without quoting it', () => {
    const files = { 'bad.yaml': 'a: [secret\n', 'list.yaml': '- secret\n' };
    const { findings } = read(['-f', 'missing.yaml', '-f', 'bad.yaml', '-f', 'list.yaml'], files);
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
    const { values, findings } = read(['-f', 'alias.yaml', '-f', 'tag.yaml'], files);
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
