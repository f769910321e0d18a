// Benchmark of live collection against the local fake (nothing leaves the machine).
//
//   npx node --import ./bench/collect-hooks.mjs bench/collect.ts [endpoints ...] [--concurrency N]
//
// Default sizes 1000 and 10000 private endpoints (add 50000 and 100000 for the large cases; 100000
// needs about 2.5 GB of memory and takes minutes). Each estate has 250 endpoints per landing-zone
// subscription, every endpoint with its NIC, zone group, target service and A record. The fake runs
// in a child process with Resource Graph's quota (15 queries per 5 s), ARM's read bucket per
// subscription (250 burst, 25/s; 429 + Retry-After past it) and 150 ms per response. Two lower
// bounds are printed with the wall time's ratio to them:
// - Resource Graph: (ceil(queries / 15) - 1) * 5 s + one response, for the queries sent (one per
//   1000 rows of each query: no fewer can be sent); at least two responses, as a query's later pages
//   are known only once its first has told the total;
// - ARM: zone groups (one list per endpoint, not in Resource Graph) spent from each subscription's
//   own read bucket (250 burst, refilled at 25/s; buckets of different subscriptions are separate),
//   after the response that names the first endpoints, plus one response.
// The CPU time of the collector and of the fake (a process of its own) are printed too: on a busy
// machine either can be what the wall time waits on.
// BENCH_TIMELINE=1 prints when each activity starts; BENCH_LOG=file writes the debug log there.

import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { collectSnapshot } from '../src/azure/collect.js';
import { staticTokenCredential } from '../src/azure/credentials.js';

const LATENCY_MS = 150;
const QUOTA = { limit: 15, windowMs: 5000 };
const ARM = { burst: 250, perSecond: 25 };

interface FakeInfo {
  url: string;
  ca: string;
  resources: number;
  digest: string;
  endpoints: number;
  subscriptions: number;
}

const args = process.argv.slice(2);
const concurrencyFlag = args.indexOf('--concurrency');
const concurrency = concurrencyFlag >= 0 ? Number(args[concurrencyFlag + 1]) : undefined;
const sizes = args
  .filter((arg, i) => /^\d+$/.test(arg) && (concurrencyFlag < 0 || i !== concurrencyFlag + 1))
  .map(Number);

for (const size of sizes.length > 0 ? sizes : [1000, 10_000]) {
  await run(size);
}

/** Prints each new activity with its start time (BENCH_TIMELINE=1). */
function timeline(started: number): (progress: { activity: string }) => void {
  let last = '';
  return ({ activity }) => {
    const phase = activity.replace(/\d+\/\d+/, '');
    const count = /(\d+)\/(\d+)/.exec(activity);
    if (phase !== last || (count && count[1] === count[2] && Number(count[1]) % 1000 === 0)) {
      last = phase;
      console.log(`  ${((performance.now() - started) / 1000).toFixed(2)} s  ${activity}`);
    }
  };
}

