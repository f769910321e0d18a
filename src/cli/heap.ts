// Node's default heap limit (about 4 GiB on a 64-bit machine) is too small for the snapshot of a
// tenant with a quarter of a million private endpoints: parsed, indexed and analysed, a snapshot
// takes five to six times its size on disk. Commands that load a whole snapshot therefore start
// again in a child process with a limit fitted to the files they were given (at most 80% of the
// machine's memory), unless the limit was set by hand.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Commands that read whole snapshot files into memory (trace unless the snapshot has an index). */
const loadingCommands = new Set(['scan', 'diff', 'consumers', 'trace', 'index']);
/** Heap needed per byte of snapshot file, with a margin over what was measured (5.5). */
const heapPerFileByte = 8;
const baseHeap = 512 * 2 ** 20;
/** Set in the child, so that it never starts another. */
const relaunchedMark = 'PLAUDIT_HEAP_RAISED';

/**
 * The heap limit in MiB that the command needs when it is above Node's current one, or undefined
 * when the current limit will do or was chosen by hand (`--max-old-space-size`).
 */
export function heapLimitFor(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[],
  limits = { current: getHeapStatistics().heap_size_limit, memory: totalmem() },
): number | undefined {
  if (!loadingCommands.has(argv[0] ?? '') || env[relaunchedMark]) return undefined;
  const chosen = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (chosen.some((arg) => arg.startsWith('--max-old-space-size'))) return undefined;
  let bytes = 0;
  for (const arg of argv.slice(1)) {
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    try {
      const stat = statSync(value, { throwIfNoEntry: false });
      // A trace through the snapshot's index reads a few hundred resources of it.
      const indexed = argv[0] === 'trace' && statSync(`${value}.idx`, { throwIfNoEntry: false })?.isFile();
      if (stat?.isFile() && !indexed) bytes += stat.size;
    } catch {
      // Not a file name: an option or a value the command judges itself.
    }
  }
  const needed = Math.min(baseHeap + bytes * heapPerFileByte, limits.memory * 0.8);
  return needed > limits.current ? Math.floor(needed / 2 ** 20) : undefined;
}

/**
 * Runs the command again in a child with a heap of `limitMiB` and the same standard streams, and
 * resolves with the exit code it should end with. Interrupts go to the child, which reports them.
 */
export function relaunchWithHeap(script: string, argv: readonly string[], limitMiB: number): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${limitMiB}`, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [relaunchedMark]: '1' },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const forwarders = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`plaudit: cannot start with a larger heap (${error.message}); running as is.\n`);
      resolve(-1);
    });
    child.on('exit', (code, signal) => {
      for (const [name, handler] of forwarders) process.off(name, handler);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
