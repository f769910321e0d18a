// Steps 1-4: how the source resolves the name: the DNS server it asks, the CNAME to the privatelink
// name, the private DNS zone linked where resolution happens, and the A record in that zone.
import type { Inventory } from '../../inventory/inventory.js';
import { resolveAlongPaths, type NameResolution } from '../../net/dns/dns-resolve.js';
import { nicResolutionPaths, resolutionPaths } from '../../net/dns/resolvers.js';
import { servingZoneName } from '../../net/dns/private-dns.js';
import type { TraceSource } from '../source.js';
import { azTarget, shellWord } from './commands.js';
import { endpointIpServing } from './endpoint.js';
import { stepOf, type JudgedSteps, type TraceStep } from './step.js';

const resolver = stepOf('resolver', 'Resolver');
const cname = stepOf('cname', 'CNAME to privatelink');
const zoneAndLink = stepOf('zone', 'Zone and link');
const record = stepOf('record', 'A record');

export interface SourceResolution extends JudgedSteps {
  /** The answer the source gets, which the later steps follow. */
  readonly resolution: NameResolution;
}

export function resolutionSteps(inv: Inventory, source: TraceSource, fqdn: string): SourceResolution {
  // DNS servers set on the source's NIC override its VNet's.
  const nic = inv.nic(source.resourceId);
  const asker = nic && nic.dnsServers.length > 0 ? `NIC ${nic.name}` : source.vnet.name;
  const resolutions = resolveAlongPaths(
    inv,
    nic ? nicResolutionPaths(inv, nic, source.vnet) : resolutionPaths(inv, source.vnet),
    fqdn,
  );
  const resolution = resolutions[0]!;
  const assumptions =
    resolutions.length > 1
      ? [`VNet ${source.vnet.name} has several DNS servers; the trace follows the first (${resolution.resolver}).`]
      : [];
  return {
    resolution,
    steps: [
      resolverStep(source, asker, resolution),
      cnameStep(fqdn, resolution),
      zoneStep(inv, resolution),
      recordStep(resolution, endpointIpServing(inv, resolution.fqdn)),
    ],
    assumptions,
  };
}

/** Steps 1-4 when the client asks no DNS. */
export function resolutionStepsSkipped(reason: string): readonly TraceStep[] {
  return [resolver.skipped(reason), cname.skipped(reason), zoneAndLink.skipped(reason), record.skipped(reason)];
}

function resolverStep(source: TraceSource, asker: string, resolution: NameResolution): TraceStep {
  const resources = [source.vnet.id];
  if (resolution.result.kind === 'unknown') {
    const detail = `${asker} uses ${resolution.resolver}: ${resolution.result.reason}.`;
    // A firewall without DNS proxy answers no query, so the name cannot resolve at all.
    return resolution.path.end.kind === 'proxyDisabled'
      ? resolver.broken(
          detail,
          resources,
          'Turn on DNS proxy in the firewall policy (dnsSettings.enableProxy) or point the VNet at another DNS server.',
        )
      : resolver.unknown(detail, resources);
  }
  if (resolution.path.end.kind === 'publicResolver' && resolution.result.kind === 'public') {
    return resolver.broken(
      `${asker} uses ${resolution.resolver}: ${resolution.result.reason}.`,
      resources,
      "Point the VNet's DNS servers at Azure-provided DNS (168.63.129.16) or at a resolver in a VNet linked to the privatelink zones.",
    );
  }
  const where = resolution.resolvingVnet
    ? `; Azure DNS answers with the zones linked to ${resolution.resolvingVnet.name}`
    : '';
  return resolver.ok(`${asker} uses ${resolution.resolver}${where}.`, resources);
}

function cnameStep(fqdn: string, resolution: NameResolution): TraceStep {
  const privatelinkName = resolution.privatelinkName;
  if (!privatelinkName) {
    return cname.warning(
      `${fqdn} is not the public name of a private link service plaudit knows; it is looked up as is.`,
      [],
    );
  }
  return cname.ok(
    privatelinkName === fqdn ? `${fqdn} is already a privatelink name.` : `${fqdn} is a CNAME to ${privatelinkName}.`,
    [],
  );
}

