// stderr as log lines and the progress line share it. On a terminal the progress line is one line
// rewritten in place; a log line first clears it, then takes its place, and the progress line is
// drawn again below it. Elsewhere (a pipe, a CI log) there is no progress line, only whole lines.
import type { Output } from './io.js';

const clearLine = '\r\x1b[2K';

export class StderrLines {
  readonly isTTY: boolean;
  /** ANSI colour: on a terminal, unless NO_COLOR is set. */
  readonly color: boolean;
  private readonly out: Output;
  private status: string | undefined;

  constructor(out: Output, env: Readonly<Record<string, string | undefined>>) {
    this.out = out;
    this.isTTY = out.isTTY === true;
    this.color = this.isTTY && !env.NO_COLOR;
  }

  /** Writes whole lines (a missing final newline is added) above the progress line. */
  line(text: string): void {
    const lines = text.endsWith('\n') ? text : `${text}\n`;
    this.out.write(this.status === undefined ? lines : `${clearLine}${lines}${this.status}`);
  }

  /** Shows (or replaces) the progress line: terminals only, cut to the terminal's width. */
  progress(text: string): void {
    if (!this.isTTY) return;
    const width = this.out.columns || 120;
    this.status = text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text;
    this.out.write(`${clearLine}${this.status}`);
  }

  clearProgress(): void {
    if (this.status === undefined) return;
    this.status = undefined;
    this.out.write(clearLine);
  }
}
