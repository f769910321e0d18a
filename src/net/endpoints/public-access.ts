// How a PaaS service admits traffic to its public endpoint, and which subnets its VNet rules name.
// Services differ in where they keep these rules (a `networkAcls` property on Key Vault and Storage,
// child resources on SQL servers) and in what "no rule" means; those differences live in the
// table below and nowhere else.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints
import ipaddr from 'ipaddr.js';
import { normalizeType } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateLinkTarget } from '../../inventory/types.js';
import { isIpv6, parseIpv4Prefix, prefixCovers, type Ipv4Prefix } from '../cidr.js';

export interface ServiceNetworkProfile {
  /** How a person names the service in a sentence: `key vault`, `storage account`. */
  readonly label: string;
  /** Where the public endpoint's allow rules and VNet rules are kept. */
  readonly rules: 'networkAcls' | 'sqlServerChildren';
  /** What the public endpoint does when no ACL (or no default action) is set. */
  readonly defaultAction: 'Allow' | 'Deny';
  /**
   * Subnet service endpoints that satisfy a VNet rule of this service; undefined when plaudit does
   * not know them.
   */
  readonly serviceEndpoints: readonly string[] | undefined;
}

const profiles: Readonly<Record<string, ServiceNetworkProfile>> = {
  'microsoft.keyvault/vaults': {
    label: 'key vault',
    rules: 'networkAcls',
    defaultAction: 'Allow',
    serviceEndpoints: ['Microsoft.KeyVault'],
  },
  'microsoft.storage/storageaccounts': {
    label: 'storage account',
    rules: 'networkAcls',
    defaultAction: 'Allow',
    serviceEndpoints: ['Microsoft.Storage', 'Microsoft.Storage.Global'],
  },
  'microsoft.sql/servers': {
    label: 'SQL server',
    rules: 'sqlServerChildren',
    // Without a firewall rule a SQL server's public endpoint admits no one.
    defaultAction: 'Deny',
    serviceEndpoints: ['Microsoft.Sql'],
  },
  'microsoft.containerregistry/registries': {
    label: 'container registry',
    rules: 'networkAcls',
    defaultAction: 'Allow',
    serviceEndpoints: ['Microsoft.ContainerRegistry'],
  },
  'microsoft.cognitiveservices/accounts': {
    label: 'Azure AI services account',
    rules: 'networkAcls',
    defaultAction: 'Allow',
    serviceEndpoints: ['Microsoft.CognitiveServices'],
  },
};

// Services not in the table: rules read from `networkAcls`/`networkRuleSet`, open without them.
const otherService: ServiceNetworkProfile = {
  label: 'resource',
  rules: 'networkAcls',
  defaultAction: 'Allow',
  serviceEndpoints: undefined,
};

export function serviceNetworkProfile(type: string): ServiceNetworkProfile {
  return profiles[normalizeType(type)] ?? otherService;
}

/** `key vault kv-app`, `SQL server sql-app`, `resource x (microsoft.foo/bars)`. */
export function serviceLabel(target: PrivateLinkTarget): string {
  const profile = serviceNetworkProfile(target.type);
  return profile === otherService ? `resource ${target.name} (${target.type})` : `${profile.label} ${target.name}`;
}

/** `publicNetworkAccess` is a free string on some services: compare without case; missing is enabled. */
export function isPublicAccessDisabled(target: PrivateLinkTarget): boolean {
  return target.publicNetworkAccess?.trim().toLowerCase() === 'disabled';
}

export interface SqlFirewallRule {
  readonly id: string;
  readonly name: string;
  readonly startIp: string | undefined;
  readonly endIp: string | undefined;
  /** 0.0.0.0-0.0.0.0: "allow Azure services and resources to access this server". */
  readonly azureServices: boolean;
}

