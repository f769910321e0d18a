// What the CLI writes to and reads from its surroundings: the process's own streams and
// environment when run as `plaudit`, or a caller's (tests run it in-process this way).

/** The part of a stream the CLI writes to (process.stdout and process.stderr are such streams). */
export interface Output {
  write(text: string, callback?: (error?: Error | null) => void): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** ANSI colour on stdout: only on a terminal, and never with NO_COLOR set. */
export function stdoutColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}
