import { describe, expect, it } from 'vitest';
import {
  consumerIds,
  withGateway,
  withSecondHub,
  withWorkload,
  type WorkloadKindUnderTest,
} from '../../test/consumer-estates.js';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';
import { withHubForwardingRule } from '../../test/service-estates.js';
import { UsageError } from '../errors.js';
import { buildInventory } from '../inventory/build/index.js';
import { resolveSource } from './source.js';
import type { StepKind } from './steps/step.js';
import { tracePath } from './trace.js';

const vaultName = 'kv-pep-spokepep.vault.azure.net';

function trace(estate: Estate, from = 'vm-app', to = vaultName) {
  const inv = buildInventory(estate.snapshot());
  return tracePath(inv, { source: resolveSource(inv, from), fqdn: to });
}

function traceAddress(estate: Estate, address: string, port?: number) {
  const inv = buildInventory(estate.snapshot());
  return tracePath(inv, { source: resolveSource(inv, 'vm-app'), address, ...(port ? { port } : {}) });
}

function fixOf(estate: Estate): string {
  const result = trace(estate);
  return result.steps[result.brokenAt!]!.fix!;
}

const resourceGroup = (id: string) => /\/resourceGroups\/([^/]+)/i.exec(id)![1]!;
const subscription = (id: string) => /^\/subscriptions\/([^/]+)/i.exec(id)![1]!;

function brokenStep(estate: Estate): StepKind | undefined {
  const result = trace(estate);
  return result.brokenAt === undefined ? undefined : result.steps[result.brokenAt]!.kind;
}

