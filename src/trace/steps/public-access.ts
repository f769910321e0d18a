// Step 11: whether the service behind the endpoint also accepts public traffic, which decides what
// a client whose DNS falls back to the public name gets.
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateEndpoint } from '../../inventory/types.js';
import type { NameResolution } from '../../net/dns/dns-resolve.js';
import { publicExposure } from '../../net/endpoints/public-access.js';
import { stepOf, type TraceStep } from './step.js';

const publicAccess = stepOf('publicAccess', "Service's public access");

export function publicAccessStep(
  inv: Inventory,
  endpoint: PrivateEndpoint | undefined,
  resolution: NameResolution,
): TraceStep {
  const targetId = endpoint?.connections.find((connection) => connection.targetId)?.targetId;
  const target = inv.target(targetId);
  if (!target) {
    return publicAccess.skipped(targetId ? `service ${targetId} is not in the snapshot` : 'no service behind the path');
  }
  const exposure = publicExposure(inv, target);
  const resources = [target.id];
  if (exposure.kind === 'disabled') {
    const resolvedPublic = resolution.result.kind === 'public' || resolution.result.kind === 'publicFallback';
    return publicAccess.ok(
      resolvedPublic
        ? `${target.name} refuses public traffic, so the public address found above is refused as well (fix DNS first).`
        : `${target.name} accepts traffic only through private endpoints.`,
      resources,
    );
  }
  return publicAccess.warning(
    `${target.name} also accepts public traffic (${exposure.kind}), so a client whose DNS falls back to the public name still connects, past the firewall.`,
    resources,
  );
}
