// How each service family's own controls decide who reaches its public endpoint. The services
// table (src/data/services.ts) says which family a type belongs to; a type it does not know is
// judged only by an explicit `publicNetworkAccess: Disabled`, and is otherwise left undecided.
import { nameFromId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateLinkTarget } from '../../inventory/types.js';
import { arr, obj, propertiesOf, str, type JsonObject } from '../../snapshot/json.js';
import { serviceEntry } from '../../data/services.js';
import { admitsPublicAddresses, cleanIpRule, sqlFirewallRules, type SqlFirewallRule } from './public-access-rules.js';

/** How the public endpoint treats traffic that does not come through a private endpoint. */
export type PublicExposure =
  /** Closed: `publicNetworkAccess` is `Disabled`, or the service's own controls close it (`how`). */
  | { readonly kind: 'disabled'; readonly how?: string }
  /** A network security perimeter decides (`SecuredByPerimeter`). */
  | { readonly kind: 'securedByPerimeter' }
  /** Open to every network: the default action is Allow, or nothing restricts the service. */
  | { readonly kind: 'allNetworks'; readonly aclPresent: boolean }
  /** Denied by default, but rules admit public addresses (or service tags). */
  | { readonly kind: 'publicIpRules'; readonly rules: readonly string[] }
  /** A SQL server whose firewall rules admit addresses (or all Azure services). */
  | { readonly kind: 'sqlFirewallRules'; readonly rules: readonly SqlFirewallRule[] }
  /** Denied by default, except for the subnets its VNet rules admit over service endpoints. */
  | { readonly kind: 'vnetRulesOnly'; readonly subnets: readonly string[] }
  /** On, but nothing is admitted: ACL default Deny without rules, or no SQL firewall rule. */
  | { readonly kind: 'deniedByDefault'; readonly rules: 'networkAcls' | 'sqlServerChildren' }
  /** An Azure Monitor Private Link Scope whose access modes let its networks reach resources outside it. */
  | { readonly kind: 'monitorScopeOpen'; readonly modes: readonly string[] }
  /** The controls plaudit would need are missing or unknown to it. */
  | { readonly kind: 'unknown'; readonly reason: string };

export function publicExposure(inv: Inventory, target: PrivateLinkTarget): PublicExposure {
  const props = propertiesOf(inv.resource(target.id));
  const access = target.publicNetworkAccess?.trim().toLowerCase();
  if (access === 'disabled') return { kind: 'disabled' };
  if (access === 'securedbyperimeter') return { kind: 'securedByPerimeter' };
  const controls = serviceEntry(target.type)?.publicAccess;
  if (!controls) {
    return {
      kind: 'unknown',
      reason: `plaudit does not know how ${target.type} controls its public endpoint${access ? ` beyond publicNetworkAccess ${target.publicNetworkAccess}` : ', and it sets no publicNetworkAccess'}`,
    };
  }
  const missing = access === undefined && controls.missingPublicNetworkAccess === 'unknown';
  switch (controls.family) {
    case 'monitorScope':
      return monitorScope(props);
    case 'kubernetes':
      return kubernetes(props);
    case 'appService':
      return appService(inv, target, props, missing);
  }
  if (missing) return unsaid(target);
  switch (controls.family) {
    case 'networkAcls':
      return networkAcls(target);
    case 'sqlServer':
      return sqlServer(inv, target);
    case 'cosmosDb':
      return cosmosDb(props);
    case 'messaging':
      return messaging(inv, target);
  }
}

function unsaid(target: PrivateLinkTarget): PublicExposure {
  return {
    kind: 'unknown',
    reason: `${nameFromId(target.id)} was read without publicNetworkAccess, whose default plaudit does not know for ${target.type}`,
  };
}

function networkAcls(target: PrivateLinkTarget): PublicExposure {
  const acls = target.networkAcls;
  // Without a rule set, or with default action Allow, the endpoint admits every network.
  if (acls?.defaultAction?.trim().toLowerCase() !== 'deny') return { kind: 'allNetworks', aclPresent: !!acls };
  return denyByDefault(acls.ipRules, acls.virtualNetworkSubnetIds, 'networkAcls');
}