describe('trace', () => {
  it('walks a healthy path through DNS, the firewall and the endpoint', () => {
    const result = trace(referenceEstate());
    expect(result.verdict).toBe('works');
    expect(result.steps.map((step) => `${step.kind} ${step.verdict}`)).toEqual([
      'resolver ok',
      'cname ok',
      'zone ok',
      'record ok',
      'endpoint ok',
      'route ok',
      'links ok',
      'firewall ok',
      'firewallDns ok',
      'firewallRoute ok',
      'connection ok',
      'publicAccess ok',
    ]);
    expect(result.brokenSteps).toEqual([]);
    expect(result.destination).toEqual({ fqdn: vaultName, port: 443, protocol: 'HTTPS' });
  });

  it('models NxDomainRedirect on the link: a missing record falls back to the public address', () => {
    const nxdomain = trace(referenceEstate().remove(ids.vaultRecord));
    const strict = nxdomain.steps.find((step) => step.kind === 'record')!;
    expect(strict.verdict).toBe('broken');
    const fallback = trace(
      referenceEstate().remove(ids.vaultRecord).set(ids.appLink, 'resolutionPolicy', 'NxDomainRedirect'),
    );
    const record = fallback.steps.find((step) => step.kind === 'record')!;
    expect(record.detail).toMatch(/NxDomainRedirect/);
    expect(record.verdict).not.toBe('ok');
  });

  it("follows a ruleset linked to the hub for the firewall's own lookup of the public name", () => {
    const result = trace(withHubForwardingRule(referenceEstate(), 'vault.azure.net', '192.168.50.10'));
    const step = result.steps.find((candidate) => candidate.kind === 'firewallDns')!;
    expect(step.verdict).toBe('unknown');
    expect(step.detail).toContain('192.168.50.10');
  });

  it('names a public resolver as such', () => {
    const result = trace(referenceEstate().set(ids.appVnet, 'dhcpOptions', { dnsServers: ['9.9.9.9'] }));
    expect(JSON.stringify(result.steps)).toMatch(/Quad9, a public resolver/);
  });

  it('accepts every kind of source', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    for (const source of ['10.1.0.4', 'VM-APP', ids.vm, ids.vmNic, ids.appSubnet.toUpperCase()]) {
      expect(resolveSource(inv, source).subnet.name, source).toBe('sn-app');
    }
    expect(() => resolveSource(inv, 'vm-nope')).toThrow(UsageError);
    expect(() => resolveSource(inv, '192.168.99.1')).toThrow('no NIC or subnet in the snapshot holds 192.168.99.1');
  });

  // One broken path per kind of step, each a single drift of the reference estate.
  const broken: [string, StepKind, () => Estate][] = [
    [
      'clients use the firewall as DNS server with its proxy off',
      'resolver',
      () =>
        referenceEstate()
          .set(ids.appVnet, 'dhcpOptions', { dnsServers: ['10.0.0.4'] })
          .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
    ],
    ['the app spoke is not linked to the zone', 'zone', () => referenceEstate().remove(ids.appLink)],
    ['the zone has no record for the vault', 'record', () => referenceEstate().remove(ids.vaultRecord)],
    [
      'the record points at an IP no endpoint owns',
      'endpoint',
      () => referenceEstate().set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }]),
    ],
    [
      'the route to the endpoint spoke was deleted',
      'route',
      () =>
        referenceEstate().update(ids.appRouteTable, (table) => {
          (table.properties!.routes as unknown[]).splice(0, 2);
        }),
    ],
    [
      'the firewall rule names another vault',
      'firewall',
      () =>
        referenceEstate().set(ids.appRuleGroup, 'ruleCollections.0.rules.0.targetFqdns', ['kv-other.vault.azure.net']),
    ],
    [
      'the hub is not linked to the zone, so the firewall resolves publicly',
      'firewallDns',
      () => referenceEstate().remove(ids.hubLink),
    ],
    [
      'the hub-to-endpoint peering is disconnected',
      'links',
      () => referenceEstate().set(ids.hubVnet, 'virtualNetworkPeerings.1.properties.peeringState', 'Disconnected'),
    ],
    [
      'the endpoint connection was never approved',
      'connection',
      () =>
        referenceEstate().set(
          ids.vaultEndpoint,
          'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState.status',
          'Pending',
        ),
    ],
  ];
  for (const [name, kind, estate] of broken) {
    it(`stops at the ${kind} step when ${name}`, () => {
      expect(brokenStep(estate())).toBe(kind);
      const result = trace(estate());
      expect(result.verdict).toBe('broken');
      expect(result.steps[result.brokenAt!]!.fix, 'the first broken step carries a fix').toBeTruthy();
    });
  }

  it('goes on past a broken step as if it were fixed, so every broken step shows with its fix', () => {
    const result = trace(
      referenceEstate()
        .remove(ids.appLink)
        .update(ids.appRouteTable, (table) => {
          (table.properties!.routes as unknown[]).splice(0, 2);
        })
        .set(ids.hubVnet, 'virtualNetworkPeerings.1.properties.peeringState', 'Disconnected')
        .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.targetFqdns', ['kv-other.vault.azure.net']),
    );
    expect(result.brokenSteps.map((index) => result.steps[index]!.kind)).toEqual([
      'zone',
      'route',
      'links',
      'firewall',
      'firewallRoute',
    ]);
    expect(result.brokenSteps.every((index) => result.steps[index]!.fix)).toBe(true);
    expect(result.assumptions).toContain(
      'The route and firewall steps are judged for 10.2.0.4, the IP of private endpoint pe-kv-pep-spokepep, as if DNS answered it.',
    );
    expect(result.assumptions).toContain(
      'After the broken step "Route from the source", the trace goes on as if it were fixed: the traffic reaches firewall fw-hub.',
    );
  });

  it("follows the DNS servers set on the source's NIC", () => {
    const result = trace(referenceEstate().set(ids.vmNic, 'dnsSettings.dnsServers', ['10.0.0.4']).remove(ids.hubLink));
    expect(result.steps[0]!.detail).toContain('NIC nic-vm-app uses custom DNS 10.0.0.4');
    expect(result.steps[result.brokenAt!]!.kind).toBe('zone');
  });

  it('warns when a network rule lets the flow through without SNAT', () => {
    const result = trace(referenceEstate().withVaultNetworkRule('Allow'));
    const firewall = result.steps.find((step) => step.kind === 'firewall')!;
    expect(firewall.verdict).toBe('warning');
    expect(firewall.detail).toContain('does not SNAT');
    expect(result.verdict).toBe('works');
  });

  it('warns when the service still accepts public traffic', () => {
    const result = trace(
      referenceEstate()
        .set(ids.vault, 'publicNetworkAccess', 'Enabled')
        .set(ids.vault, 'networkAcls.defaultAction', 'Allow'),
    );
    expect(result.verdict).toBe('works');
    expect(result.steps.at(-1)!.verdict).toBe('warning');
  });

  it('cannot judge a path through a DNS server outside the snapshot', () => {
    const result = trace(referenceEstate().set(ids.appVnet, 'dhcpOptions', { dnsServers: ['192.168.10.5'] }));
    expect(result.verdict).toBe('unknown');
    expect(result.steps[0]!.verdict).toBe('unknown');
  });

  it('refuses a name that is no private-endpoint name instead of tracing it through public DNS', () => {
    expect(() => trace(referenceEstate(), 'vm-app', 'example.com')).toThrow(UsageError);
    expect(() => trace(referenceEstate(), 'vm-app', 'www.example.com')).toThrow(
      'www.example.com is not a private-endpoint name: no private link service uses its domain and no private DNS zone in the snapshot holds it',
    );
    // A known service's name is traced even when nothing in the snapshot serves it.
    expect(trace(referenceEstate(), 'vm-app', 'kv-elsewhere.vault.azure.net').verdict).toBe('broken');
  });
});

