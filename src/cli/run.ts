// What one command run shares: the caller's streams and environment, stderr as log lines and the
// progress line share it, the logger, and whether to show progress and closing lines at all.
import type { Logger } from 'pino';
import type { CliIo } from './io.js';
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
  const stderr = new StderrLines(io.stderr, io.env);
  const settings = logSettings(options, stderr);
  return { io, stderr, log: createLogger(settings, stderr), chatty: settings.chatty };
}
