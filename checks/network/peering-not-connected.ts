// In hub-and-spoke, traffic to a private endpoint crosses the peering between its spoke and the
// hub, and clients in other spokes cross their own peering to the hub first. A peering forwards
// traffic only while it is `Connected`; `Initiated` (the other side was never created) and
// `Disconnected` (the other side was deleted) leave the endpoint unreachable across it.
// https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering
import { nameFromId, normalizeId } from '../../src/ids.js';
import { peeringsOnEndpointPaths } from '../../src/net/endpoints/endpoint-peerings.js';
import { AffectedGroups, describeEnd } from '../affected.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Crossing {
  peering: string;
  local: string;
  remote: string;
  endpoints: string;
}

const messages = {
  initiated: (d: Crossing) =>
    `Peering ${d.peering} from ${d.local} to ${d.remote} is only Initiated because ${d.remote} has no peering back, so traffic to ${d.endpoints} cannot cross it; create the peering on ${d.remote}.`,
  notConnected: (d: Crossing & { state: string }) =>
    `Peering ${d.peering} from ${d.local} to ${d.remote} is ${d.state}, so traffic to ${d.endpoints} cannot cross it; delete it and create the peering again on both virtual networks.`,
} satisfies Messages;

export default defineCheck({
  id: 'network/peering-not-connected',
  title: 'Peerings on the path to a private endpoint are Connected',
  level: 'error',
  tags: ['network', 'peering', 'private-endpoint'],
  rationale:
    "A VNet peering has two halves, one on each virtual network, and carries traffic only while both report `Connected`. A half whose partner was never created stays `Initiated`; one whose partner was deleted turns `Disconnected` and stays so even after the partner is recreated. Traffic from a spoke to a private endpoint in another spoke crosses two peerings through the hub, and the hub firewall reaches the endpoint over the endpoint spoke's peering, so either one broken cuts the endpoint off for everyone behind it. The route to the endpoint's VNet disappears with the peering, and clients time out even though DNS still resolves the private IP.",
  remediation:
    "For a peering stuck in `Initiated`, create the missing half on the remote virtual network:\n\n```sh\naz network vnet peering create --name <peer-spoke-to-hub> --resource-group <spoke rg> --vnet-name <spoke vnet> \\\n  --remote-vnet <hub vnet id> --allow-vnet-access --allow-forwarded-traffic\n```\n\nA `Disconnected` peering cannot be repaired: delete it and create both halves again:\n\n```sh\naz network vnet peering delete --name <peering> --resource-group <rg> --vnet-name <vnet>\n```\n\nIn Bicep, deploy both halves together so neither is left alone:\n\n```bicep\nresource hubToSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {\n  parent: hubVnet\n  name: 'peer-hub-to-spoke'\n  properties: {\n    remoteVirtualNetwork: { id: spokeVnet.id }\n    allowVirtualNetworkAccess: true\n    allowForwardedTraffic: true\n  }\n}\n```",
  references: [
    {
      title: 'Create, change, or delete a virtual network peering',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering',
    },
    {
      title: 'Troubleshoot a virtual network peering issue',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-troubleshoot-peering-issues',
    },
    {
      title: 'Hub-spoke network topology in Azure',
      url: 'https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    for (const { peering, endpoints } of peeringsOnEndpointPaths(inv)) {
      const state = peering.peeringState?.trim();
      if (state === undefined) {
        results.push({
          inconclusive: `Peering ${peering.name} carries no peeringState, so whether it forwards traffic to the private endpoints behind it cannot be judged.`,
          resourceId: peering.id,
        });
        continue;
      }
      if (state.toLowerCase() === 'connected') continue;
      const remote = peering.remoteVnetId ? inv.vnet(peering.remoteVnetId) : undefined;
      // The endpoints behind the peering are its evidence: counted, and named in a bounded sample.
      const pairs = new AffectedGroups<null>('virtualNetwork', 'privateEndpoint');
      const local = inv.vnets.get(peering.vnetKey)?.id ?? peering.vnetKey;
      for (const endpoint of endpoints) pairs.add('', () => null, local, endpoint.id);
      const affected = [...pairs.entries()][0]?.affected;
      const data: Crossing = {
        peering: peering.name,
        local: inv.vnets.get(peering.vnetKey)?.name ?? nameFromId(peering.vnetKey),
        remote: remote?.name ?? (peering.remoteVnetId ? nameFromId(peering.remoteVnetId) : 'its remote network'),
        endpoints: affected ? describeEnd(affected, 'targets') : 'the private endpoints behind it',
      };
      const base = {
        resourceId: peering.id,
        related: remote ? [remote.id] : [],
        ...(affected && { affected }),
        fact: [normalizeId(state)],
      };
      results.push(
        state.toLowerCase() === 'initiated'
          ? { ...base, messageId: 'initiated', data }
          : { ...base, messageId: 'notConnected', data: { ...data, state } },
      );
    }
    return results;
  },
});
