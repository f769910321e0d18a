// Loaded with --import by bench/scale.js: on exit, writes the process's peak resident memory and
// CPU time to the file named by PLAUDIT_BENCH_PEAK (the figures /usr/bin/time would print). A
// command that started again with a larger heap (src/cli/heap.ts) ran in a child: the child
// writes first, and the parent adds its own CPU time and keeps the larger peak.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.PLAUDIT_BENCH_PEAK;
  const usage = process.resourceUsage();
  let maxRssKiB = usage.maxRSS;
  let cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  if (!process.env.PLAUDIT_HEAP_RAISED && existsSync(file)) {
    const child = JSON.parse(readFileSync(file, 'utf8'));
    if (child.relaunched) {
      maxRssKiB = Math.max(maxRssKiB, child.maxRssKiB);
      cpuMs += child.cpuMs;
    }
  }
  writeFileSync(file, JSON.stringify({ maxRssKiB, cpuMs, relaunched: !!process.env.PLAUDIT_HEAP_RAISED }));
});
