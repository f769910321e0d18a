// A scan result made by the real engine and catalogue over a mutated reference estate, so the
// schema tests judge what plaudit actually prints, not only the hand-made fixtures.
import type { Check } from '../../checks/define.js';
import { defineCheck } from '../../checks/define.js';
import { catalogue } from '../../checks/index.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/types.js';
import { buildInventory } from '../../src/inventory/build/index.js';
import { parseSnapshot } from '../../src/snapshot/read.js';
import { ids, referenceEstate } from '../estates.js';

/** Stands in for a check with a bug: the engine records its failure and the run goes on. */
const crashing: Check = defineCheck({
  id: 'route/crashes-for-the-test',
  title: 'A check that always throws',
  level: 'error',
  tags: ['routing'],
  rationale: 'Exists only in the reporter tests.',
  remediation: 'None.',
  references: [
    { title: 'Private endpoints', url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview' },
  ],
  messages: { never: () => 'Never reported.' },
  evaluate() {
    throw new Error('this check always fails');
  },
});

export const engineCatalogue: readonly Check[] = [...catalogue, crashing];

export function engineResult(): ScanResult {
  const estate = referenceEstate()
    .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }])
    .set(ids.appLink, 'registrationEnabled', true);
  const inventory = buildInventory(parseSnapshot(structuredClone(estate.snapshot()), 'engine-result'));
  return scan(inventory, {
    checks: engineCatalogue,
    scope: { subscriptions: [ids.connectivity, ids.landingZone] },
    collectedAt: '2026-11-20T02:00:00Z',
    incomplete: [{ scope: '/subscriptions/00000000-0000-4000-8000-00000000dead', reason: '403 AuthorizationFailed' }],
  });
}
