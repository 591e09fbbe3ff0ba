import { parseCommandArgs } from '../../lib/command-args';
import { describeFinding } from '../../lib/finding';

const OPTIONS = { context: { type: 'string' }, write: { type: 'boolean' }, set: { type: 'string', multiple: true } } as const;

function problemOf(argv: string[]): string {
  const parsed = parseCommandArgs('discover', argv, OPTIONS, 'use --context or --write');
  if (!('problem' in parsed)) {
    throw new Error('expected a problem');
  }
  // THEN the problem reads as the command's own message, with no path
  expect(parsed.problem.path).toEqual([]);
  return describeFinding(parsed.problem);
}

describe('parseCommandArgs', () => {
  test('reads the options, keeping repeated values in order', () => {
    const parsed = parseCommandArgs('discover', ['--context', 'primary', '--set', 'b=2', '--write', '--set=a=1'], OPTIONS, '');
    expect(parsed).toEqual({
      values: { context: 'primary', write: true, set: ['b=2', 'a=1'] },
      positionals: [],
      given: [{ name: 'context', value: 'primary' }, { name: 'set', value: 'b=2' }, { name: 'write' }, { name: 'set', value: 'a=1' }],
    });
  });

  test('lists the options in command-line order under their long names, whatever the spelling', () => {
    // GIVEN Helm-style flags, short, attached and with =, interleaved
    const options = { values: { type: 'string', short: 'f', multiple: true }, set: { type: 'string', multiple: true }, 'set-string': { type: 'string', multiple: true } } as const;
    // WHEN parsed
    const parsed = parseCommandArgs('render-remote', ['--set', 'a=1', '-fx.yaml', '--set-string=a=x', '-f', 'y.yaml', '--values=z.yaml', '--set', 'a=2'], options, '');
    // THEN one entry per option, in order, which `values` alone loses across names
    expect('given' in parsed && parsed.given).toEqual([
      { name: 'set', value: 'a=1' },
      { name: 'values', value: 'x.yaml' },
      { name: 'set-string', value: 'a=x' },
      { name: 'values', value: 'y.yaml' },
      { name: 'values', value: 'z.yaml' },
      { name: 'set', value: 'a=2' },
    ]);
  });

  test('fails when an option is unknown, naming it and the command', () => {
    expect(problemOf(['--force'])).toBe('"--force" is not an option of discover: use --context or --write');
  });

  test('fails when an argument is positional', () => {
    expect(problemOf(['primary'])).toBe('"primary" is not an option of discover: use --context or --write');
  });

  test('passes positional arguments through when the command takes them', () => {
    expect(parseCommandArgs('diff', ['main', '--write'], OPTIONS, '', true)).toEqual({ values: { write: true }, positionals: ['main'], given: [{ name: 'write' }] });
  });

  test('fails when an option lacks its value', () => {
    expect(problemOf(['--context'])).toMatch(/^"--context" needs a value: write --context <value>/);
    expect(problemOf(['--context', '--write'])).toMatch(/^"--context" needs a value/);
  });

  test('fails when a flag is given a value', () => {
    expect(problemOf(['--write=yes'])).toBe('"--write" takes no value: write --write alone');
  });
});
