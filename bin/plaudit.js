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
  const { runCli } = await import('../dist/src/cli/main.js');
  // Reports are written and awaited by now; idle keep-alive sockets must not hold the process open.
  process.exit(await runCli(process.argv.slice(2)));
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli')) {
    process.stderr.write('plaudit is not built yet: run `npm run build` (npm test and npm start build first).\n');
    process.exit(2);
  }
  throw error;
}
