import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';
import { normalizeId } from '../ids.js';
import { readSnapshotFile } from '../snapshot/read.js';
import type { RawResource } from '../snapshot/types.js';
import { diffHasChanges, diffSnapshots } from './diff.js';
import type { DiffValue, SnapshotDiff } from './types.js';

type Json = Record<string, unknown>;

interface Drift {
  added?: string[];
  removed?: string[];
  /** resource id -> property -> [before, after] */
  changed?: Record<string, Record<string, [DiffValue, DiffValue]>>;
}

const network = 'providers/Microsoft.Network';
const blobZone = `${ids.rgDns}/${network}/privateDnsZones/privatelink.blob.core.windows.net`;
const parentPolicy = `${ids.rgHub}/${network}/firewallPolicies/fwpol-parent`;
const ipGroup = `${ids.rgHub}/${network}/ipGroups/ipg-spokes`;
const aliasRecord = `${ids.vaultZone}/CNAME/alias`;
const newSubnet = `${ids.appVnet}/subnets/sn-app2`;

describe('diffSnapshots', () => {
  it('finds no drift between a snapshot and itself', () => {
    const diff = diffSnapshots(referenceEstate().snapshot(), referenceEstate().snapshot());
    expect(diff).toEqual({ schemaVersion: 1, added: [], removed: [], changed: [] });
    expect(diffHasChanges(diff)).toBe(false);
  });

  it('ignores noise: etags, GUIDs, array order, id and type letter case, embedded vs standalone children', () => {
    const diff = diffSnapshots(richEstate().snapshot(), withNoise(richEstate()).snapshot());
    expect(drift(diff)).toEqual(expected({}));
  });

  it('reports exactly the planted changes under noise', () => {
    const planted = richEstate()
      .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }, { ipv4Address: '10.2.0.14' }])
      .remove(ids.appLink)
      .set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.0.5')
      .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.targetFqdns', [
        'kv-other.vault.azure.net',
        'kv-pep-spokepep.vault.azure.net',
      ])
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .set(ids.hubVnet, 'virtualNetworkPeerings.1.properties.peeringState', 'Disconnected');
    const diff = diffSnapshots(richEstate().snapshot(), withNoise(planted).snapshot());
    expect(diffHasChanges(diff)).toBe(true);
    expect(drift(diff)).toEqual(
      expected({
        removed: [ids.appLink],
        changed: {
          [ids.vaultRecord]: {
            aRecords: [
              ['10.2.0.14', '10.2.0.4'],
              ['10.2.0.14', '10.2.0.9'],
            ],
          },
          [ids.appRouteTable]: { 'routes[to-pep-via-firewall].nextHopIpAddress': ['10.0.0.4', '10.0.0.5'] },
          [ids.appRuleGroup]: {
            'ruleCollections[allow-keyvault].rules[app-to-kv-pep-spokepep].targetFqdns': [
              ['kv-pep-spokepep.vault.azure.net', 'kv-pep-spokepep.vaultcore.azure.net'],
              ['kv-other.vault.azure.net', 'kv-pep-spokepep.vault.azure.net'],
            ],
          },
          [ids.vault]: { publicNetworkAccess: ['Disabled', 'Enabled'] },
          [ids.hubToPep]: { peeringState: ['Connected', 'Disconnected'] },
        },
      }),
    );
    // The new snapshot's ids are upper case: that is how they are shown.
    expect(diff.removed[0]?.resourceId).toBe(ids.appLink);
    expect(diff.changed.map((change) => change.resourceId)).toContain(ids.vault.toUpperCase());
  });

  it('reports the drift between the bundled clean and drifted estates', async () => {
    const diff = diffSnapshots(
      await readSnapshotFile('examples/clean.json'),
      await readSnapshotFile('examples/drifted.json'),
    );
    const rgPep = `${ids.landingZone}/resourceGroups/rg-pep`;
    expect(drift(diff)).toEqual(
      expected({
        added: [
          `${ids.vaultZone}/A/kv-legacy-billing`,
          `${ids.vaultZone}/A/kv-pep-payments`,
          `${ids.rgApp}/${network}/routeTables/rt-batch`,
          `${ids.appVnet}/subnets/sn-batch`,
          `${rgPep}/providers/Microsoft.KeyVault/vaults/kv-pep-payments`,
          `${rgPep}/${network}/privateEndpoints/pe-kv-pep-payments`,
          `${rgPep}/${network}/privateEndpoints/pe-kv-pep-payments/privateDnsZoneGroups/default`,
          `${rgPep}/${network}/privateEndpoints/pe-stpepspokelogs-blob`,
          `${rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokelogs`,
        ],
        removed: [ids.appLink],
        changed: {
          [ids.hubLink]: { registrationEnabled: [false, true] },
          [ids.appRuleGroup]: {
            'ruleCollections[allow-keyvault].rules[app-to-kv-pep-spokepep].targetFqdns': [
              ['kv-pep-spokepep.vault.azure.net'],
              ['kv-pep-payments.vault.azure.net', 'kv-pep-spokepep.vault.azure.net'],
            ],
          },
          [ids.pepToHub]: { peeringState: ['Connected', 'Disconnected'] },
        },
      }),
    );
    const account = diff.added.find((entry) => entry.resourceId.endsWith('stpepspokelogs'));
    expect(account?.type).toBe('microsoft.storage/storageaccounts');
    expect(account?.properties).toMatchObject({ publicNetworkAccess: 'Enabled', 'networkAcls.defaultAction': 'Allow' });
  });

  // Each case builds both snapshots from a fresh reference estate: `old` (if given) and `new`.
  const cases: { name: string; old?: (estate: Estate) => Estate; new: (estate: Estate) => Estate; expect: Drift }[] = [
    {
      name: 'a CNAME record is added',
      new: (estate) => estate.add(cname('kv-pep-spokepep.privatelink.vaultcore.azure.net')),
      expect: { added: [aliasRecord] },
    },
    {
      name: 'a CNAME target changes, but not by letter case or a trailing dot',
      old: (estate) => estate.add(cname('kv-pep-spokepep.privatelink.vaultcore.azure.net')),
      new: (estate) => estate.add(cname('KV-other.privatelink.vaultcore.azure.net.')),
      expect: {
        changed: {
          [aliasRecord]: {
            cname: ['kv-pep-spokepep.privatelink.vaultcore.azure.net', 'KV-other.privatelink.vaultcore.azure.net.'],
          },
        },
      },
    },
    {
      name: 'a CNAME target differs only in letter case and a trailing dot',
      old: (estate) => estate.add(cname('kv-pep-spokepep.privatelink.vaultcore.azure.net')),
      new: (estate) => estate.add(cname('KV-pep-spokepep.privatelink.vaultcore.azure.net.')),
      expect: {},
    },
    {
      name: 'a zone is deleted (its records are still listed)',
      new: (estate) => estate.remove(ids.vaultZone),
      expect: { removed: [ids.vaultZone] },
    },
    {
      name: 'a link moves to another VNet and falls back to the internet',
      new: (estate) =>
        estate
          .set(ids.hubLink, 'virtualNetwork', { id: ids.pepVnet })
          .set(ids.hubLink, 'resolutionPolicy', 'NxDomainRedirect'),
      expect: {
        changed: {
          [ids.hubLink]: {
            virtualNetwork: [ids.hubVnet, ids.pepVnet],
            resolutionPolicy: ['Default', 'NxDomainRedirect'],
          },
        },
      },
    },
    {
      name: 'a link without resolutionPolicy reads as Default',
      new: (estate) => unset(estate, ids.hubLink, 'resolutionPolicy'),
      expect: {},
    },
    {
      name: 'a link is not ready',
      new: (estate) =>
        estate
          .set(ids.pepLink, 'virtualNetworkLinkState', 'InProgress')
          .set(ids.pepLink, 'provisioningState', 'Updating'),
      expect: {
        changed: {
          [ids.pepLink]: {
            virtualNetworkLinkState: ['Completed', 'InProgress'],
            provisioningState: ['Succeeded', 'Updating'],
          },
        },
      },
    },
    {
      name: 'a route is added, one removed, and BGP propagation enabled',
      new: (estate) =>
        estate
          .update(ids.appRouteTable, (table) => {
            const properties = table.properties as { routes: Json[] };
            properties.routes = [
              properties.routes[0]!,
              {
                name: 'to-hub',
                properties: {
                  addressPrefix: '10.0.0.0/16',
                  nextHopType: 'VirtualAppliance',
                  nextHopIpAddress: '10.0.0.4',
                },
              },
            ];
          })
          .set(ids.appRouteTable, 'disableBgpRoutePropagation', false),
      expect: {
        changed: {
          [ids.appRouteTable]: {
            disableBgpRoutePropagation: [true, false],
            'routes[default-via-firewall]': [
              { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' },
              null,
            ],
            'routes[to-hub]': [
              null,
              { addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' },
            ],
          },
        },
      },
    },
    {
      name: 'a route becomes a blackhole',
      new: (estate) =>
        unset(
          estate.set(ids.appRouteTable, 'routes.0.properties.nextHopType', 'None'),
          ids.appRouteTable,
          'routes.0.properties.nextHopIpAddress',
        ),
      expect: {
        changed: {
          [ids.appRouteTable]: {
            'routes[to-pep-via-firewall].nextHopType': ['VirtualAppliance', 'None'],
            'routes[to-pep-via-firewall].nextHopIpAddress': ['10.0.0.4', null],
          },
        },
      },
    },
    {
      name: 'routes read as standalone resources belong to their table',
      new: (estate) =>
        routesStandalone(estate.set(ids.appRouteTable, 'routes.1.properties.addressPrefix', '10.0.0.0/8')),
      expect: {
        changed: { [ids.appRouteTable]: { 'routes[default-via-firewall].addressPrefix': ['0.0.0.0/0', '10.0.0.0/8'] } },
      },
    },
    {
      name: 'a subnet loses its route table and gains a service endpoint',
      new: (estate) =>
        unset(estate, ids.appVnet, 'subnets.0.properties.routeTable').set(
          ids.appVnet,
          'subnets.0.properties.serviceEndpoints',
          [{ service: 'Microsoft.KeyVault', locations: ['*'] }],
        ),
      expect: {
        changed: {
          [ids.appSubnet]: { routeTable: [ids.appRouteTable, null], serviceEndpoints: [[], ['Microsoft.KeyVault']] },
        },
      },
    },
    {
      name: 'a standalone subnet changes its policies and prefix',
      new: (estate) =>
        subnetsStandalone(
          estate
            .set(ids.pepVnet, 'subnets.0.properties.privateEndpointNetworkPolicies', 'Enabled')
            .set(ids.pepVnet, 'subnets.0.properties.addressPrefix', '10.2.0.0/25'),
        ),
      expect: {
        changed: {
          [ids.pepSubnet]: {
            privateEndpointNetworkPolicies: ['Disabled', 'Enabled'],
            addressPrefixes: [['10.2.0.0/24'], ['10.2.0.0/25']],
          },
        },
      },
    },
    {
      name: 'a subnet is added',
      new: (estate) =>
        estate.add({
          id: newSubnet,
          name: 'sn-app2',
          type: 'Microsoft.Network/virtualNetworks/subnets',
          properties: { addressPrefix: '10.1.1.0/24' },
        }),
      expect: { added: [newSubnet] },
    },
    {
      name: "a VNet's DNS servers change order (order matters) but its prefixes do not",
      old: (estate) =>
        estate
          .set(ids.appVnet, 'dhcpOptions.dnsServers', ['10.0.2.4', '10.0.2.5'])
          .set(ids.appVnet, 'addressSpace.addressPrefixes', ['10.1.0.0/16', '10.11.0.0/16']),
      new: (estate) =>
        estate
          .set(ids.appVnet, 'dhcpOptions.dnsServers', ['10.0.2.5', '10.0.2.4'])
          .set(ids.appVnet, 'addressSpace.addressPrefixes', ['10.11.0.0/16', '10.1.0.0/16']),
      expect: {
        changed: {
          [ids.appVnet]: {
            dnsServers: [
              ['10.0.2.4', '10.0.2.5'],
              ['10.0.2.5', '10.0.2.4'],
            ],
          },
        },
      },
    },
    {
      name: 'a peering changes its flags and remote VNet',
      new: (estate) =>
        estate
          .set(ids.hubVnet, 'virtualNetworkPeerings.0.properties.allowForwardedTraffic', true)
          .set(ids.hubVnet, 'virtualNetworkPeerings.0.properties.useRemoteGateways', true)
          .set(ids.hubVnet, 'virtualNetworkPeerings.0.properties.allowGatewayTransit', false)
          .set(ids.hubVnet, 'virtualNetworkPeerings.0.properties.remoteVirtualNetwork', { id: ids.pepVnet }),
      expect: {
        changed: {
          [ids.hubToApp]: {
            allowForwardedTraffic: [false, true],
            useRemoteGateways: [false, true],
            allowGatewayTransit: [true, false],
            remoteVirtualNetwork: [ids.appVnet, ids.pepVnet],
          },
        },
      },
    },
    {
      name: "a firewall's classic DNS and SNAT settings change",
      new: (estate) =>
        estate.set(ids.firewall, 'additionalProperties', {
          'Network.DNS.EnableProxy': 'true',
          'Network.DNS.Servers': '10.0.2.5, 10.0.2.4',
          'Network.SNAT.PrivateRanges': 'IANAPrivateRanges,255.255.255.255/32',
        }),
      expect: {
        changed: {
          [ids.firewall]: {
            classicDnsProxy: [null, true],
            classicDnsServers: [[], ['10.0.2.4', '10.0.2.5']],
            classicSnatPrivateRanges: [null, ['255.255.255.255/32', 'IANAPrivateRanges']],
          },
        },
      },
    },
    {
      name: "a firewall's classic DNS proxy set to false equals unset",
      new: (estate) => estate.set(ids.firewall, 'additionalProperties', { 'Network.DNS.EnableProxy': 'false' }),
      expect: {},
    },
    {
      name: 'a firewall gets another IP and policy',
      new: (estate) =>
        estate
          .set(ids.firewall, 'ipConfigurations.0.properties.privateIPAddress', '10.0.0.5')
          .set(ids.firewall, 'firewallPolicy', { id: parentPolicy }),
      expect: {
        changed: {
          [ids.firewall]: {
            privateIpAddresses: [['10.0.0.4'], ['10.0.0.5']],
            firewallPolicy: [ids.firewallPolicy, parentPolicy],
          },
        },
      },
    },
    {
      name: "a firewall policy's DNS, SNAT and parent change",
      new: (estate) =>
        estate
          .set(ids.firewallPolicy, 'dnsSettings', {
            servers: ['10.0.2.4'],
            enableProxy: false,
            requireProxyForNetworkRules: true,
          })
          .set(ids.firewallPolicy, 'snat', { privateRanges: ['255.255.255.255/32'] })
          .set(ids.firewallPolicy, 'basePolicy', { id: parentPolicy }),
      expect: {
        changed: {
          [ids.firewallPolicy]: {
            basePolicy: [null, parentPolicy],
            'dnsSettings.enableProxy': [true, false],
            'dnsSettings.requireProxyForNetworkRules': [null, true],
            'dnsSettings.servers': [[], ['10.0.2.4']],
            'snat.privateRanges': [null, ['255.255.255.255/32']],
          },
        },
      },
    },
    {
      name: "a firewall policy's empty DNS server list may be left out",
      new: (estate) => estate.set(ids.firewallPolicy, 'dnsSettings', { enableProxy: true }),
      expect: {},
    },
    {
      name: 'a rule collection group gets a new collection, loses a rule and turns a collection to Deny',
      new: (estate) =>
        estate
          .set(ids.appRuleGroup, 'priority', 250)
          .set(ids.appRuleGroup, 'ruleCollections.0.action.type', 'Deny')
          .set(ids.appRuleGroup, 'ruleCollections.0.rules', [])
          .set(ids.appRuleGroup, 'ruleCollections.1', {
            ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
            name: 'net-allow',
            priority: 200,
            action: { type: 'Allow' },
            rules: [
              {
                ruleType: 'NetworkRule',
                name: 'dns',
                ipProtocols: ['UDP', 'TCP'],
                sourceAddresses: ['10.1.0.0/24'],
                sourceIpGroups: [],
                destinationAddresses: ['10.0.2.4'],
                destinationPorts: ['53'],
              },
            ],
          }),
      expect: {
        changed: {
          [ids.appRuleGroup]: {
            priority: [300, 250],
            'ruleCollections[allow-keyvault].action': ['Allow', 'Deny'],
            'ruleCollections[allow-keyvault].rules[app-to-kv-pep-spokepep]': [
              {
                ruleType: 'ApplicationRule',
                sourceAddresses: ['10.1.0.0/24'],
                protocols: ['Https:443'],
                targetFqdns: ['kv-pep-spokepep.vault.azure.net'],
              },
              null,
            ],
            'ruleCollections[net-allow]': [
              null,
              {
                ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
                priority: 200,
                action: 'Allow',
                rules: {
                  dns: {
                    ruleType: 'NetworkRule',
                    sourceAddresses: ['10.1.0.0/24'],
                    destinationAddresses: ['10.0.2.4'],
                    destinationPorts: ['53'],
                    ipProtocols: ['TCP', 'UDP'],
                  },
                },
              },
            ],
          },
        },
      },
    },
    {
      name: "a rule's port changes; FQDN letter case and empty arrays do not matter",
      new: (estate) =>
        estate
          .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.protocols', [{ protocolType: 'Https', port: 8443 }])
          .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.targetFqdns', ['KV-pep-spokepep.vault.azure.net'])
          .update(ids.appRuleGroup, (group) => {
            const rule = (group.properties as { ruleCollections: { rules: Json[] }[] }).ruleCollections[0]!.rules[0]!;
            delete rule.fqdnTags;
            delete rule.webCategories;
          }),
      expect: {
        changed: {
          [ids.appRuleGroup]: {
            'ruleCollections[allow-keyvault].rules[app-to-kv-pep-spokepep].protocols': [['Https:443'], ['Https:8443']],
          },
        },
      },
    },
    {
      name: 'a classic network rule gets another port',
      old: (estate) => estate.set(ids.firewall, 'networkRuleCollections', [classicCollection(['443'])]),
      new: (estate) => estate.set(ids.firewall, 'networkRuleCollections', [classicCollection(['8443', '443'])]),
      expect: {
        changed: {
          [ids.firewall]: { 'networkRuleCollections[net].rules[kv].destinationPorts': [['443'], ['443', '8443']] },
        },
      },
    },
    {
      name: "an IP group's addresses change, not their order",
      old: (estate) => estate.add(ipGroupResource(['10.1.0.0/24', '10.3.0.0/24'])),
      new: (estate) => estate.add(ipGroupResource(['10.3.0.0/24', '10.4.0.0/24', '10.1.0.0/24'])),
      expect: {
        changed: {
          [ipGroup]: {
            ipAddresses: [
              ['10.1.0.0/24', '10.3.0.0/24'],
              ['10.1.0.0/24', '10.3.0.0/24', '10.4.0.0/24'],
            ],
          },
        },
      },
    },
    {
      name: "an endpoint's connection goes pending and its NIC gets another IP",
      new: (estate) =>
        estate
          .set(
            ids.vaultEndpoint,
            'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState.status',
            'Pending',
          )
          .set(ids.vaultEndpointNic, 'ipConfigurations.0.properties.privateIPAddress', '10.2.0.7'),
      expect: {
        changed: {
          [ids.vaultEndpoint]: {
            [`connections[${ids.vault} (vault)].status`]: ['Approved', 'Pending'],
            nicIpAddresses: [['10.2.0.4'], ['10.2.0.7']],
          },
        },
      },
    },
    {
      name: 'an endpoint moves to another subnet',
      new: (estate) => estate.set(ids.vaultEndpoint, 'subnet', { id: ids.appSubnet }),
      expect: { changed: { [ids.vaultEndpoint]: { subnet: [ids.pepSubnet, ids.appSubnet] } } },
    },
    {
      name: 'a zone group points at another zone',
      new: (estate) => estate.set(ids.vaultZoneGroup, 'privateDnsZoneConfigs.0.properties.privateDnsZoneId', blobZone),
      expect: {
        changed: {
          [ids.vaultZoneGroup]: {
            'privateDnsZoneConfigs[privatelink-vaultcore-azure-net].privateDnsZoneId': [ids.vaultZone, blobZone],
          },
        },
      },
    },
    {
      name: "a service's network ACLs open up",
      new: (estate) =>
        estate.set(ids.vault, 'networkAcls', {
          bypass: 'None',
          defaultAction: 'Allow',
          ipRules: [{ value: '203.0.113.7' }],
          virtualNetworkRules: [{ id: ids.appSubnet }],
        }),
      expect: {
        changed: {
          [ids.vault]: {
            'networkAcls.defaultAction': ['Deny', 'Allow'],
            'networkAcls.ipRules': [[], ['203.0.113.7']],
            'networkAcls.virtualNetworkRules': [[], [ids.appSubnet]],
          },
        },
      },
    },
    {
      name: 'a service side connection is disconnected',
      new: (estate) =>
        estate.set(
          ids.vault,
          'privateEndpointConnections.0.properties.privateLinkServiceConnectionState.status',
          'Disconnected',
        ),
      expect: {
        changed: {
          [ids.vault]: { [`privateEndpointConnections[${ids.vaultEndpoint}].status`]: ['Approved', 'Disconnected'] },
        },
      },
    },
    {
      name: 'public network access differs only in letter case',
      new: (estate) => estate.set(ids.vault, 'publicNetworkAccess', 'disabled'),
      expect: {},
    },
    {
      name: 'public network access absent reads as Enabled',
      old: (estate) => unset(estate, ids.vault, 'publicNetworkAccess'),
      new: (estate) => estate.set(ids.vault, 'publicNetworkAccess', 'Enabled'),
      expect: {},
    },
    {
      name: 'a service listed without its private link properties before is changed, not added',
      old: (estate) => unset(unset(estate, ids.vault, 'publicNetworkAccess'), ids.vault, 'privateEndpointConnections'),
      new: (estate) => estate,
      expect: {
        changed: {
          [ids.vault]: {
            publicNetworkAccess: [null, 'Disabled'],
            [`privateEndpointConnections[${ids.vaultEndpoint}]`]: [null, { status: 'Approved' }],
          },
        },
      },
    },
    {
      name: 'resources and properties plaudit does not audit are ignored',
      new: (estate) =>
        estate
          .set(ids.vm, 'hardwareProfile.vmSize', 'Standard_D4s_v5')
          .set(ids.vmNic, 'ipConfigurations.0.properties.privateIPAddress', '10.1.0.9')
          .set(ids.vaultZoneSoa, 'ttl', 60)
          .set(ids.vaultZone, 'numberOfRecordSets', 7)
          .set(ids.appRouteTable, 'subnets', [])
          .set(ids.vault, 'enableSoftDelete', false)
          .set(ids.firewall, 'threatIntelMode', 'Deny')
          .add({
            id: `${ids.rgHub}/${network}/publicIPAddresses/pip-other`,
            name: 'pip-other',
            type: 'Microsoft.Network/publicIPAddresses',
            properties: { ipAddress: '20.1.2.3' },
          }),
      expect: {},
    },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const old = testCase.old ? testCase.old(referenceEstate()) : referenceEstate();
      const next = testCase.new(referenceEstate());
      const diff = diffSnapshots(old.snapshot(), next.snapshot());
      expect(drift(diff)).toEqual(expected(testCase.expect));
      expect(diffHasChanges(diff)).toBe(Object.keys(testCase.expect).length > 0);
    });
  }

  it('reports added and removed resources with their audited properties', () => {
    const diff = diffSnapshots(
      referenceEstate().snapshot(),
      referenceEstate()
        .add(cname('kv-pep-spokepep.privatelink.vaultcore.azure.net'))
        .remove(ids.appRouteTable)
        .snapshot(),
    );
    expect(diff.added).toEqual([
      {
        resourceId: aliasRecord,
        type: 'microsoft.network/privatednszones/cname',
        properties: { cname: 'kv-pep-spokepep.privatelink.vaultcore.azure.net' },
      },
    ]);
    expect(diff.removed).toEqual([
      {
        resourceId: ids.appRouteTable,
        type: 'microsoft.network/routetables',
        properties: {
          disableBgpRoutePropagation: true,
          'routes[default-via-firewall].addressPrefix': '0.0.0.0/0',
          'routes[default-via-firewall].nextHopType': 'VirtualAppliance',
          'routes[default-via-firewall].nextHopIpAddress': '10.0.0.4',
          'routes[to-pep-via-firewall].addressPrefix': '10.2.0.0/16',
          'routes[to-pep-via-firewall].nextHopType': 'VirtualAppliance',
          'routes[to-pep-via-firewall].nextHopIpAddress': '10.0.0.4',
        },
      },
    ]);
  });

  it('orders entries by lower-cased id and changes by property, whatever the input order', () => {
    const change = (estate: Estate) =>
      estate
        .set(ids.pepLink, 'registrationEnabled', true)
        .set(ids.hubLink, 'registrationEnabled', true)
        .set(ids.appRouteTable, 'disableBgpRoutePropagation', false)
        .set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.0.5')
        .set(ids.appRouteTable, 'routes.1.properties.nextHopIpAddress', '10.0.0.5');
    const forward = diffSnapshots(referenceEstate().snapshot(), change(referenceEstate()).snapshot());
    const shuffled = change(referenceEstate());
    shuffled.resources.reverse();
    const backward = diffSnapshots(referenceEstate().snapshot(), shuffled.snapshot());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    const keys = forward.changed.map((entry) => entry.resourceId.toLowerCase());
    expect(keys).toEqual([...keys].sort());
    expect(
      forward.changed.find((entry) => entry.resourceId === ids.appRouteTable)?.changes.map((c) => c.property),
    ).toEqual([
      'disableBgpRoutePropagation',
      'routes[default-via-firewall].nextHopIpAddress',
      'routes[to-pep-via-firewall].nextHopIpAddress',
    ]);
  });

  it('does not modify its input', () => {
    const old = referenceEstate().snapshot();
    const next = withNoise(referenceEstate()).snapshot();
    const before = JSON.stringify([old, next]);
    diffSnapshots(old, next);
    expect(JSON.stringify([old, next])).toBe(before);
  });

  it('scales to large estates', () => {
    const size = 5000;
    const records = (changed: number) =>
      Array.from({ length: size }, (_, index): RawResource => ({
        id: `${ids.vaultZone}/A/kv-${index}`,
        name: `kv-${index}`,
        type: 'Microsoft.Network/privateDnsZones/A',
        properties: { aRecords: [{ ipv4Address: `10.${index >> 8}.${index & 255}.${index === changed ? 9 : 4}` }] },
      }));
    const started = performance.now();
    const diff = diffSnapshots({ resources: records(-1) }, { resources: records(4321).reverse() });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(diff.changed.map((entry) => entry.resourceId)).toEqual([`${ids.vaultZone}/A/kv-4321`]);
  });
});

