import linkAutoregistration from './link-autoregistration.js';
import linkFallbackToInternet from './link-fallback-to-internet.js';
import linkNotReady from './link-not-ready.js';
import recordIpMismatch from './record-ip-mismatch.js';
import recordMissing from './record-missing.js';
import recordStale from './record-stale.js';
import zoneDuplicate from './zone-duplicate.js';
import zoneGroupWrongZone from './zone-group-wrong-zone.js';
import zoneMissing from './zone-missing.js';
import zoneNotLinked from './zone-not-linked.js';
import zoneShadowsService from './zone-shadows-service.js';

export const dnsChecks = [
  linkAutoregistration,
  linkFallbackToInternet,
  linkNotReady,
  recordIpMismatch,
  recordMissing,
  recordStale,
  zoneDuplicate,
  zoneGroupWrongZone,
  zoneMissing,
  zoneNotLinked,
  zoneShadowsService,
] as const;
