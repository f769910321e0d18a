/**
 * A mistake in how plaudit was called or in its input (a flag, a snapshot, the configuration, a
 * report to merge, signing in): exit code 2, and the message is printed without a stack. Every
 * error that means exit 2 extends this class; the CLI maps nothing else.
 */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}