function denyByDefault(
  ipRules: readonly string[],
  subnets: readonly string[],
  rules: 'networkAcls' | 'sqlServerChildren',
): PublicExposure {
  const publicRules = ipRules.map(cleanIpRule).filter(admitsPublicAddresses);
  if (publicRules.length > 0) return { kind: 'publicIpRules', rules: publicRules };
  if (subnets.length > 0) return { kind: 'vnetRulesOnly', subnets: subnets.map(subnetLabel) };
  return { kind: 'deniedByDefault', rules };
}

function sqlServer(inv: Inventory, target: PrivateLinkTarget): PublicExposure {
  const rules = sqlFirewallRules(inv, target.id);
  if (rules.length > 0) return { kind: 'sqlFirewallRules', rules };
  const subnets = inv
    .sqlVirtualNetworkRulesOf(target.id)
    .map((rule) => rule.subnetId)
    .filter((id): id is string => id !== undefined);
  return denyByDefault([], subnets, 'sqlServerChildren');
}

// https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall
function cosmosDb(props: JsonObject): PublicExposure {
  // Older accounts keep the same list as one comma-separated `ipRangeFilter` string.
  const ipRules = [
    ...arr(props.ipRules)
      .map((rule) => str(obj(rule).ipAddressOrRange))
      .filter((rule): rule is string => rule !== undefined),
    ...(str(props.ipRangeFilter) ?? '')
      .split(',')
      .map((rule) => rule.trim())
      .filter((rule) => rule !== ''),
  ];
  const filtered = props.isVirtualNetworkFilterEnabled === true;
  const subnets = filtered
    ? arr(props.virtualNetworkRules)
        .map((rule) => str(obj(rule).id))
        .filter((id): id is string => id !== undefined)
    : [];
  if (ipRules.length === 0 && !filtered) return { kind: 'allNetworks', aclPresent: false };
  return denyByDefault(ipRules, subnets, 'networkAcls');
}

// Event Hubs and Service Bus keep their firewall in a `networkRuleSets/default` child resource.
// https://learn.microsoft.com/azure/event-hubs/network-security
function messaging(inv: Inventory, target: PrivateLinkTarget): PublicExposure {
  const ruleSet = inv.resource(`${target.id}/networkRuleSets/default`);
  if (!ruleSet) {
    return {
      kind: 'unknown',
      reason: `public network access is on for ${nameFromId(target.id)}, but its network rule set (networkRuleSets/default) was not read`,
    };
  }
  const props = propertiesOf(ruleSet);
  if (str(props.publicNetworkAccess)?.toLowerCase() === 'disabled') return { kind: 'disabled' };
  if (str(props.defaultAction)?.toLowerCase() !== 'deny') return { kind: 'allNetworks', aclPresent: true };
  const ipRules = arr(props.ipRules)
    .map((rule) => str(obj(rule).ipMask))
    .filter((rule): rule is string => rule !== undefined);
  const subnets = arr(props.virtualNetworkRules)
    .map((rule) => str(obj(obj(rule).subnet).id))
    .filter((id): id is string => id !== undefined);
  return denyByDefault(ipRules, subnets, 'networkAcls');
}

// https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design#control-how-private-links-apply-to-your-networks
function monitorScope(props: JsonObject): PublicExposure {
  const settings = props.accessModeSettings;
  if (!settings || typeof settings !== 'object') {
    return { kind: 'unknown', reason: 'the scope was read without accessModeSettings' };
  }
  const modes: string[] = [];
  const { ingestionAccessMode, queryAccessMode, exclusions } = obj(settings);
  if (str(ingestionAccessMode)?.toLowerCase() !== 'privateonly')
    modes.push(`ingestion ${str(ingestionAccessMode) ?? 'Open (default)'}`);
  if (str(queryAccessMode)?.toLowerCase() !== 'privateonly')
    modes.push(`query ${str(queryAccessMode) ?? 'Open (default)'}`);
  for (const exclusion of arr(exclusions)) {
    const entry = obj(exclusion);
    const open = [entry.ingestionAccessMode, entry.queryAccessMode].some((mode) => str(mode)?.toLowerCase() === 'open');
    if (open) modes.push(`exclusion for ${str(entry.privateEndpointConnectionName) ?? 'a connection'} Open`);
  }
  return modes.length > 0 ? { kind: 'monitorScopeOpen', modes } : { kind: 'disabled', how: 'access modes PrivateOnly' };
}

