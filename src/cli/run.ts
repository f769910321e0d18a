// What one command run shares: the caller's streams and environment, stderr as log lines and the
// progress line share it, the logger, and whether to show progress and closing lines at all.
import { pino, type Logger } from 'pino';
import type { CliIo, Output } from './io.js';
import { createLogger, logSettings } from './logger.js';
import type { LogOptions } from './options.js';
import { StderrLines } from './terminal.js';

export interface CliRun {
  readonly io: CliIo;
  readonly stderr: StderrLines;
  readonly log: Logger;
  /** Progress line and closing lines on stderr: not with --quiet or a silent log level. */
  readonly chatty: boolean;
}

export function startRun(options: LogOptions, io: CliIo): CliRun {
  const stderr = new StderrLines(stderrOf(io), io.env);
  const settings = logSettings(options, stderr);
  return { io, stderr, log: createLogger(settings, stderr), chatty: settings.chatty };
}

/** The process's own stderr gets pino's synchronous writer: no line is lost when the bin exits. */
function stderrOf(io: CliIo): Output {
  if (io.stderr !== process.stderr) return io.stderr;
  const sync = pino.destination({ dest: 2, sync: true });
  return {
    write: (text: string) => sync.write(text),
    get isTTY() {
      return process.stderr.isTTY;
    },
    get columns() {
      return process.stderr.columns;
    },
  };
}
