// A Virtual WAN spoke's routes from its hub (src/net/vwan), as routes from the virtual network
// gateway: they beat the default None routes of the same prefix and lose to VNet and peering routes.
import type { Inventory } from '../../inventory/inventory.js';
import type { VirtualNetwork } from '../../inventory/types.js';
import { parseIpv4Prefix } from '../cidr.js';
import { spokeHubRoutes } from '../vwan/spoke-routes.js';
import { nextHop } from './types.js';
import type { ViewParts } from './view-parts.js';

export function addHubRoutes(parts: ViewParts, inv: Inventory, vnet: VirtualNetwork): void {
  const hub = spokeHubRoutes(inv, vnet.key);
  parts.unknown.push(...hub.unknown);
  parts.assumptions.push(...hub.assumptions);
  for (const route of hub.routes) {
    const prefix = parseIpv4Prefix(route.addressPrefix);
    if (!prefix) {
      parts.assumptions.push(
        `Hub route ${route.originName} has prefix ${route.addressPrefix}, which plaudit does not model (IPv4 only).`,
      );
      continue;
    }
    parts.route('VirtualNetworkGateway', prefix, nextHop.gateway, {
      origin: route.origin,
      originName: route.originName,
      ...(route.nextHopIp ? { nextHopIp: route.nextHopIp } : {}),
      reason: route.firewallId
        ? 'Programmed by the Virtual WAN hub; the next hop is the hub firewall.'
        : 'Programmed by the Virtual WAN hub.',
    });
  }
}
