import { describe, expect, it } from 'vitest';
import type { CollectProgress } from '../azure/index.js';
import { CollectProgressLine } from './progress.js';

function progress(activity: string, resources: number, pages: number, extra: Partial<CollectProgress> = {}) {
  return { activity, resources, pages, requests: pages, throttleWaitMs: 0, ...extra };
}

describe('the progress line of a live read', () => {
  it('names the phase out of three and counts what this phase read, never a growing total', () => {
    const lines: string[] = [];
    let now = 0;
    const line = new CollectProgressLine(
      (text) => lines.push(text),
      () => now,
    );
    line.update(progress('resolving the scope', 0, 1));
    now = 1000;
    line.update(progress('Resource Graph: private endpoints', 0, 1));
    now = 1500;
    line.update(progress('ARM: private DNS zone groups 3/40', 120, 9));
    now = 3000;
    line.update(progress('looking for privatelink zones outside the scope', 130, 12));
    now = 3600;
    line.update(progress('reading 7 resources outside the scope', 137, 19));
    // A page of the previous phase arriving late does not move the line back.
    now = 3800;
    line.update(progress('ARM: private DNS zone groups 40/40', 140, 20));
    expect(lines).toEqual([
      '[1/3] resolving the scope · 0 resources, 0 pages · 0.0 s',
      '[2/3] reading the scope · Resource Graph: private endpoints · 0 resources, 0 pages · 0.0 s',
      '[2/3] reading the scope · ARM: private DNS zone groups (3 endpoints done) · 120 resources, 8 pages · 0.5 s',
      '[3/3] reading what the scope depends on · looking for privatelink zones outside the scope · 0 resources, 0 pages · 0.0 s',
      '[3/3] reading what the scope depends on · ARM: resources outside the scope, by id · 7 resources, 7 pages · 0.6 s',
      '[3/3] reading what the scope depends on · ARM: private DNS zone groups (40 endpoints done) · 10 resources, 8 pages · 0.8 s',
    ]);
    expect(lines.join('\n')).not.toMatch(/\d+\/\d+ /);
  });

  it('redraws at most every 100 ms, but always for a throttling wait', () => {
    const lines: string[] = [];
    let now = 0;
    const line = new CollectProgressLine(
      (text) => lines.push(text),
      () => now,
    );
    line.update(progress('Resource Graph: network interfaces', 0, 0));
    now = 50;
    line.update(progress('Resource Graph: network interfaces', 10, 1));
    line.update(
      progress('Resource Graph: network interfaces', 10, 1, {
        throttle: { reason: 'Resource Graph quota', waitMs: 4000 },
      }),
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('throttled: waiting 4.0 s (Resource Graph quota)');
  });
});
