// Logs go to stderr, never stdout (reports do): human-readable and levelled on a terminal, JSON
// lines for machines (stderr not a terminal, or --log-format json). Either way each line goes
// through the stderr the progress line shares, so the two never write over each other.
import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { redactSecrets } from '../azure/redact.js';
import type { StderrLines } from './terminal.js';

import type { LogFormat, LogLevel } from './log-levels.js';
export { logFormats, logLevels, type LogFormat, type LogLevel } from './log-levels.js';

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

/**
 * Fields blanked wherever a request, response or error carrying headers is logged. pino's paths
 * do not recurse, so the usual nestings are listed; `scrub` below catches the rest by content.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  'headers["proxy-authorization"]',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers["proxy-authorization"]',
  '*.*.headers.authorization',
  '*.*.headers.Authorization',
  'request.headers.authorization',
  'req.headers.authorization',
  'err.request.headers.authorization',
  'error.request.headers.authorization',
];

/** Every string in a log record, with bearer tokens, Authorization values and JWTs replaced. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return redactSecrets(value);
  }
  if (depth > 6 || typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => scrub(item, depth + 1));
  }
  if (value instanceof Error) {
    return { type: value.name, message: redactSecrets(value.message) };
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
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
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { log: (record) => scrub(record) as Record<string, unknown> },
      hooks: {
        // The message itself (and any format arguments) is scrubbed too.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    { write: (line: string) => stderr.line(pretty ? pretty(line) : line) },
  );
}
