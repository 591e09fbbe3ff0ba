/**
 * An error meant for the person at the terminal: its message is printed as is,
 * without a stack, and the process exits with `exitCode`.
 * Exit code 2 follows the convention of kubectl and helm for bad input.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
