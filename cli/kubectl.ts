import { execFileSync } from 'node:child_process';
import { CliError } from '../lib/cli-error';

/**
 * Runs `kubectl ARGS -o json` and returns the parsed answer. The only way this
 * project talks to a cluster: tests put a fake `kubectl` first on PATH.
 *
 * kubectl's own stderr is not echoed, because `get secret` failures can quote
 * the object; the error names the command and kubectl's exit status instead.
 */
export function kubectlJson(args: readonly string[]): unknown {
  const full = [...args, '-o', 'json'];
  let stdout: string;
  try {
    stdout = execFileSync('kubectl', full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new CliError('kubectl was not found on PATH: install kubectl 1.27 or later, or pass the inputs explicitly');
    }
    const reason = firstLine(e.stderr) ?? `exit status ${e.status ?? 'unknown'}`;
    throw new CliError(`\`kubectl ${full.join(' ')}\` failed: ${redact(reason)}`);
  }
  try {
    return JSON.parse(stdout);
  } catch {
    throw new CliError(`\`kubectl ${full.join(' ')}\` did not print JSON`);
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim() !== '');
  return line?.trim();
}

// kubectl error lines never carry secret data, but a long base64 run would be
// one; drop it rather than risk printing a token.
function redact(line: string): string {
  return line.replace(/[A-Za-z0-9+/=_.-]{40,}/g, '<redacted>');
}
