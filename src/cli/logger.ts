import { pino, type Logger } from 'pino';
import { processIo, type Output } from './io.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** JSON logs on stderr; anything that could carry a token is redacted before it is written. */
export function createLogger(level: LogLevel, stderr: Output = processIo.stderr): Logger {
  return pino(
    {
      level,
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
    // The process's own stderr gets pino's synchronous writer: no log line is lost on exit.
    stderr === process.stderr
      ? pino.destination({ dest: 2, sync: true })
      : { write: (line: string) => stderr.write(line) },
  );
}
