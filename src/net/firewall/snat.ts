// Which flows the firewall SNATs: network rules keep the client's address for destinations in the
// private ranges; application rules always SNAT.
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, FirewallRuleType } from '../../inventory/types.js';
import { parseIpv4 } from '../cidr.js';
import { AddressSet, ianaPrivateRanges } from './addresses.js';
export interface SnatSettings {
  /** Destinations a network rule does not SNAT. */
  readonly privateRanges: AddressSet;
  /** The configured entries, as written (or the default). */
  readonly configured: readonly string[];
  readonly source: 'policy' | 'classic' | 'default';
  /** The resource that holds the setting: the policy, or the firewall. */
  readonly configId: string;
  /** `snat.autoLearnPrivateRanges: Enabled` adds learned ranges plaudit cannot see. */
  readonly autoLearn: boolean;
}

/**
 * The ranges a firewall's network rules do not SNAT. Firewalls with a policy read only the policy's
 * `snat.privateRanges` (a child inheriting its parent's setting is UNCONFIRMED; plaudit assumes it);
 * classic firewalls read `additionalProperties['Network.SNAT.PrivateRanges']`; without either the
 * IANA private ranges (RFC 1918, RFC 6598) apply. `255.255.255.255/32` alone means "always SNAT"
 * and `0.0.0.0/0` "never": both fall out of plain range membership.
 * https://learn.microsoft.com/azure/firewall/snat-private-range
 * Undefined when the firewall's policy was not read.
 */
export function effectiveSnatSettings(inv: Inventory, firewall: AzureFirewall): SnatSettings | undefined {
  if (firewall.policyId) {
    const chain = inv.policyChain(firewall.policyId);
    if (chain.length === 0) return undefined;
    const attached = chain[chain.length - 1]!;
    const setter = [...chain].reverse().find((policy) => policy.snatPrivateRanges !== undefined);
    const configured = setter?.snatPrivateRanges ?? ['IANAPrivateRanges'];
    return {
      privateRanges: expandPrivateRanges(configured),
      configured,
      source: setter ? 'policy' : 'default',
      configId: (setter ?? attached).id,
      autoLearn: [...chain].reverse().some((policy) => policy.snatAutoLearn === true),
    };
  }
  const configured = firewall.classicSnatPrivateRanges ?? ['IANAPrivateRanges'];
  return {
    privateRanges: expandPrivateRanges(configured),
    configured,
    source: firewall.classicSnatPrivateRanges ? 'classic' : 'default',
    configId: firewall.id,
    autoLearn: false,
  };
}

/**
 * Whether the firewall SNATs a flow it lets through: application rules always do (the firewall is a
 * transparent proxy), network rules only towards destinations outside the private ranges. DNAT'ed
 * traffic is SNATed to the firewall as well. Undefined when the answer depends on data not read.
 */
export function snatApplies(
  inv: Inventory,
  firewall: AzureFirewall,
  destinationIp: string,
  ruleType: FirewallRuleType,
): boolean | undefined {
  if (ruleType !== 'Network') return true;
  const settings = effectiveSnatSettings(inv, firewall);
  if (!settings || parseIpv4(destinationIp) === undefined) return undefined;
  const snat = networkRuleSnat(settings, destinationIp);
  return snat === 'unknown' ? undefined : snat === 'snat';
}

/**
 * Whether network-rule traffic to an IP is SNATed under these settings: not towards the private
 * ranges; learned ranges (autoLearnPrivateRanges) can only add private ranges, so any other
 * destination may lose its SNAT too.
 */
export function networkRuleSnat(settings: SnatSettings, destinationIp: string): 'snat' | 'noSnat' | 'unknown' {
  if (settings.privateRanges.hasIp(destinationIp)) return 'noSnat';
  return settings.autoLearn ? 'unknown' : 'snat';
}

export function expandPrivateRanges(entries: readonly string[]): AddressSet {
  const texts = entries.flatMap((entry) =>
    entry.trim().toLowerCase() === 'ianaprivateranges' ? ianaPrivateRanges : [entry],
  );
  return AddressSet.parse(texts);
}
