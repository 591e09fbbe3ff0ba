/** Where progress goes: a terminal, or anything else (a pipe, a CI log, a file). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** A status line for a long run, rewritten in place. */
export interface Progress {
  /** Replaces the status line with `text`. */
  show(text: string): void;
  /** Clears the status line, so that what is written next starts on a clean line. */
  end(): void;
}

const SILENT: Progress = { show: () => undefined, end: () => undefined };

/**
 * A status line on `stream`, or nothing at all unless `stream` is a terminal:
 * carriage returns and half-written lines would only clutter a CI log or a
 * captured stderr, and a short run needs no status (`wanted` false).
 */
export function progressLine(stream: ProgressStream, wanted: boolean): Progress {
  if (!wanted || stream.isTTY !== true) {
    return SILENT;
  }
  let shown = false;
  return {
    show(text) {
      // \r back to column 0, ESC[K erases what a longer previous line left.
      stream.write(`\r${text}\u001b[K`);
      shown = true;
    },
    end() {
      if (shown) {
        stream.write('\r\u001b[K');
        shown = false;
      }
    },
  };
}
