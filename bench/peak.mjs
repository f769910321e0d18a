// Loaded with --import by bench/scale.js: on exit, writes the process's peak resident memory and
// CPU time to the file named by PLAUDIT_BENCH_PEAK (the figures /usr/bin/time would print).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(
    process.env.PLAUDIT_BENCH_PEAK,
    JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
  );
});
