// How a PaaS service admits traffic to its public endpoint, and which subnets its VNet rules name.
// Services differ in where they keep these rules (a `networkAcls` property on Key Vault and Storage,
// child resources on SQL servers, access modes on an Azure Monitor Private Link Scope, the API
// server profile on AKS, access restrictions on App Service) and in what "no rule" means; the
// services table (src/data/services.ts) says which applies, public-exposure.ts reads them.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints
import { normalizeType } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateLinkTarget } from '../../inventory/types.js';
import { serviceEntry } from '../../data/services.js';

export { publicExposure, type PublicExposure } from './public-exposure.js';
export { admitsPublicAddresses, sqlFirewallRules, type SqlFirewallRule } from './public-access-rules.js';

export interface ServiceNetworkProfile {
  /** How a person names the service in a sentence: `key vault`, `storage account`. */
  readonly label: string;
  /** Where the public endpoint's allow rules and VNet rules are kept. */
  readonly rules: 'networkAcls' | 'sqlServerChildren';
  /**
   * Subnet service endpoints that satisfy a VNet rule of this service; undefined when plaudit does
   * not know them.
   */
  readonly serviceEndpoints: readonly string[] | undefined;
}

const otherService: ServiceNetworkProfile = { label: 'resource', rules: 'networkAcls', serviceEndpoints: undefined };

export function serviceNetworkProfile(type: string): ServiceNetworkProfile {
  const entry = serviceEntry(normalizeType(type));
  if (!entry) return otherService;
  return {
    label: entry.label,
    rules: entry.publicAccess?.family === 'sqlServer' ? 'sqlServerChildren' : 'networkAcls',
    serviceEndpoints: entry.publicAccess?.serviceEndpoints,
  };
}

/** `key vault kv-app`, `SQL server sql-app`, `resource x (microsoft.foo/bars)`. */
export function serviceLabel(target: PrivateLinkTarget): string {
  const entry = serviceEntry(target.type);
  return entry ? `${entry.label} ${target.name}` : `resource ${target.name} (${target.type})`;
}

/** `publicNetworkAccess` is a free string on some services: compare without case; missing is enabled. */
export function isPublicAccessDisabled(target: PrivateLinkTarget): boolean {
  return target.publicNetworkAccess?.trim().toLowerCase() === 'disabled';
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
