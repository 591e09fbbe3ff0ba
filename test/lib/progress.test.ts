import { progressLine, type ProgressStream } from '../../lib/progress';

function stream(isTTY: boolean | undefined): ProgressStream & { readonly written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progressLine', () => {
  it('rewrites one status line in place on a terminal, and clears it at the end', () => {
    // GIVEN a terminal
    const terminal = stream(true);
    // WHEN a long run reports twice and ends
    const progress = progressLine(terminal, true);
    progress.show('built 1/2');
    progress.show('built 2/2');
    progress.end();
    // THEN each report replaces the line, and the end leaves a clean one
    expect(terminal.written).toEqual(['\rbuilt 1/2\u001b[K', '\rbuilt 2/2\u001b[K', '\r\u001b[K']);
  });

  it.each([
    ['a pipe or a CI log', false],
    ['a stream that does not say', undefined],
  ])('writes nothing to %s', (_, isTTY) => {
    const target = stream(isTTY);
    const progress = progressLine(target, true);
    progress.show('built 1/2');
    progress.end();
    expect(target.written).toEqual([]);
  });

  it('writes nothing on a terminal when the run is too short to want it', () => {
    const terminal = stream(true);
    const progress = progressLine(terminal, false);
    progress.show('built 1/2');
    progress.end();
    expect(terminal.written).toEqual([]);
  });

  it('clears nothing when nothing was shown', () => {
    const terminal = stream(true);
    progressLine(terminal, true).end();
    expect(terminal.written).toEqual([]);
  });
});
