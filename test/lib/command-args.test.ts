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
    expect(parsed).toEqual({ values: { context: 'primary', write: true, set: ['b=2', 'a=1'] }, positionals: [] });
  });

  test('fails when an option is unknown, naming it and the command', () => {
    expect(problemOf(['--force'])).toBe('"--force" is not an option of discover: use --context or --write');
  });

  test('fails when an argument is positional', () => {
    expect(problemOf(['primary'])).toBe('"primary" is not an option of discover: use --context or --write');
  });

  test('passes positional arguments through when the command takes them', () => {
    expect(parseCommandArgs('diff', ['main', '--write'], OPTIONS, '', true)).toEqual({ values: { write: true }, positionals: ['main'] });
  });

  test('fails when an option lacks its value', () => {
    expect(problemOf(['--context'])).toMatch(/^"--context" needs a value: write --context <value>/);
    expect(problemOf(['--context', '--write'])).toMatch(/^"--context" needs a value/);
  });

  test('fails when a flag is given a value', () => {
    expect(problemOf(['--write=yes'])).toBe('"--write" takes no value: write --write alone');
  });
});
