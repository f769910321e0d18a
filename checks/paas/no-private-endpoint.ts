// With public network access disabled, a service answers only through approved private endpoint
// connections (and, where the service allows it, trusted Azure services). Without one, every
// client in every VNet fails to connect, however well its DNS, routes and firewall rules are set.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints
import {
  connectionsOfTarget,
  connectionState,
  endpointIdsInScope,
  endpointsPhrase,
} from '../../src/net/endpoints/endpoint-connections.js';
import { isKnownPrivateLinkType } from '../../src/data/privatelink-zones.js';
import { isPublicAccessDisabled, serviceLabel } from '../../src/net/endpoints/public-access.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  noEndpoint: (d: { service: string }) =>
    `Public network access is disabled on ${d.service} and no private endpoint connects to it, so no client can reach it.`,
  noneApproved: (d: { service: string; endpoints: string }) =>
    `Public network access is disabled on ${d.service} and none of its private endpoint connections (from ${d.endpoints}) is approved, so no client can reach it.`,
} satisfies Messages;

export default defineCheck({
  id: 'paas/no-private-endpoint',
  title: 'Services closed to the public have an approved private endpoint',
  level: 'warning',
  tags: ['paas', 'private-endpoint', 'public-access'],
  rationale:
    "Setting `publicNetworkAccess` to `Disabled` closes a service's public endpoint whatever its firewall rules say. From then on only approved private endpoint connections (and, for some services, trusted Azure services) reach it. A service locked down this way with no private endpoint, or only pending, rejected or disconnected ones, cannot be used by any workload: typically the endpoint was deleted, was created in another subscription and never approved, or public access was disabled before the endpoint existed.",
  remediation:
    'Create a private endpoint for the service in the private endpoint spoke, with a DNS zone group so its record is managed:\n\n```sh\naz network private-endpoint create --name <pe> --resource-group <rg> --subnet <pe subnet id> \\\n  --private-connection-resource-id <service id> --group-id <group id> --connection-name <pe>\naz network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe> \\\n  --name default --private-dns-zone <zone id> --zone-name <zone>\n```\n\nIf an endpoint exists but is pending, have the owner of the service approve it (`az network private-endpoint-connection approve --id <connection id>`). If the service is really unused, delete it.',
  references: [
    {
      title: 'What is a private endpoint?',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview',
    },
    {
      title: 'Create a private endpoint with the Azure CLI',
      url: 'https://learn.microsoft.com/azure/private-link/create-private-endpoint-cli',
    },
    {
      title: 'Integrate Key Vault with Azure Private Link',
      url: 'https://learn.microsoft.com/azure/key-vault/general/private-link-service',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    for (const target of inv.targets.values()) {
      if (!isPublicAccessDisabled(target) || !isKnownPrivateLinkType(target.type)) continue;
      const connections = connectionsOfTarget(inv, target);
      const states = connections.map(connectionState);
      if (states.includes('approved')) continue;
      const service = serviceLabel(target);
      if (states.includes(undefined)) {
        results.push({
          inconclusive: `A private endpoint connection of ${service} carries no approval state, so whether any approved connection reaches it cannot be judged.`,
          resourceId: target.id,
        });
      } else if (connections.length === 0) {
        results.push({ resourceId: target.id, messageId: 'noEndpoint', data: { service }, fact: ['noEndpoint'] });
      } else {
        results.push({
          resourceId: target.id,
          related: [...endpointIdsInScope(connections)],
          messageId: 'noneApproved',
          data: { service, endpoints: endpointsPhrase(connections) },
          fact: ['noneApproved'],
        });
      }
    }
    return results;
  },
});
