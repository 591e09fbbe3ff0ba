import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Finding } from './finding';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>;

/** One option as the command line gave it: `--set a=1`, `--set=a=1` and `-fx` are `{ name: 'set', value: 'a=1' }` and `{ name: 'values', value: 'x' }`. */
export interface GivenOption<O extends Options> {
  /** The option's long name, whichever spelling was used. */
  readonly name: keyof O & string;
  /** Its value; undefined for a boolean flag. */
  readonly value?: string;
}

/**
 * A command's arguments, read by node:util's parseArgs (strict: no unknown
 * option, no positional argument). A bad argument comes back as a finding, in
 * the command's own words, for the command to report with its other problems.
 * Positional arguments are refused unless `allowPositionals`.
 * `given` lists the options in command-line order, from parseArgs's tokens,
 * for a command whose options interact across names (Helm's value flags,
 * which Helm applies by kind, each kind in the order given).
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: readonly string[],
  options: O,
  hint: string,
  allowPositionals = false,
):
  | { readonly values: Parsed<O>['values']; readonly positionals: readonly string[]; readonly given: readonly GivenOption<O>[] }
  | { readonly problem: Finding } {
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals, tokens: true });
    const given = parsed.tokens.flatMap((token) =>
      token.kind === 'option' ? [{ name: token.name as keyof O & string, ...(token.value !== undefined && { value: token.value }) }] : [],
    );
    return { values: parsed.values as Parsed<O>['values'], positionals: parsed.positionals, given };
  } catch (err) {
    return { problem: argumentProblem(command, err as Error & { code?: string }, hint) };
  }
}

/** parseArgs's error as a finding; its message names the option in quotes. */
function argumentProblem(command: string, err: Error & { code?: string }, hint: string): Finding {
  const option = /'([^']+)'/.exec(err.message)?.[1]?.replace(/ <value>$/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return { path: [], value: option, problem: `is not an option of ${command}`, hint };
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message)
        ? { path: [], value: option, problem: 'takes no value', hint: `write ${option ?? 'the option'} alone` }
        : {
            path: [],
            value: option,
            problem: 'needs a value',
            hint: `write ${option ?? 'the option'} <value>, or ${option ?? '--option'}=<value> for a value that starts with -`,
          };
    default:
      return { path: [], problem: err.message.split('\n')[0], hint };
  }
}