function drift(diff: SnapshotDiff): Required<Drift> {
  return {
    added: diff.added.map((entry) => normalizeId(entry.resourceId)),
    removed: diff.removed.map((entry) => normalizeId(entry.resourceId)),
    changed: Object.fromEntries(
      diff.changed.map((entry) => [
        normalizeId(entry.resourceId),
        Object.fromEntries(entry.changes.map((change) => [change.property, [change.before, change.after]])),
      ]),
    ) as Required<Drift>['changed'],
  };
}

function expected(drift: Drift): Required<Drift> {
  return {
    added: (drift.added ?? []).map(normalizeId).sort(),
    removed: (drift.removed ?? []).map(normalizeId).sort(),
    changed: Object.fromEntries(Object.entries(drift.changed ?? {}).map(([id, changes]) => [normalizeId(id), changes])),
  };
}

/** The reference estate with several entries in arrays that are sets, so reordering them is a real test. */
function richEstate(): Estate {
  return referenceEstate()
    .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.4' }, { ipv4Address: '10.2.0.14' }])
    .set(ids.appVnet, 'addressSpace.addressPrefixes', ['10.1.0.0/16', '10.11.0.0/16'])
    .set(ids.appVnet, 'dhcpOptions.dnsServers', ['10.0.2.4', '10.0.2.5'])
    .set(ids.appVnet, 'subnets.0.properties.serviceEndpoints', [
      { service: 'Microsoft.Storage', locations: ['westeurope'] },
      { service: 'Microsoft.KeyVault', locations: ['*'] },
    ])
    .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.sourceAddresses', ['10.1.0.0/24', '10.11.0.0/24'])
    .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.targetFqdns', [
      'kv-pep-spokepep.vault.azure.net',
      'kv-pep-spokepep.vaultcore.azure.net',
    ])
    .set(ids.appRuleGroup, 'ruleCollections.0.rules.0.protocols', [
      { protocolType: 'Https', port: 443 },
      { protocolType: 'Http', port: 80 },
    ])
    .set(ids.firewallPolicy, 'dnsSettings.servers', ['10.0.2.4', '10.0.2.5'])
    .set(ids.vault, 'networkAcls.ipRules', [{ value: '203.0.113.7' }, { value: '198.51.100.0/24' }])
    .add(ipGroupResource(['10.1.0.0/24', '10.11.0.0/24']));
}

