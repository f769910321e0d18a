import { describe, expect, it } from 'vitest';
import { closestCheck, didYouMean, isCheckId, isCheckIdOrGroup } from './check-ids.js';

describe('check ids as users write them', () => {
  it('knows ids and groups, in any letter case', () => {
    expect(isCheckId('DNS/Record-Missing')).toBe(true);
    expect(isCheckId('dns')).toBe(false);
    expect(isCheckIdOrGroup('dns')).toBe(true);
    expect(isCheckIdOrGroup('dns/nope')).toBe(false);
  });

  it('suggests the closest id or group for a typo, and the id for a bare slug', () => {
    expect(closestCheck('dns/recod-missing', { groups: true })).toBe('dns/record-missing');
    expect(closestCheck('route/blackhol', { groups: false })).toBe('route/blackhole');
    expect(closestCheck('paa', { groups: true })).toBe('paas');
    expect(closestCheck('next-hop-stale-ip', { groups: true })).toBe('route/next-hop-stale-ip');
    expect(closestCheck('paa', { groups: false })).toBeUndefined();
  });

  it('suggests nothing when no id is close enough to be a typo', () => {
    expect(didYouMean('kubernetes', { groups: true })).toBe('');
    expect(didYouMean('dns/nope', { groups: true })).toBe('');
    expect(didYouMean('dns/zone-mising', { groups: true })).toBe('; did you mean dns/zone-missing?');
  });
});
