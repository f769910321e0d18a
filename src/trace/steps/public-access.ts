// Step 11: whether the service behind the endpoint also accepts public traffic, which decides what
// a client whose DNS falls back to the public name gets.
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateEndpoint } from '../../inventory/types.js';
import { publicExposure } from '../../net/endpoints/public-access.js';
import { stepOf, type TraceStep } from './step.js';

const publicAccess = stepOf('publicAccess', "Service's public access");

export function publicAccessStep(
  inv: Inventory,
  endpoint: PrivateEndpoint | undefined,
  /** The source's DNS answered with the public address. */
  resolvedPublic: boolean,
): TraceStep {
  const targetId = endpoint?.connections.find((connection) => connection.targetId)?.targetId;
  const target = inv.target(targetId);
  if (!target) {
    return publicAccess.skipped(targetId ? `service ${targetId} is not in the snapshot` : 'no service behind the path');
  }
  const exposure = publicExposure(inv, target);
  const resources = [target.id];
  if (exposure.kind === 'disabled') {
    return publicAccess.ok(
      resolvedPublic
        ? `${target.name} refuses public traffic, so the public address found above is refused as well (fix DNS first).`
        : `${target.name} accepts traffic only through private endpoints.`,
      resources,
    );
  }
  if (exposure.kind === 'unknown') {
    return publicAccess.unknown(
      `Whether ${target.name} accepts public traffic is not known: ${exposure.reason}.`,
      resources,
    );
  }
  return publicAccess.warning(
    `${target.name} also accepts public traffic (${exposure.kind}), so a client whose DNS falls back to the public name still connects, past the firewall.`,
    resources,
  );
}
