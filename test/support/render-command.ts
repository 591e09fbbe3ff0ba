import { parseAllDocuments } from 'yaml';
import type { RenderChartIo } from '../../cli/render-chart';

/** A render command (render-remote, render-primary) as the tests call it. */
export type RenderCommand = (argv: string[], io: RenderChartIo) => number;

/**
 * Runs a render command in-process with files from a map and, when given,
 * standard input; returns its exit code, both streams and the printed objects.
 */
export function runRender(command: RenderCommand, argv: string[], files: Record<string, string> = {}, stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = command(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      if (!(path in files)) {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      }
      return files[path];
    },
    readStdin: () => {
      if (stdin === undefined) {
        throw new Error('stdin is not expected in this test');
      }
      return stdin;
    },
  });
  const objects = parseAllDocuments(stdout).map((doc) => doc.toJS());
  return { code, stdout, stderr, objects };
}

/** A refused render: exit 2, nothing on stdout, and each message on stderr. */
export function expectRejected(result: ReturnType<typeof runRender>, ...messages: RegExp[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  for (const message of messages) {
    expect(result.stderr).toMatch(message);
  }
}
