// Logs go to stderr, never stdout (reports do): human-readable and levelled on a terminal, JSON
// lines for machines (stderr not a terminal, or --log-format json). Either way each line goes
// through the stderr the progress line shares, so the two never write over each other.
import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { StderrLines } from './terminal.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];
export const logFormats = ['pretty', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];

export interface LogSettings {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** Progress line and closing summary: off with --quiet or a silent log level. */
  readonly chatty: boolean;
}

const verbosity: readonly LogLevel[] = ['warn', 'info', 'debug', 'trace'];

/** --log-level wins; else -q means errors only and each -v one level more than warn. */
export function logSettings(
  options: { logLevel?: LogLevel; logFormat?: LogFormat; verbose?: number; quiet?: boolean },
  stderr: StderrLines,
): LogSettings {
  const level =
    options.logLevel ?? (options.quiet ? 'error' : verbosity[Math.min(options.verbose ?? 0, verbosity.length - 1)]!);
  return {
    level,
    format: options.logFormat ?? (stderr.isTTY ? 'pretty' : 'json'),
    chatty: options.quiet !== true && level !== 'silent',
  };
}

/** The logger; anything that could carry a token is redacted before it is written. */
export function createLogger(settings: Pick<LogSettings, 'level' | 'format'>, stderr: StderrLines): Logger {
  const pretty =
    settings.format === 'pretty'
      ? prettyFactory({
          colorize: stderr.color,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,name',
          singleLine: true,
        })
      : undefined;
  return pino(
    {
      level: settings.level,
      base: { name: 'plaudit' },
      redact: {
        paths: [
          'token',
          '*.token',
          'headers.authorization',
          '*.headers.authorization',
          'authorization',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    { write: (line: string) => stderr.line(pretty ? pretty(line) : line) },
  );
}
