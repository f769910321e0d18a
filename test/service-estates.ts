// Services beyond Key Vault as the reference estate's hub-and-spoke would hold them: a service, its
// private endpoint in sn-pep with every FQDN Azure puts on the endpoint's NIC, and (optionally) its
// privatelink zones in rg-dns linked to the hub, app and endpoint VNets with the A records the
// endpoint's DNS zone group would write. Case tables use these for the per-service families.
import {
  forwardingRule,
  forwardingRuleset,
  networkInterface,
  privateEndpoint,
  rulesetLink,
} from './fake-azure/builders.js';
import { ids, type Estate } from './estates.js';

const network = 'providers/Microsoft.Network';

export interface ServiceEndpointSpec {
  /** Resource type of the service, e.g. `Microsoft.Insights/privateLinkScopes`. */
  type: string;
  name: string;
  groupId: string;
  ip: string;
  /** Every FQDN the endpoint's NIC lists, each with the IP its record holds (the endpoint IP unless given). */
  fqdns: (string | { fqdn: string; ip: string })[];
  /** The service's properties (its network controls); connections are added. */
  properties?: Record<string, unknown>;
  location?: string;
  /** Zones to create in rg-dns, linked to the hub, app and endpoint VNets, with the records for the FQDNs. */
  zones?: { name: string; records: { name: string; ip: string }[] }[];
}

export function serviceId(type: string, name: string): string {
  return `${ids.rgPep}/providers/${type}/${name}`;
}

export function endpointIdOf(name: string): string {
  return `${ids.rgPep}/${network}/privateEndpoints/pe-${name}`;
}

export function zoneIdOf(zoneName: string): string {
  return `${ids.rgDns}/${network}/privateDnsZones/${zoneName}`;
}

/** Adds the service, its endpoint and NIC, and the zones with links and records. */
export function withServiceEndpoint(estate: Estate, spec: ServiceEndpointSpec): Estate {
  const target = serviceId(spec.type, spec.name);
  const endpoint = endpointIdOf(spec.name);
  const nic = `${ids.rgPep}/${network}/networkInterfaces/pe-${spec.name}.nic`;
  const pairs = spec.fqdns.map((entry) => (typeof entry === 'string' ? { fqdn: entry, ip: spec.ip } : entry));
  const endpointResource = privateEndpoint(endpoint, ids.pepSubnet, nic, target, spec.groupId, pairs[0]!.fqdn, spec.ip);
  endpointResource.properties!.customDnsConfigs = pairs.map((pair) => ({ fqdn: pair.fqdn, ipAddresses: [pair.ip] }));
  const nicResource = networkInterface(nic, ids.pepSubnet, spec.ip, {
    privateEndpoint: endpoint,
    groupId: spec.groupId,
    fqdns: pairs.map((pair) => pair.fqdn),
  });
  estate.add(
    {
      id: target,
      name: spec.name,
      type: spec.type,
      location: spec.location ?? 'westeurope',
      properties: {
        ...spec.properties,
        privateEndpointConnections: [
          {
            id: `${target}/privateEndpointConnections/pe-${spec.name}`,
            name: `pe-${spec.name}`,
            properties: {
              privateEndpoint: { id: endpoint },
              privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved' },
              provisioningState: 'Succeeded',
            },
          },
        ],
      },
    },
    endpointResource,
    nicResource,
  );
  for (const zone of spec.zones ?? []) withLinkedZone(estate, zone.name, zone.records);
  return estate;
}

/** A privatelink zone in rg-dns linked to the hub, app and endpoint VNets, holding the given A records. */
export function withLinkedZone(estate: Estate, zoneName: string, records: { name: string; ip: string }[] = []): Estate {
  const zone = zoneIdOf(zoneName);
  estate.copy(ids.vaultZone, zone);
  for (const link of [ids.hubLink, ids.appLink, ids.pepLink]) {
    estate.copy(link, `${zone}/virtualNetworkLinks/${link.split('/').pop()}`);
  }
  for (const record of records) estate.withARecord(zone, record.name, [record.ip]);
  return estate;
}

/** A DNS forwarding ruleset linked to the hub VNet (where the firewall resolves), with one rule. */
export function withHubForwardingRule(estate: Estate, domain: string, target: string): Estate {
  const ruleset = `${ids.rgHub}/${network}/dnsForwardingRulesets/dnsfrs-hub`;
  return estate.add(
    forwardingRuleset(ruleset, `${ids.rgHub}/${network}/dnsResolvers/dnspr-hub/outboundEndpoints/out-hub`),
    forwardingRule(ruleset, 'hub-rule', `${domain}.`, [target]),
    rulesetLink(ruleset, 'hub', ids.hubVnet),
  );
}