describe('trace to an address', () => {
  it('skips DNS and follows the route, the firewall and the endpoint that owns the address', () => {
    const result = traceAddress(referenceEstate().withVaultNetworkRule('Allow'), '10.2.0.4');
    expect(result.destination).toEqual({ address: '10.2.0.4', port: 443, protocol: 'HTTPS' });
    expect(result.steps.map((step) => `${step.kind} ${step.verdict}`)).toEqual([
      'resolver skipped',
      'cname skipped',
      'zone skipped',
      'record skipped',
      'endpoint ok',
      'route ok',
      'links ok',
      'firewall warning',
      'firewallDns skipped',
      'firewallRoute ok',
      'connection ok',
      'publicAccess ok',
    ]);
    expect(result.steps[0]!.detail).toBe('Skipped: the destination is an address, so the client asks no DNS.');
    expect(result.verdict).toBe('works');
  });

  it('judges firewall rules by address only, and says which name to trace for rules by name', () => {
    const result = traceAddress(referenceEstate(), '10.2.0.4', 443);
    expect(result.steps[result.brokenAt!]!.kind).toBe('firewall');
    expect(result.steps[result.brokenAt!]!.fix).toContain('network rule to 10.2.0.4 (TCP 443)');
    expect(result.assumptions).toContain(
      `The client connects to 10.2.0.4 by address, so only firewall rules by address can allow it; trace ${vaultName} to judge rules by name.`,
    );
  });

  it('cannot name the endpoint of an address no endpoint owns, and still routes to it', () => {
    const result = traceAddress(referenceEstate(), '10.2.0.200');
    const endpoint = result.steps.find((step) => step.kind === 'endpoint')!;
    expect(endpoint.verdict).toBe('unknown');
    expect(result.steps.find((step) => step.kind === 'route')!.verdict).toBe('ok');
  });
});

describe('trace fixes', () => {
  it('name the zone, its resource group and subscription when the link is missing', () => {
    const fix = fixOf(referenceEstate().remove(ids.appLink));
    expect(fix).toBe(
      `Link the privatelink zone to vnet-app: az network private-dns link vnet create --resource-group ${resourceGroup(ids.vaultZone)} --subscription ${subscription(ids.vaultZone)} --zone-name privatelink.vaultcore.azure.net --name link-vnet-app --virtual-network ${ids.appVnet} --registration-enabled false`,
    );
  });

  it("name the endpoint's IP and the zone's resource group when the record is missing", () => {
    const fix = fixOf(referenceEstate().remove(ids.vaultRecord));
    expect(fix).toContain(
      `az network private-dns record-set a add-record --resource-group ${resourceGroup(ids.vaultZone)} --subscription ${subscription(ids.vaultZone)} --zone-name privatelink.vaultcore.azure.net --record-set-name kv-pep-spokepep --ipv4-address 10.2.0.4`,
    );
  });

  it("name the route table, the endpoint's address space and the firewall's IP when the route is gone", () => {
    const fix = fixOf(
      referenceEstate().update(ids.appRouteTable, (table) => {
        (table.properties!.routes as unknown[]).splice(0, 2);
      }),
    );
    expect(fix).toBe(
      `Route 10.2.0.0/16 to firewall fw-hub in route table rt-app: az network route-table route create --resource-group ${resourceGroup(ids.appRouteTable)} --subscription ${subscription(ids.appRouteTable)} --route-table-name rt-app --name to-pep-via-firewall --address-prefix 10.2.0.0/16 --next-hop-type VirtualAppliance --next-hop-ip-address 10.0.0.4`,
    );
  });

  it("name the service's copy of a pending connection", () => {
    const fix = fixOf(
      referenceEstate().set(
        ids.vaultEndpoint,
        'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState.status',
        'Pending',
      ),
    );
    expect(fix).toMatch(
      new RegExp(
        `^Ask the service owner to approve it: az network private-endpoint-connection approve --id ${ids.vault}/privateEndpointConnections/\\S+$`,
        'i',
      ),
    );
  });

  it('leave no placeholder where the value is known', () => {
    const drifts = [
      referenceEstate().remove(ids.appLink),
      referenceEstate().remove(ids.vaultRecord),
      referenceEstate().update(ids.appRouteTable, (table) => {
        (table.properties!.routes as unknown[]).splice(0, 2);
      }),
    ];
    for (const estate of drifts) expect(fixOf(estate)).not.toMatch(/<[a-z][^>]*>/i);
  });
});

