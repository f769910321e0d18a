// Serves a generated estate from the fake in a process of its own, so that the benchmark's time,
// CPU and memory figures are the collector's. Started by bench/collect.ts over IPC.

import { createHash } from 'node:crypto';
import { generateEstate } from '../test/fake-azure/generate.js';
import { startFakeAzure } from '../test/fake-azure/server.js';

const [endpoints = 1000, latencyMs = 150, quotaLimit = 15, windowMs = 5000, armBurst = 250, armPerSecond = 25] =
  process.argv.slice(2).map(Number);
const { estate, ...counts } = generateEstate(endpoints);
// Both of Azure's limits apply: Resource Graph's quota and ARM's read bucket per subscription (429 +
// Retry-After past it).
const fake = await startFakeAzure({
  estate,
  latencyMs,
  graphQuota: { limit: quotaLimit, windowMs },
  armReadBudget: { burst: armBurst, perSecond: armPerSecond },
});

/** The same digest bench/collect.ts computes over what it collected. */
export function digest(ids: string[]): string {
  return createHash('sha256')
    .update(
      ids
        .map((id) => id.toLowerCase())
        .sort()
        .join('\n'),
    )
    .digest('hex');
}

// The fake's CPU time from here on is the serving of the collection (the estate is built).
const cpuStart = process.cpuUsage();
process.send?.({
  url: fake.url,
  ca: fake.ca,
  resources: estate.resources.length,
  digest: digest(estate.resources.map((r) => r.id)),
  ...counts,
});
process.on('message', (message) => {
  if (message === 'requests') {
    const statuses: Record<string, number> = {};
    for (const request of fake.requests) {
      statuses[String(request.status)] = (statuses[String(request.status)] ?? 0) + 1;
    }
    const graph = fake.requests.filter((r) => r.method === 'POST').map((r) => r.at);
    const first = fake.requests[0]?.at ?? 0;
    const last = fake.requests.reduce((latest, r) => Math.max(latest, r.at), 0);
    const cpu = process.cpuUsage(cpuStart);
    process.send?.({
      requests: fake.requests.length,
      statuses,
      graphTimeline: graph.map((at) => at - first),
      // When the first and last Resource Graph query and the last request arrived, in ms after the
      // first request.
      arrivals: {
        firstGraph: (graph[0] ?? first) - first,
        lastGraph: (graph[graph.length - 1] ?? first) - first,
        last: last - first,
      },
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  }
});
process.on('disconnect', () => {
  void fake.close().then(() => process.exit(0));
});