function zoneStep(inv: Inventory, resolution: NameResolution): TraceStep {
  const result = resolution.result;
  const vnet = resolution.resolvingVnet;
  switch (result.kind) {
    case 'unknown':
      return zoneAndLink.skipped('the resolver could not be followed');
    case 'public': {
      const zoneName = zoneNameOf(inv, resolution);
      const linkTarget = vnet?.name ?? 'the VNet where resolution happens';
      const zones = inv.zonesNamed(zoneName);
      const zone = zones[0];
      if (!zone) {
        return zoneAndLink.broken(
          `No private DNS zone ${zoneName} exists in the snapshot, so Azure DNS returns the public address.`,
          vnet ? [vnet.id] : [],
          `Create zone ${zoneName}, give the endpoint a DNS zone group pointing at it, and link it to ${linkTarget}.`,
        );
      }
      return zoneAndLink.broken(
        `${vnet?.name ?? 'The resolving VNet'} has no link to a private DNS zone serving ${resolution.privatelinkName ?? resolution.fqdn}, so Azure DNS returns the public address.`,
        vnet ? [vnet.id, ...zones.map((candidate) => candidate.id)] : [],
        `Link the privatelink zone to ${linkTarget}: az network private-dns link vnet create ${azTarget(zone.id)} --zone-name ${zone.zoneName} --name ${shellWord(`link-${vnet?.name ?? 'vnet'}`)} --virtual-network ${vnet?.id ?? '<vnet id>'} --registration-enabled false`,
      );
    }
    default:
      return zoneAndLink.ok(
        `Zone ${result.zone.zoneName} is linked to ${vnet?.name ?? 'the resolving VNet'} by link ${result.link.name}.`,
        [result.zone.id, result.link.id],
      );
  }
}

function recordStep(resolution: NameResolution, endpointIp: string | undefined): TraceStep {
  const result = resolution.result;
  switch (result.kind) {
    case 'private':
      return record.ok(`${result.record.name} in ${result.zone.zoneName} holds ${result.ips.join(', ')}.`, [
        result.record.id,
      ]);
    case 'nxdomain':
      return record.broken(
        `Zone ${result.zone.zoneName} has no A record ${result.recordName}, so the name does not resolve (NXDOMAIN).`,
        [result.zone.id],
        `Add the record through the endpoint's DNS zone group, or by hand: ${addRecord(result.zone, result.recordName, endpointIp)}`,
      );
    case 'publicFallback':
      return record.broken(
        `Zone ${result.zone.zoneName} has no A record ${result.recordName}, and link ${result.link.name} falls back to the internet (NxDomainRedirect), so the name resolves to the public address.`,
        [result.zone.id, result.link.id],
        `Add the A record ${result.recordName} with the endpoint's IP to ${result.zone.zoneName}: ${addRecord(result.zone, result.recordName, endpointIp)}`,
      );
    default:
      return record.skipped('no linked zone was consulted');
  }
}

function addRecord(zone: { id: string; zoneName: string }, recordName: string, ip: string | undefined): string {
  return `az network private-dns record-set a add-record ${azTarget(zone.id)} --zone-name ${zone.zoneName} --record-set-name ${shellWord(recordName)} --ipv4-address ${ip ?? '<endpoint IP>'}`;
}

/**
 * The privatelink zone a name belongs in: from `.privatelink.` on; for another name, the zone in
 * the snapshot that holds it, or else its parent domain.
 */
function zoneNameOf(inv: Inventory, resolution: NameResolution): string {
  const name = resolution.privatelinkName ?? resolution.fqdn;
  const index = name.indexOf('.privatelink.');
  if (index >= 0) return name.slice(index + 1);
  const zoneNames = [...new Set([...inv.zones.values()].map((zone) => zone.zoneName))];
  return servingZoneName(name, zoneNames) ?? name.split('.').slice(1).join('.');
}
