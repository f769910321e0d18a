// The firewall flow walk shares one routing per consumer subnet list and endpoint range and replays
// only the flows that leave a trace. It must give exactly what walking every flow one by one gives:
// the same kept flows, resolved names, gaps and inconclusive reasons, in the same order. Checked
// over every estate of every check's case table and the examples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCheckContext } from '../checks/define.js';
import { buildInventory } from '../src/inventory/build/index.js';
import type { CheckContext } from '../src/inventory/context.js';
import type { Inventory } from '../src/inventory/inventory.js';
import { walk } from '../src/net/firewall/flows.js';
import { parseSnapshot } from '../src/snapshot/read.js';
import type { CheckCase } from './check-cases.js';

const caseModules = import.meta.glob<{ default: CheckCase[] }>('../checks/*/*.cases.ts', { eager: true });

/** The walk's result with inventory objects named by id, so two walks compare as plain data. */
function plain(inv: Inventory, ctx: CheckContext, byRange: boolean) {
  const walked = walk(inv, ctx, false, byRange);
  return {
    kept: walked.kept.map((flow) => [
      flow.endpoint.id,
      flow.subnet.id,
      flow.firewall.id,
      flow.route.addressPrefix,
      flow.fqdn,
      flow.ip,
      flow.service.port,
      flow.service.protocol,
      flow.evaluation.decision,
      flow.verdicts.map((verdict) => verdict.decision),
    ]),
    resolvedNames: walked.resolvedNames.map((name) => [name.firewall.id, name.endpoint.id, name.fqdn]),
    gaps: walked.gaps,
    unjudged: walked.unjudged,
  };
}

const estates: [string, () => { inv: Inventory; ctx: CheckContext }][] = [
  ...Object.entries(caseModules).flatMap(([path, module]) =>
    module.default.map((testCase): [string, () => { inv: Inventory; ctx: CheckContext }] => [
      `${path.replace(/^\.\.\/checks\//, '')}: ${testCase.name}`,
      () => ({
        inv: buildInventory(parseSnapshot(testCase.estate.snapshot(), testCase.name)),
        ctx: testCase.context ?? defaultCheckContext,
      }),
    ]),
  ),
  ...['clean', 'drifted', 'vwan'].map((name): [string, () => { inv: Inventory; ctx: CheckContext }] => [
    `examples/${name}.json`,
    () => {
      const file = new URL(`../examples/${name}.json`, import.meta.url);
      return {
        inv: buildInventory(parseSnapshot(JSON.parse(readFileSync(file, 'utf8')), name)),
        ctx: defaultCheckContext,
      };
    },
  ]),
];

describe('the firewall flow walk by endpoint range', () => {
  it('has estates to compare with every kind of trace', () => {
    const walked = estates.map(([, make]) => {
      const { inv, ctx } = make();
      return walk(inv, ctx, false, false);
    });
    expect(walked.filter((w) => w.resolvedNames.length > 0).length).toBeGreaterThan(50);
    expect(walked.filter((w) => w.kept.length > 0).length).toBeGreaterThan(5);
    expect(walked.filter((w) => w.unjudged.length > 0).length).toBeGreaterThan(0);
    expect(walked.filter((w) => w.gaps.length > 0).length).toBeGreaterThan(0);
  });

  it.each(estates)('gives what walking flow by flow gives: %s', (_name, make) => {
    const { inv, ctx } = make();
    expect(plain(inv, ctx, true)).toEqual(plain(inv, ctx, false));
  });
});