/** How the public endpoint treats traffic that does not come through a private endpoint. */
export type PublicExposure =
  | { readonly kind: 'disabled' }
  /** A network security perimeter decides (`SecuredByPerimeter`). */
  | { readonly kind: 'securedByPerimeter' }
  /** Open to every network: the ACL's default action is Allow, or no ACL restricts the service. */
  | { readonly kind: 'allNetworks'; readonly aclPresent: boolean }
  /** Denied by default, but IP rules admit public addresses. */
  | { readonly kind: 'publicIpRules'; readonly rules: readonly string[] }
  /** A SQL server whose firewall rules admit addresses (or all Azure services). */
  | { readonly kind: 'sqlFirewallRules'; readonly rules: readonly SqlFirewallRule[] }
  /** On, but nothing public is admitted: ACL default Deny without public IP rules, or no SQL firewall rule. */
  | { readonly kind: 'deniedByDefault'; readonly rules: ServiceNetworkProfile['rules'] };

export function publicExposure(inv: Inventory, target: PrivateLinkTarget): PublicExposure {
  const access = target.publicNetworkAccess?.trim().toLowerCase();
  if (access === 'disabled') return { kind: 'disabled' };
  if (access === 'securedbyperimeter') return { kind: 'securedByPerimeter' };
  const profile = serviceNetworkProfile(target.type);
  if (profile.rules === 'sqlServerChildren') {
    const rules = sqlFirewallRules(inv, target.id);
    return rules.length > 0 ? { kind: 'sqlFirewallRules', rules } : { kind: 'deniedByDefault', rules: profile.rules };
  }
  const acls = target.networkAcls;
  const defaultAction = acls?.defaultAction?.trim().toLowerCase() ?? profile.defaultAction.toLowerCase();
  if (defaultAction !== 'deny') return { kind: 'allNetworks', aclPresent: acls !== undefined };
  const publicRules = (acls?.ipRules ?? []).map(cleanIpRule).filter(admitsPublicAddresses);
  return publicRules.length > 0
    ? { kind: 'publicIpRules', rules: publicRules }
    : { kind: 'deniedByDefault', rules: profile.rules };
}

/** The subnet ids a service's VNet rules name (as written, which Azure often lower-cases). */
export function vnetRuleSubnetIds(inv: Inventory, target: PrivateLinkTarget): readonly string[] {
  if (serviceNetworkProfile(target.type).rules === 'sqlServerChildren') {
    return inv
      .sqlVirtualNetworkRulesOf(target.id)
      .map((rule) => rule.subnetId)
      .filter((id): id is string => id !== undefined);
  }
  return target.networkAcls?.virtualNetworkSubnetIds ?? [];
}

export function sqlFirewallRules(inv: Inventory, serverId: string): readonly SqlFirewallRule[] {
  return inv.sqlFirewallRulesOf(serverId).map(({ id, name, startIp, endIp }) => ({
    id,
    name,
    startIp,
    endIp,
    azureServices: startIp === '0.0.0.0' && endIp === '0.0.0.0',
  }));
}

// Addresses that never reach a public endpoint from the internet: RFC 1918, shared address space
// (RFC 6598), loopback, link-local, and IPv6 unique-local, link-local and loopback.
const nonPublicIpv4 = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
]
  .map(parseIpv4Prefix)
  .filter((prefix): prefix is Ipv4Prefix => prefix !== undefined);
const nonPublicIpv6 = ['fc00::/7', 'fe80::/10', '::1/128'].map((block) => ipaddr.IPv6.parseCIDR(block));

/**
 * Whether an IP rule (an address or CIDR) admits any public address. A rule plaudit cannot parse
 * counts as public, so that it is reported rather than trusted.
 */
export function admitsPublicAddresses(rule: string): boolean {
  const text = cleanIpRule(rule);
  const ipv4 = parseIpv4Prefix(text);
  if (ipv4) return !nonPublicIpv4.some((block) => prefixCovers(block, ipv4));
  if (!isIpv6(text) || !ipaddr.IPv6.isValidCIDR(text.includes('/') ? text : `${text}/128`)) return true;
  const [address, length] = ipaddr.IPv6.parseCIDR(text.includes('/') ? text : `${text}/128`);
  return !nonPublicIpv6.some(([block, blockLength]) => length >= blockLength && address.match(block, blockLength));
}

// Rules are sometimes stored with stray quotes or spaces (e.g. `'10.91.4.0/24'`).
function cleanIpRule(rule: string): string {
  return rule
    .trim()
    .replace(/^['"]+|['"]+$/g, '')
    .trim();
}
