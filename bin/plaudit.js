#!/usr/bin/env node
// Entry point: checks the Node version before loading anything that needs a modern runtime.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`plaudit needs Node.js 22 or newer; this is ${process.version}.\n`);
  process.exit(2);
}
// Compiled code is cached between runs (in the OS temp directory, or NODE_COMPILE_CACHE): start-up
// then skips most of the parsing of plaudit's own modules and its dependencies.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
try {
  // A command that loads a large snapshot runs again with a heap fitted to it (src/cli/heap.ts).
  const { heapLimitFor, relaunchWithHeap } = await import('../dist/src/cli/heap.js');
  const argv = process.argv.slice(2);
  const limit = heapLimitFor(argv, process.env, process.execArgv);
  if (limit !== undefined) {
    const code = await relaunchWithHeap(process.argv[1], argv, limit);
    if (code >= 0) process.exit(code);
  }
  const { runCli } = await import('../dist/src/cli/main.js');
  // Reports are written and awaited by now; idle keep-alive sockets must not hold the process open.
  process.exit(await runCli(argv));
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli')) {
    process.stderr.write('plaudit is not built yet: run `npm run build` (npm test and npm start build first).\n');
    process.exit(2);
  }
  throw error;
}
