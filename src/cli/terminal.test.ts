import { describe, expect, it } from 'vitest';
import type { Output } from './io.js';
import { StderrLines } from './terminal.js';

class Screen implements Output {
  readonly writes: string[] = [];
  readonly isTTY: boolean;
  readonly columns: number;
  constructor(isTTY: boolean, columns = 40) {
    this.isTTY = isTTY;
    this.columns = columns;
  }
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

describe('stderr shared by log lines and the progress line', () => {
  it('clears the progress line before a log line and draws it again below', () => {
    const screen = new Screen(true);
    const stderr = new StderrLines(screen, {});
    stderr.progress('[2/3] reading the scope');
    stderr.line('[09:00:00] WARN: could not read part of the scope');
    stderr.clearProgress();
    stderr.line('plaudit: done');
    expect(screen.writes).toEqual([
      '\r\x1b[2K[2/3] reading the scope',
      '\r\x1b[2K[09:00:00] WARN: could not read part of the scope\n[2/3] reading the scope',
      '\r\x1b[2K',
      'plaudit: done\n',
    ]);
  });

  it('cuts the progress line to the terminal width', () => {
    const screen = new Screen(true, 20);
    new StderrLines(screen, {}).progress('x'.repeat(50));
    expect(screen.writes).toEqual([`\r\x1b[2K${'x'.repeat(18)}…`]);
  });

  it('writes only whole lines, and no progress, where stderr is no terminal', () => {
    const screen = new Screen(false);
    const stderr = new StderrLines(screen, {});
    stderr.progress('[1/3] resolving the scope');
    stderr.line('{"level":40}');
    stderr.clearProgress();
    expect(screen.writes).toEqual(['{"level":40}\n']);
  });

  it('colours only a terminal without NO_COLOR', () => {
    expect(new StderrLines(new Screen(true), {}).color).toBe(true);
    expect(new StderrLines(new Screen(true), { NO_COLOR: '1' }).color).toBe(false);
    expect(new StderrLines(new Screen(false), {}).color).toBe(false);
  });
});