async function run(endpoints: number): Promise<void> {
  const child: ChildProcess = fork(
    new URL('./collect-fake.ts', import.meta.url),
    [LATENCY_MS, QUOTA.limit, QUOTA.windowMs, ARM.burst, ARM.perSecond].reduce(
      (all, n) => [...all, String(n)],
      [String(endpoints)],
    ),
    {
      execArgv: ['--import', new URL('./collect-hooks.mjs', import.meta.url).href],
    },
  );
  const [info] = (await once(child, 'message')) as [FakeInfo];

  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  }, 100);
  const cpuBefore = process.cpuUsage();
  const loadBefore = os.loadavg()[0] ?? 0;
  const started = performance.now();
  const { snapshot, stats } = await collectSnapshot({
    credential: staticTokenCredential('bench-token'),
    armEndpoint: info.url,
    tlsCa: info.ca,
    ...(concurrency ? { concurrency } : {}),
    ...(process.env.BENCH_TIMELINE ? { onProgress: timeline(started) } : {}),
    ...(process.env.BENCH_LOG ? { logger: pino({ level: 'debug' }, pino.destination(process.env.BENCH_LOG)) } : {}),
  });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);

  child.send('requests');
  const [served] = (await once(child, 'message')) as [
    {
      requests: number;
      statuses: Record<string, number>;
      graphTimeline: number[];
      cpuMs: number;
      arrivals: { firstGraph: number; lastGraph: number; last: number };
    },
  ];
  if (process.env.BENCH_TIMELINE) {
    console.log(served.graphTimeline.join(' '));
  }
  child.disconnect();

  const ids = snapshot.resources.map((r) => r.id.toLowerCase()).sort();
  const same = createHash('sha256').update(ids.join('\n')).digest('hex') === info.digest;
  const graphQueries = stats.pages.graph;
  const graphBound = Math.max(
    (Math.ceil(graphQueries / QUOTA.limit) - 1) * QUOTA.windowMs + LATENCY_MS,
    graphQueries > 1 ? 2 * LATENCY_MS : LATENCY_MS,
  );
  // ARM's read budget per subscription and principal: a bucket of 250 reads refilled at 25/s. The
  // zone-group lists of one landing-zone subscription cannot finish before the reads past the burst
  // have been refilled, nor before the Graph page that names the endpoints and one response.
  const perSubscription = Math.ceil(stats.requests.zoneGroups / Math.max(1, info.subscriptions - 1));
  const armBound = 2 * LATENCY_MS + (Math.max(0, perSubscription - ARM.burst) / ARM.perSecond) * 1000;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;

  console.log(
    `\n${info.endpoints} private endpoints, ${info.subscriptions} subscriptions, ${info.resources} resources`,
  );
  console.log(
    `  collected        ${snapshot.resources.length} resources, ${snapshot.incomplete?.length ?? 0} incomplete, identical to the estate: ${same ? 'yes' : 'NO'}`,
  );
  console.log(
    `  wall time        ${seconds(wallMs)} (CPU: collector ${seconds((cpu.user + cpu.system) / 1000)}, fake ${seconds(served.cpuMs)}; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]?.toFixed(1)} after)`,
  );
  console.log(
    `  requests         ${Object.entries(stats.requests)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')} (fake served ${served.requests}: ${JSON.stringify(served.statuses)})`,
  );
  console.log(
    `  pages            Resource Graph ${stats.pages.graph}, ARM ${stats.pages.arm}; retries ${stats.retries}`,
  );
  console.log(
    `  throttling       ${stats.throttled} holds or 429s, ${seconds(stats.throttleWaitMs)} waiting on Azure, ${seconds(stats.budgetWaitMs)} on the ARM read budget`,
  );
  console.log(
    `  memory           peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}, process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  console.log(`  429s drawn       ${served.statuses['429'] ?? 0} of ${served.requests} requests served`);
  // When requests reached the fake: how close the Resource Graph queries kept to the quota's windows
  // (the last cannot go sooner than the windows allow after the first), apart from the CPU both
  // processes need to answer and read what follows.
  const windowsMs = (Math.ceil(graphQueries / QUOTA.limit) - 1) * QUOTA.windowMs;
  const { firstGraph, lastGraph, last } = served.arrivals;
  console.log(
    `  arrivals         last Graph query ${seconds(lastGraph - firstGraph)} after the first (the windows allow ${seconds(windowsMs)}); last request ${seconds(last)} after the first`,
  );
  console.log(
    `  Graph quota bound ${seconds(graphBound)} for ${graphQueries} queries: wall time is ${(wallMs / graphBound).toFixed(2)}x the bound`,
  );
  console.log(
    `  ARM bound        ${seconds(armBound)} for ${stats.requests.zoneGroups} zone-group lists (${perSubscription} per subscription, 250 burst, 25/s): wall time is ${(wallMs / Math.max(graphBound, armBound)).toFixed(2)}x the larger bound`,
  );
}