describe('trace sources and hubs', () => {
  it('starts from an AKS cluster or node pool, a scale set, a web app, a Container Apps environment', () => {
    const sources: [WorkloadKindUnderTest, string[]][] = [
      [
        'aksNodePool',
        ['aks-app', 'aks-app/nodepool1', consumerIds.cluster, `${consumerIds.cluster}/agentPools/nodepool1`],
      ],
      ['aksKubenetScaleSet', ['aks-nodepool1-12345678-vmss', consumerIds.scaleSet]],
      ['appService', ['app-orders', consumerIds.site.toUpperCase()]],
      ['containerApps', ['cae-app']],
    ];
    for (const [kind, texts] of sources) {
      const inv = buildInventory(withWorkload(referenceEstate(), kind, true).snapshot());
      for (const text of texts) {
        const source = resolveSource(inv, text);
        expect(source.subnet.name, text).toBe('sn-workload');
        expect(source.address, text).toMatch(/^10\.1\.8\.0\//);
        expect(tracePath(inv, { source, fqdn: vaultName }).steps.find((step) => step.kind === 'route')!.verdict).toBe(
          'ok',
        );
      }
    }
    const inv = buildInventory(referenceEstate().snapshot());
    expect(() => resolveSource(inv, 'aks-app/nodepool9')).toThrow(UsageError);
  });

  it('starts on-premises at the gateway and judges its routes, not its unknown sources', () => {
    const inv = buildInventory(withGateway(referenceEstate(), false).snapshot());
    for (const text of ['gateway', 'gateway:vnet-hub', 'gateway:ergw-hub', consumerIds.gateway]) {
      const source = resolveSource(inv, text);
      expect(source.onPremises, text).toBe(true);
      expect(source.subnet.name).toBe('GatewaySubnet');
    }
    const result = tracePath(inv, { source: resolveSource(inv, 'gateway'), fqdn: vaultName });
    const route = result.steps.find((step) => step.kind === 'route')!;
    expect(route.verdict).toBe('warning');
    expect(route.detail).toContain('past the hub firewall fw-hub');
    expect(() => resolveSource(inv, 'gateway:nope')).toThrow(UsageError);
    const steered = buildInventory(withGateway(referenceEstate(), true).snapshot());
    const through = tracePath(steered, { source: resolveSource(steered, 'gateway'), fqdn: vaultName });
    expect(through.steps.find((step) => step.kind === 'route')!.verdict).toBe('ok');
    expect(through.steps.find((step) => step.kind === 'firewall')!.verdict).toBe('unknown');
  });

  it('crosses two hubs, judging each firewall and the route at each hop', () => {
    const inv = buildInventory(withSecondHub(referenceEstate(), { farRoutes: true }).snapshot());
    const result = tracePath(inv, { source: resolveSource(inv, 'vm-far'), address: '10.2.0.4', port: 443 });
    expect(result.steps.map((step) => `${step.kind} ${step.verdict}`).slice(5)).toEqual([
      'route ok',
      'links ok',
      'firewall broken',
      'firewallDns skipped',
      'firewallRoute ok',
      'firewall broken',
      'firewallDns skipped',
      'firewallRoute ok',
      'connection ok',
      'publicAccess ok',
    ]);
    const links = result.steps.find((step) => step.kind === 'links')!;
    expect(links.detail).toBe('vnet-far -> vnet-hub2 (fw-hub2) -> vnet-hub (fw-hub) -> vnet-pep.');
    expect(result.steps.filter((step) => step.kind === 'firewall').map((step) => step.detail.split(' ')[0])).toEqual([
      'fw-hub2',
      'fw-hub',
    ]);
  });

  it('names the missing route to the next hub, and goes on to that hub', () => {
    const inv = buildInventory(
      withSecondHub(referenceEstate(), { farRoutes: true })
        .unset(consumerIds.hub2FirewallSubnet, 'routeTable')
        .snapshot(),
    );
    const result = tracePath(inv, { source: resolveSource(inv, 'vm-far'), address: '10.2.0.4', port: 443 });
    const onward = result.steps.filter((step) => step.kind === 'firewallRoute');
    expect(onward.map((step) => step.verdict)).toEqual(['broken', 'ok']);
    expect(onward[0]!.fix).toContain('--next-hop-ip-address 10.0.0.4');
  });
});