// https://learn.microsoft.com/azure/aks/private-clusters, https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
function kubernetes(props: JsonObject): PublicExposure {
  const profile = props.apiServerAccessProfile;
  if (!profile || typeof profile !== 'object') {
    return {
      kind: 'unknown',
      reason: 'the cluster was read without apiServerAccessProfile, so whether it is private is not known',
    };
  }
  const access = obj(profile);
  if (access.enablePrivateCluster === true) return { kind: 'disabled', how: 'private cluster' };
  const ranges = arr(access.authorizedIPRanges)
    .map((range) => str(range))
    .filter((range): range is string => range !== undefined);
  if (ranges.length === 0) return { kind: 'allNetworks', aclPresent: false };
  const publicRanges = ranges.map(cleanIpRule).filter(admitsPublicAddresses);
  return publicRanges.length > 0
    ? { kind: 'publicIpRules', rules: publicRanges }
    : { kind: 'deniedByDefault', rules: 'networkAcls' };
}

// Access restrictions: rules by priority, then the default action (Allow without rules, Deny
// once any rule exists unless `ipSecurityRestrictionsDefaultAction` says otherwise).
// https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions
function appService(inv: Inventory, target: PrivateLinkTarget, props: JsonObject, missing: boolean): PublicExposure {
  const siteConfig = obj(props.siteConfig);
  const webConfig = propertiesOf(inv.resource(`${target.id}/config/web`));
  const config = Array.isArray(webConfig.ipSecurityRestrictions) ? webConfig : siteConfig;
  // Before `publicNetworkAccess` existed, an app with a private endpoint closed its public side
  // by itself; without the property the state is not known.
  if (missing) {
    return { kind: 'unknown', reason: 'the app was read without publicNetworkAccess' };
  }
  if (!Array.isArray(config.ipSecurityRestrictions)) {
    return {
      kind: 'unknown',
      reason: 'its access restrictions (siteConfig.ipSecurityRestrictions) were not read',
    };
  }
  const rules = [...config.ipSecurityRestrictions]
    .map(obj)
    .sort((a, b) => (Number(a.priority) || 0) - (Number(b.priority) || 0));
  const admitted: string[] = [];
  const subnets: string[] = [];
  for (const rule of rules) {
    const action = str(rule.action)?.toLowerCase() ?? 'allow';
    const address = str(rule.ipAddress)?.trim();
    const anyAddress = address?.toLowerCase() === 'any' || address === '0.0.0.0/0';
    if (action === 'deny') {
      if (anyAddress) break;
      continue;
    }
    if (anyAddress) return { kind: 'allNetworks', aclPresent: true };
    const subnet = str(rule.vnetSubnetResourceId);
    if (subnet) subnets.push(subnet);
    else if (str(rule.tag)?.toLowerCase() === 'servicetag' && address) admitted.push(`service tag ${address}`);
    else if (address && admitsPublicAddresses(address)) admitted.push(cleanIpRule(address));
  }
  const explicitDefault = str(config.ipSecurityRestrictionsDefaultAction)?.toLowerCase();
  const defaultAction = explicitDefault ?? (rules.length > 0 ? 'deny' : 'allow');
  if (defaultAction === 'allow') return { kind: 'allNetworks', aclPresent: rules.length > 0 };
  if (admitted.length > 0) return { kind: 'publicIpRules', rules: admitted };
  if (subnets.length > 0) return { kind: 'vnetRulesOnly', subnets: subnets.map(subnetLabel) };
  return { kind: 'deniedByDefault', rules: 'networkAcls' };
}

/** `vnet-app/sn-app` from a subnet id. */
function subnetLabel(id: string): string {
  const match = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)/i.exec(id);
  return match ? `${match[1]}/${match[2]}` : id;
}
