// Traces through a secured Virtual WAN hub and through network security groups: each hop and the
// NSG rule that decided.
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../test/estates.js';
import { referenceEstate } from '../../test/estates.js';
import { withAppSubnetNsg, withPepSubnetNsg } from '../../test/nsg-estates.js';
import { routeTable } from '../../test/fake-azure/builders.js';
import { vwanEstate, vwanIds, withoutRoutingIntent } from '../../test/vwan-estates.js';
import { buildInventory } from '../inventory/build/index.js';
import { resolveSource } from './source.js';
import { tracePath } from './trace.js';

function trace(estate: Estate, from: string, fqdn: string) {
  const inv = buildInventory(estate.snapshot());
  return tracePath(inv, { source: resolveSource(inv, from), fqdn });
}

const vwanTrace = (estate: Estate) => trace(estate, 'vm-app-weu', 'kv-vwan-app.vault.azure.net');
const broken = (result: ReturnType<typeof trace>) => result.steps[result.brokenAt!]!;

describe('trace through a secured Virtual WAN hub', () => {
  it('walks the hub route, the hub firewall, the hub connection and the endpoint subnet NSG', () => {
    const result = vwanTrace(vwanEstate());
    expect(result.verdict).toBe('works');
    const detail = (kind: string) => result.steps.find((step) => step.kind === kind)!.detail;
    expect(detail('route')).toContain('to Azure Firewall fw-vhub-weu in secured virtual hub vhub-weu');
    expect(detail('firewallRoute')).toContain('over hub connection conn-pep-weu to VNet vnet-pep-weu');
    expect(detail('nsg')).toContain('by rule allow-hub-firewall-443 (priority 100)');
  });

  it('breaks on the way and at the hub when the endpoint spoke has no hub connection', () => {
    const result = vwanTrace(vwanEstate().remove(vwanIds.pepConnection));
    expect(broken(result).kind).toBe('links');
    const atHub = result.steps.find((step) => step.kind === 'firewallRoute')!;
    expect(atHub.verdict).toBe('broken');
    expect(atHub.fix).toContain('az network vhub connection create');
  });

  it("breaks at the firewall's own resolution when it uses Azure DNS in the hub", () => {
    const result = vwanTrace(vwanEstate().set(vwanIds.policy, 'dnsSettings', { servers: [], enableProxy: true }));
    expect(broken(result).kind).toBe('firewallDns');
    expect(broken(result).fix).toContain('cannot be linked to private DNS zones');
  });

  it("gives a spoke whose route table refuses the hub's routes the fix that turns propagation back on", () => {
    const table = vwanIds.appVnet.replace(/virtualNetworks\/.*$/, 'routeTables/rt-app-weu');
    const result = vwanTrace(
      vwanEstate().add(routeTable(table, [])).set(vwanIds.appSubnet, 'routeTable', { id: table }),
    );
    expect(broken(result).kind).toBe('route');
    expect(broken(result).fix).toContain('--disable-bgp-route-propagation false');
  });

  it('warns that the hub router delivers past the firewall without routing intent', () => {
    const result = vwanTrace(withoutRoutingIntent());
    const route = result.steps.find((step) => step.kind === 'route')!;
    expect(route.verdict).toBe('warning');
    expect(route.detail).toContain('past the hub firewall fw-vhub-weu');
  });

  it('names the inbound NSG rule that drops the firewall SNAT address', () => {
    const result = vwanTrace(
      vwanEstate().update(vwanIds.pepNsg, (nsg) => {
        const rules = nsg.properties!.securityRules as { properties: Record<string, unknown> }[];
        rules[0]!.properties.sourceAddressPrefix = '10.11.0.0/16';
      }),
    );
    expect(broken(result).kind).toBe('nsg');
    expect(broken(result).detail).toBe(
      'NSG nsg-sn-pep-weu denies firewall fw-vhub-weu (10.100.0.0/23) to 10.12.0.4 on TCP 443 by rule deny-all-inbound (priority 4096).',
    );
  });
});

describe('trace through network security groups', () => {
  const vault = 'kv-pep-spokepep.vault.azure.net';

  it('adds no step where no NSG is on the path', () => {
    expect(trace(referenceEstate(), 'vm-app', vault).steps.some((step) => step.kind === 'nsg')).toBe(false);
  });

  it('shows the client subnet NSG before the route, with the rule that decided', () => {
    const result = trace(
      withAppSubnetNsg([
        { name: 'deny-all-out', priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*' },
      ]),
      'vm-app',
      vault,
    );
    expect(broken(result).kind).toBe('nsg');
    expect(broken(result).title).toBe('NSG nsg-sn-app (outbound, subnet sn-app)');
    expect(broken(result).detail).toContain('by rule deny-all-out (priority 4000)');
    expect(result.steps.findIndex((step) => step.kind === 'nsg')).toBeLessThan(
      result.steps.findIndex((step) => step.kind === 'route'),
    );
  });

  it('says why the endpoint subnet NSG does not apply while network policies are Disabled', () => {
    const result = trace(
      withPepSubnetNsg(
        [{ name: 'deny-all-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*' }],
        'Disabled',
      ),
      'vm-app',
      vault,
    );
    expect(result.verdict).toBe('works');
    const step = result.steps.find((candidate) => candidate.kind === 'nsg')!;
    expect(step.verdict).toBe('skipped');
    expect(step.detail).toContain('privateEndpointNetworkPolicies Disabled');
  });
});