/** What a second collection run changes without changing anything plaudit audits. */
function withNoise(estate: Estate): Estate {
  subnetsStandalone(estate);
  routesStandalone(estate);
  estate.update(ids.appVnet, (vnet) => {
    const properties = vnet.properties as { virtualNetworkPeerings: Json[] };
    for (const peering of properties.virtualNetworkPeerings) {
      estate.add({ ...peering, type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings' } as RawResource);
    }
    properties.virtualNetworkPeerings = [];
  });
  estate.set(ids.vaultZone, 'numberOfRecordSets', 9);
  const scramble = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((item) => scramble(item));
      // A VNet's DNS servers are tried in order: that order is configuration, not noise.
      return key === 'dnsServers' ? items : items.reverse();
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([name, inner]) => {
          if (name === 'etag') return [name, 'W/"00000000-changed"'];
          if (name === 'resourceGuid') return [name, '11111111-2222-4333-8444-555555555555'];
          if (name === 'type' && typeof inner === 'string') return [name, inner.toLowerCase()];
          return [name, scramble(inner, name)];
        }),
      );
    }
    return value;
  };
  const scrambled = scramble(estate.resources) as RawResource[];
  estate.resources.splice(0, estate.resources.length, ...scrambled);
  return estate.withIdsInCase((id) => id.toUpperCase());
}

