// The log levels and formats the options accept, apart from the logger so that parsing the command
// line does not load pino.
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];
export const logFormats = ['pretty', 'json'] as const;
export type LogFormat = (typeof logFormats)[number];
