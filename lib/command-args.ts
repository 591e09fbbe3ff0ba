import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Finding } from './finding';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>;

/**
 * A command's arguments, read by node:util's parseArgs (strict: no unknown
 * option, no positional argument). A bad argument comes back as a finding, in
 * the command's own words, for the command to report with its other problems.
 * Positional arguments are refused unless `allowPositionals`.
 * A `multiple` option keeps its values in the order given, which is all Helm's
 * value flags need (Helm 3 applies them by kind, each kind in that order).
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: readonly string[],
  options: O,
  hint: string,
  allowPositionals = false,
): { readonly values: Parsed<O>['values']; readonly positionals: readonly string[] } | { readonly problem: Finding } {
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    return { values: parsed.values as Parsed<O>['values'], positionals: parsed.positionals };
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