/** Subnets as Resource Graph lists them: their own rows, not embedded in the VNet. */
function subnetsStandalone(estate: Estate): Estate {
  for (const vnetId of [ids.hubVnet, ids.appVnet, ids.pepVnet]) {
    estate.update(vnetId, (vnet) => {
      const properties = vnet.properties as { subnets: Json[] };
      for (const subnet of properties.subnets) {
        estate.add({ ...subnet, type: 'Microsoft.Network/virtualNetworks/subnets' } as RawResource);
      }
      properties.subnets = [];
    });
  }
  return estate;
}

function routesStandalone(estate: Estate): Estate {
  return estate.update(ids.appRouteTable, (table) => {
    const properties = table.properties as { routes: Json[] };
    for (const route of properties.routes) estate.add(route as RawResource);
    properties.routes = [];
  });
}

/** Deletes `properties.<path>` (dot separated; numeric segments index arrays). */
function unset(estate: Estate, id: string, path: string): Estate {
  return estate.update(id, (resource) => {
    const segments = path.split('.');
    let target = (resource.properties ?? {}) as Json;
    for (const segment of segments.slice(0, -1)) target = target[segment] as Json;
    delete target[segments[segments.length - 1]!];
  });
}

function cname(target: string): RawResource {
  return {
    id: aliasRecord,
    name: 'alias',
    type: 'Microsoft.Network/privateDnsZones/CNAME',
    properties: { ttl: 3600, cnameRecord: { cname: target } },
  };
}

function ipGroupResource(addresses: string[]): RawResource {
  return {
    id: ipGroup,
    name: 'ipg-spokes',
    type: 'Microsoft.Network/ipGroups',
    location: 'westeurope',
    properties: { ipAddresses: addresses, provisioningState: 'Succeeded' },
  };
}

function classicCollection(ports: string[]): Json {
  return {
    name: 'net',
    properties: {
      priority: 100,
      action: { type: 'Allow' },
      rules: [
        {
          name: 'kv',
          protocols: ['TCP'],
          sourceAddresses: ['10.1.0.0/24'],
          destinationAddresses: ['10.2.0.4'],
          destinationPorts: ports,
        },
      ],
    },
  };
}
