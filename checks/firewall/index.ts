import type { Check } from '../define.js';
import dnsNotPrivate from './dns-not-private.js';
import fqdnNetworkRuleWithoutDnsProxy from './fqdn-network-rule-without-dns-proxy.js';
import fqdnNotAllowed from './fqdn-not-allowed.js';
import noSnatToEndpoint from './no-snat-to-endpoint.js';

export const firewallChecks: readonly Check[] = [
  dnsNotPrivate,
  fqdnNetworkRuleWithoutDnsProxy,
  fqdnNotAllowed,
  noSnatToEndpoint,
];
