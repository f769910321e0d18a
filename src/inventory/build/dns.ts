// Private DNS zones, their VNet links and record sets; DNS Private Resolvers, their inbound
// endpoints, and forwarding rulesets with their rules and VNet links.
import { normalizeId, parentId, typeFromId } from '../../ids.js';
import { arr, flag, obj, propertiesOf, refId, str, strings } from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type { InventoryData } from '../inventory.js';
import type {
  DnsForwardingRule,
  DnsForwardingRuleset,
  DnsRecordSet,
  DnsResolverInboundEndpoint,
  VirtualNetworkLink,
} from '../types.js';
import { located } from './common.js';

export function toLink(resource: RawResource, key: string, props: JsonObject): VirtualNetworkLink {
  return {
    ...located(resource, key),
    zoneKey: normalizeId(parentId(resource.id)),
    vnetId: refId(props.virtualNetwork),
    registrationEnabled: flag(props.registrationEnabled),
    resolutionPolicy: str(props.resolutionPolicy),
    linkState: str(props.virtualNetworkLinkState),
    provisioningState: str(props.provisioningState),
  };
}

export function toRecordSet(resource: RawResource, key: string, type: string, props: JsonObject): DnsRecordSet {
  return {
    ...located(resource, key),
    zoneKey: normalizeId(parentId(resource.id)),
    recordType: (type.split('/').pop() ?? typeFromId(resource.id) ?? '').toUpperCase(),
    relativeName: resource.name.toLowerCase(),
    aRecords: arr(props.aRecords)
      .map((record) => str(obj(record).ipv4Address))
      .filter((ip): ip is string => ip !== undefined),
    cname: str(obj(props.cnameRecord).cname),
    isAutoRegistered: flag(props.isAutoRegistered),
  };
}

export function toInboundEndpoint(resource: RawResource, key: string, props: JsonObject): DnsResolverInboundEndpoint {
  const configs = arr(props.ipConfigurations).map(obj);
  return {
    ...located(resource, key),
    resolverKey: normalizeId(parentId(resource.id)),
    privateIps: configs.map((config) => str(config.privateIpAddress)).filter((ip): ip is string => ip !== undefined),
    subnetId: configs.map((config) => refId(config.subnet)).find((id) => id !== undefined),
  };
}

function toForwardingRule(resource: RawResource): DnsForwardingRule {
  const props = propertiesOf(resource);
  return {
    ...located(resource, normalizeId(resource.id)),
    domain: (str(props.domainName) ?? '').toLowerCase().replace(/\.$/, ''),
    enabled: (str(props.forwardingRuleState) ?? 'Enabled').toLowerCase() !== 'disabled',
    targetIps: strings(arr(props.targetDnsServers).map((target) => obj(target).ipAddress)),
  };
}

/** Rulesets are read on their own; their rules and VNet links arrive as separate child resources. */
export function attachRulesetChildren(data: InventoryData, rules: RawResource[], links: RawResource[]): void {
  const byId = (a: RawResource, b: RawResource) => normalizeId(a.id).localeCompare(normalizeId(b.id));
  for (const rule of [...rules].sort(byId)) {
    const ruleset = data.forwardingRulesets.get(normalizeId(parentId(rule.id)));
    if (ruleset) (ruleset.rules as DnsForwardingRule[]).push(toForwardingRule(rule));
  }
  for (const link of [...links].sort(byId)) {
    const ruleset = data.forwardingRulesets.get(normalizeId(parentId(link.id)));
    const vnetId = refId(propertiesOf(link).virtualNetwork);
    if (ruleset && vnetId) (ruleset.linkedVnetIds as string[]).push(vnetId);
  }
}

export function toForwardingRuleset(resource: RawResource, key: string): DnsForwardingRuleset {
  return { ...located(resource, key), rules: [], linkedVnetIds: [] };
}
