// The bundled reference estate as a starting point for test cases: each failing case is one named
// mutation of it, applied to a fresh deep copy. The `with…` builders add what a mutation needs
// besides the reference (a second endpoint, a DNS forwarder, a network rule…) as raw ARM JSON,
// made with the fake Azure's resource builders so that both speak the same ARM shapes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeId } from '../src/ids.js';
import type { RawResource, Snapshot } from '../src/snapshot/types.js';
import {
  dnsResolver,
  forwardingRule,
  forwardingRuleset,
  inboundEndpoint,
  keyVault,
  LOCATION,
  networkInterface,
  privateEndpoint,
  ruleCollectionGroup,
  rulesetLink,
  sqlServer,
  storageAccount,
  virtualMachine,
} from './fake-azure/builders.js';

const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url));
const clean = JSON.parse(readFileSync(`${examplesDir}clean.json`, 'utf8')) as Snapshot;

const connectivity = '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001';
const landingZone = '/subscriptions/5e6f7a8b-0000-4000-8000-000000000002';
const network = 'providers/Microsoft.Network';
const rgHub = `${connectivity}/resourceGroups/rg-hub`;
const rgDns = `${connectivity}/resourceGroups/rg-dns`;
const rgApp = `${landingZone}/resourceGroups/rg-app`;
const rgPep = `${landingZone}/resourceGroups/rg-pep`;
const hubVnet = `${rgHub}/${network}/virtualNetworks/vnet-hub`;
const pepSubnet = `${rgPep}/${network}/virtualNetworks/vnet-pep/subnets/sn-pep`;
const appRouteTable = `${rgApp}/${network}/routeTables/rt-app`;
const firewallPolicy = `${rgHub}/${network}/firewallPolicies/fwpol-hub`;
const vaultZone = `${rgDns}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`;
const tenantId = '72f988bf-0000-4000-8000-00000000000a';

/** Ids of the reference estate's resources, as the example file writes them. */
export const ids = {
  connectivity,
  landingZone,
  rgHub,
  rgDns,
  rgApp,
  rgPep,
  hubVnet,
  appVnet: `${rgApp}/${network}/virtualNetworks/vnet-app`,
  pepVnet: `${rgPep}/${network}/virtualNetworks/vnet-pep`,
  firewallSubnet: `${hubVnet}/subnets/AzureFirewallSubnet`,
  appSubnet: `${rgApp}/${network}/virtualNetworks/vnet-app/subnets/sn-app`,
  pepSubnet,
  hubToApp: `${hubVnet}/virtualNetworkPeerings/peer-hub-to-app`,
  hubToPep: `${hubVnet}/virtualNetworkPeerings/peer-hub-to-pep`,
  appToHub: `${rgApp}/${network}/virtualNetworks/vnet-app/virtualNetworkPeerings/peer-app-to-hub`,
  pepToHub: `${rgPep}/${network}/virtualNetworks/vnet-pep/virtualNetworkPeerings/peer-pep-to-hub`,
  appRouteTable,
  appToPepRoute: `${appRouteTable}/routes/to-pep-via-firewall`,
  appDefaultRoute: `${appRouteTable}/routes/default-via-firewall`,
  firewall: `${rgHub}/${network}/azureFirewalls/fw-hub`,
  firewallPolicy,
  appRuleGroup: `${firewallPolicy}/ruleCollectionGroups/DefaultApplicationRuleCollectionGroup`,
  vm: `${rgApp}/providers/Microsoft.Compute/virtualMachines/vm-app`,
  vmNic: `${rgApp}/${network}/networkInterfaces/nic-vm-app`,
  vault: `${rgPep}/providers/Microsoft.KeyVault/vaults/kv-pep-spokepep`,
  vaultEndpoint: `${rgPep}/${network}/privateEndpoints/pe-kv-pep-spokepep`,
  vaultEndpointNic: `${rgPep}/${network}/networkInterfaces/pe-kv-pep-spokepep.nic.7d1c5a3e-52b4-4f4e-9a61-0c2f1e8b9d40`,
  vaultZoneGroup: `${rgPep}/${network}/privateEndpoints/pe-kv-pep-spokepep/privateDnsZoneGroups/default`,
  vaultZone,
  vaultRecord: `${vaultZone}/A/kv-pep-spokepep`,
  vaultZoneSoa: `${vaultZone}/SOA/@`,
  hubLink: `${vaultZone}/virtualNetworkLinks/link-vnet-hub`,
  appLink: `${vaultZone}/virtualNetworkLinks/link-vnet-app`,
  pepLink: `${vaultZone}/virtualNetworkLinks/link-vnet-pep`,
} as const;

const resolver = `${rgHub}/${network}/dnsResolvers/dnspr-hub`;

/** Ids of the resources the `with…` builders below add to the reference estate. */
export const extraIds = {
  storage: `${rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokepep`,
  storageEndpoint: `${rgPep}/${network}/privateEndpoints/pe-st-pep-spokepep-blob`,
  storageEndpointNic: `${rgPep}/${network}/networkInterfaces/pe-st-pep-spokepep-blob.nic.0c1d2e3f`,
  sqlServer: `${rgPep}/providers/Microsoft.Sql/servers/sql-pep-spokepep`,
  sqlEndpoint: `${rgPep}/${network}/privateEndpoints/pe-sql-pep-spokepep`,
  sqlEndpointNic: `${rgPep}/${network}/networkInterfaces/pe-sql-pep-spokepep.nic.8c1d3e5f`,
  secondVault: `${rgPep}/providers/Microsoft.KeyVault/vaults/kv-pep-second`,
  secondVaultEndpoint: `${rgPep}/${network}/privateEndpoints/pe-kv-pep-second`,
  secondVaultEndpointNic: `${rgPep}/${network}/networkInterfaces/pe-kv-pep-second.nic.1f2e3d4c`,
  secondVaultRecord: `${vaultZone}/A/kv-pep-second`,
  blobZone: `${rgDns}/${network}/privateDnsZones/privatelink.blob.core.windows.net`,
  forwarderSubnet: `${hubVnet}/subnets/sn-dns`,
  forwarderNic: `${rgHub}/${network}/networkInterfaces/nic-vm-dns-hub`,
  resolver,
  resolverSubnet: `${hubVnet}/subnets/sn-dns-inbound`,
  resolverInboundEndpoint: `${resolver}/inboundEndpoints/in-hub`,
  forwardingRuleset: `${rgHub}/${network}/dnsForwardingRulesets/dnsfrs-spokes`,
  hubWorkloadSubnet: `${hubVnet}/subnets/sn-hub-vm`,
  nvaSubnet: `${hubVnet}/subnets/sn-nva`,
  nvaNic: `${rgHub}/${network}/networkInterfaces/nic-nva`,
  parentPolicy: `${rgHub}/${network}/firewallPolicies/fwpol-parent`,
  /** A service type plaudit knows no privatelink zone for. */
  unknownService: `${rgPep}/providers/Contoso.Widgets/widgets/w1`,
} as const;

type Json = Record<string, unknown>;

export interface NetworkRule {
  name: string;
  sourceAddresses: string[];
  destinationAddresses?: string[];
  destinationFqdns?: string[];
  destinationPorts: string[];
  /** TCP unless given. */
  ipProtocols?: string[];
}

/** A rule collection of network rules, as a firewall policy's rule collection group holds it. */
export function networkRuleCollection(
  name: string,
  priority: number,
  action: 'Allow' | 'Deny',
  rules: NetworkRule[],
): Json {
  return {
    ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
    name,
    priority,
    action: { type: action },
    rules: rules.map((rule) => ({
      ruleType: 'NetworkRule',
      ipProtocols: ['TCP'],
      sourceIpGroups: [],
      destinationAddresses: [],
      destinationIpGroups: [],
      destinationFqdns: [],
      ...rule,
    })),
  };
}

/** One side of a VNet peering: the child resource ARM embeds in the VNet or lists on its own. */
export function virtualNetworkPeering(
  vnetId: string,
  name: string,
  remoteVnetId: string,
  properties: Json = {},
): RawResource {
  return {
    id: `${vnetId}/virtualNetworkPeerings/${name}`,
    name,
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    properties: {
      provisioningState: 'Succeeded',
      peeringState: 'Connected',
      peeringSyncLevel: 'FullyInSync',
      remoteVirtualNetwork: { id: remoteVnetId },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
      ...properties,
    },
  };
}

export interface StorageAccountOptions {
  /** `Disabled` unless given. */
  publicNetworkAccess?: string;
  /** Merged into a default-deny ACL; `null` leaves the account without `networkAcls`. */
  networkAcls?: Json | null;
}

export interface PrivateEndpointSpec {
  id: string;
  nic: string;
  target: string;
  groupId: string;
  ip: string;
  fqdn: string;
}

export class Estate {
  readonly resources: RawResource[];

  constructor(resources: RawResource[]) {
    this.resources = resources;
  }

  /** A copy: a built inventory freezes the resources it was given, and the estate stays editable. */
  snapshot(): Snapshot {
    return { resources: structuredClone(this.resources), cloud: 'AzureCloud' };
  }

  find(id: string): RawResource {
    const found = this.resources.find((resource) => normalizeId(resource.id) === normalizeId(id));
    if (!found) throw new Error(`test estate has no resource ${id}`);
    return found;
  }

  add(...resources: RawResource[]): this {
    this.resources.push(...structuredClone(resources));
    return this;
  }

  /** Removes a resource, or a child its parent embeds (a subnet, a peering, a route). */
  remove(id: string): this {
    const topLevel = this.resources.filter((resource) => normalizeId(resource.id) !== normalizeId(id));
    if (topLevel.length < this.resources.length) {
      this.resources.splice(0, this.resources.length, ...topLevel);
      return this;
    }
    const siblings = this.embeddedSiblings(id);
    const index = siblings?.findIndex((child) => normalizeId(child.id) === normalizeId(id)) ?? -1;
    if (index < 0) throw new Error(`test estate has no resource ${id}`);
    siblings!.splice(index, 1);
    return this;
  }

  /** Sets `properties.<path>` (dot separated; numeric segments index arrays) of a resource or embedded child. */
  set(id: string, path: string, value: unknown): this {
    const segments = path.split('.');
    let target = (this.locate(id).properties ??= {}) as Json;
    for (const segment of segments.slice(0, -1)) {
      target = (target[segment] ??= {}) as Json;
    }
    target[segments[segments.length - 1]!] = structuredClone(value);
    return this;
  }

  /** Deletes `properties.<path>`, as older API versions or partial reads leave it out. */
  unset(id: string, path: string): this {
    const segments = path.split('.');
    let target = this.locate(id).properties as Json | undefined;
    for (const segment of segments.slice(0, -1)) target = target?.[segment] as Json | undefined;
    if (target) delete target[segments[segments.length - 1]!];
    return this;
  }

  /** Changes a resource (or embedded child) any other way. */
  update(id: string, change: (resource: RawResource) => void): this {
    change(this.locate(id));
    return this;
  }

  /** Copies a resource under a new id (and name), with a change applied to the copy. */
  copy(id: string, newId: string, change: (resource: RawResource) => void = () => {}): this {
    const copy = structuredClone(this.find(id));
    copy.id = newId;
    copy.name = newId.split('/').pop() ?? copy.name;
    change(copy);
    this.resources.push(copy);
    return this;
  }

  /** Rewrites every id and reference in the letter case Azure sometimes uses in references. */
  withIdsInCase(transform: (id: string) => string): this {
    const rewrite = (value: unknown): unknown => {
      if (typeof value === 'string' && value.startsWith('/subscriptions/')) return transform(value);
      if (Array.isArray(value)) return value.map(rewrite);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
      }
      return value;
    };
    this.resources.splice(0, this.resources.length, ...(rewrite(this.resources) as RawResource[]));
    return this;
  }

  withIdsUpperCased(): this {
    return this.withIdsInCase((id) => id.toUpperCase());
  }

  // Private endpoints and the services behind them.

  /** A private endpoint in sn-pep with the NIC Azure creates for it, at `ip` and carrying `fqdn`. */
  withPrivateEndpoint(spec: PrivateEndpointSpec): this {
    return this.add(
      privateEndpoint(spec.id, pepSubnet, spec.nic, spec.target, spec.groupId, spec.fqdn, spec.ip),
      networkInterface(spec.nic, pepSubnet, spec.ip, {
        privateEndpoint: spec.id,
        groupId: spec.groupId,
        fqdns: [spec.fqdn],
      }),
    );
  }

  /** Points an endpoint's (first) connection at another service, with that service's group ids. */
  setEndpointTarget(endpointId: string, serviceId: string, groupIds: string[]): this {
    const connection = 'privateLinkServiceConnections.0.properties';
    this.set(endpointId, `${connection}.privateLinkServiceId`, serviceId);
    return this.set(endpointId, `${connection}.groupIds`, groupIds);
  }

  /** Sets the approval status of an endpoint's first connection, or of a service's first endpoint connection. */
  setConnectionStatus(id: string, status: string): this {
    return this.set(id, `${connectionStatePath(id)}.status`, status);
  }

  /** Replaces the whole approval state (status, description, actions required) on either side. */
  setConnectionState(id: string, state: Json): this {
    return this.set(id, connectionStatePath(id), state);
  }

  /** A second Key Vault behind its own endpoint in sn-pep at 10.2.0.5, its A record in the vault zone. */
  withSecondVault(): this {
    return this.add(keyVault(extraIds.secondVault, tenantId, [extraIds.secondVaultEndpoint]))
      .withPrivateEndpoint({
        id: extraIds.secondVaultEndpoint,
        nic: extraIds.secondVaultEndpointNic,
        target: extraIds.secondVault,
        groupId: 'vault',
        ip: '10.2.0.5',
        fqdn: 'kv-pep-second.vault.azure.net',
      })
      .withARecord(vaultZone, 'kv-pep-second', ['10.2.0.5']);
  }

  /** A storage account (closed to the public with a default-deny ACL unless told otherwise). */
  withStorageAccount(id: string, options: StorageAccountOptions = {}, endpoints: string[] = []): this {
    const account = storageAccount(id, endpoints);
    const properties = account.properties!;
    if (options.publicNetworkAccess !== undefined) properties.publicNetworkAccess = options.publicNetworkAccess;
    if (options.networkAcls === null) {
      delete properties.networkAcls;
    } else if (options.networkAcls) {
      properties.networkAcls = { ...(properties.networkAcls as Json), ...options.networkAcls };
    }
    return this.add(account);
  }

  /** Storage account stpepspokepep with an approved blob endpoint in sn-pep at 10.2.0.5 (no DNS). */
  withStorageBlobEndpoint(options: StorageAccountOptions = {}): this {
    return this.withStorageAccount(extraIds.storage, options, [extraIds.storageEndpoint]).withPrivateEndpoint({
      id: extraIds.storageEndpoint,
      nic: extraIds.storageEndpointNic,
      target: extraIds.storage,
      groupId: 'blob',
      ip: '10.2.0.5',
      fqdn: 'stpepspokepep.blob.core.windows.net',
    });
  }

  /** A SQL logical server (public network access `Disabled` unless given), with approved connections. */
  withSqlServer(id: string, publicNetworkAccess = 'Disabled', endpoints: string[] = []): this {
    const server = sqlServer(id, endpoints);
    server.properties!.publicNetworkAccess = publicNetworkAccess;
    return this.add(server);
  }

  /** SQL server sql-pep-spokepep with an approved endpoint in sn-pep at 10.2.0.6 (no DNS). */
  withSqlEndpoint(publicNetworkAccess = 'Disabled'): this {
    return this.withSqlServer(extraIds.sqlServer, publicNetworkAccess, [extraIds.sqlEndpoint]).withPrivateEndpoint({
      id: extraIds.sqlEndpoint,
      nic: extraIds.sqlEndpointNic,
      target: extraIds.sqlServer,
      groupId: 'sqlServer',
      ip: '10.2.0.6',
      fqdn: 'sql-pep-spokepep.database.windows.net',
    });
  }

  // Private DNS.

  /** An A record in a private DNS zone, as the zone group (or a person) writes it. */
  withARecord(zoneId: string, name: string, ips: string[], properties: Json = {}): this {
    const zoneName = zoneId.split('/').pop()!;
    return this.add({
      id: `${zoneId}/A/${name}`,
      name,
      type: 'Microsoft.Network/privateDnsZones/A',
      properties: {
        ttl: 10,
        fqdn: name === '@' ? `${zoneName}.` : `${name}.${zoneName}.`,
        isAutoRegistered: false,
        aRecords: ips.map((ipv4Address) => ({ ipv4Address })),
        ...properties,
      },
    });
  }

  /** A zone like the vault zone (no records) under another id, with copies of the given vault zone links. */
  withVaultZoneCopy(zoneId: string, ...links: string[]): this {
    this.copy(vaultZone, zoneId);
    for (const link of links) this.copy(link, `${zoneId}/virtualNetworkLinks/${link.split('/').pop()}`);
    return this;
  }

  /** Points a zone group's (first) zone config at another private DNS zone. */
  setZoneGroupZone(zoneGroupId: string, zoneId: string): this {
    return this.set(zoneGroupId, 'privateDnsZoneConfigs.0.properties.privateDnsZoneId', zoneId);
  }

  /** A DNS forwarder VM in a new hub subnet sn-dns (10.0.2.0/24), forwarding to 168.63.129.16. */
  withForwarderVm(ip: string): this {
    return this.withWorkloadSubnet(extraIds.forwarderSubnet, '10.0.2.0/24', 'vm-dns-hub', ip);
  }

  /** A DNS Private Resolver in the hub with its inbound endpoint in a new delegated subnet sn-dns-inbound. */
  withResolverInboundEndpoint(ip: string): this {
    const subnet = extraIds.resolverSubnet;
    return this.withSubnet(subnet, '10.0.3.0/24', {
      delegations: [
        {
          name: 'Microsoft.Network.dnsResolvers',
          id: `${subnet}/delegations/Microsoft.Network.dnsResolvers`,
          properties: { serviceName: 'Microsoft.Network/dnsResolvers', provisioningState: 'Succeeded' },
        },
      ],
    }).add(dnsResolver(resolver, hubVnet), inboundEndpoint(resolver, 'in-hub', subnet, ip));
  }

  /** A DNS forwarding ruleset linked to the app spoke, with one rule sending `domain` to `target`. */
  withForwardingRule(domain: string, target: string): this {
    const ruleset = extraIds.forwardingRuleset;
    return this.add(
      forwardingRuleset(ruleset, `${resolver}/outboundEndpoints/out-hub`),
      forwardingRule(ruleset, 'to-hub-resolver', `${domain}.`, [target]),
      rulesetLink(ruleset, 'app', ids.appVnet),
    );
  }

  // Subnets, VMs, peerings.

  /** A new subnet, embedded in its VNet as ARM returns it. */
  withSubnet(subnetId: string, prefix: string, properties: Json = {}): this {
    const [vnetId, name] = subnetId.split('/subnets/') as [string, string];
    const vnetProperties = (this.find(vnetId).properties ??= {});
    ((vnetProperties.subnets ??= []) as unknown[]).push({
      id: subnetId,
      name,
      type: 'Microsoft.Network/virtualNetworks/subnets',
      properties: {
        provisioningState: 'Succeeded',
        addressPrefix: prefix,
        privateEndpointNetworkPolicies: 'Disabled',
        privateLinkServiceNetworkPolicies: 'Enabled',
        delegations: [],
        ...properties,
      },
    });
    return this;
  }

  /** A new subnet with one VM in it; its NIC nic-<vm> forwards traffic when `ipForwarding`. */
  withWorkloadSubnet(subnetId: string, prefix: string, vmName: string, ip: string, ipForwarding = false): this {
    const resourceGroup = subnetId.split('/providers/')[0]!;
    const vm = `${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vmName}`;
    const nic = networkInterface(`${resourceGroup}/${network}/networkInterfaces/nic-${vmName}`, subnetId, ip, {
      virtualMachine: vm,
    });
    nic.properties!.enableIPForwarding = ipForwarding;
    return this.withSubnet(subnetId, prefix).add(nic, virtualMachine(vm, nic.id));
  }

  /** A workload VM in a new hub subnet sn-hub-vm (10.0.3.0/24) at 10.0.3.4. */
  withHubWorkloadSubnet(): this {
    return this.withWorkloadSubnet(extraIds.hubWorkloadSubnet, '10.0.3.0/24', 'vm-hub', '10.0.3.4');
  }

  /** A network virtual appliance (IP forwarding on) in a new hub subnet sn-nva (10.0.2.0/24) at 10.0.2.4. */
  withNva(): this {
    return this.withWorkloadSubnet(extraIds.nvaSubnet, '10.0.2.0/24', 'nva', '10.0.2.4', true);
  }

  /** A peering from `vnetId` (embedded in it), knowing the remote address space when the remote VNet is here. */
  withPeering(vnetId: string, name: string, remoteVnetId: string, properties: Json = {}): this {
    const remote = this.resources.find((resource) => normalizeId(resource.id) === normalizeId(remoteVnetId));
    const remoteSpace = remote?.properties?.addressSpace;
    const peering = virtualNetworkPeering(vnetId, name, remoteVnetId, {
      ...(remoteSpace ? { remoteAddressSpace: remoteSpace, remoteVirtualNetworkAddressSpace: remoteSpace } : {}),
      ...properties,
    });
    const vnetProperties = (this.find(vnetId).properties ??= {});
    ((vnetProperties.virtualNetworkPeerings ??= []) as unknown[]).push(structuredClone(peering));
    return this;
  }

  /** Replaces a subnet's service endpoints. */
  withServiceEndpoints(subnetId: string, endpoints: { service: string; locations: string[] }[]): this {
    return this.set(
      subnetId,
      'serviceEndpoints',
      endpoints.map((endpoint) => ({ ...endpoint, provisioningState: 'Succeeded' })),
    );
  }

  // Azure Firewall policy.

  /** Swaps the application rule that allows the vault for a network rule: 10.1.0.0/24 to 10.2.0.4 on TCP 443. */
  withVaultNetworkRule(action: 'Allow' | 'Deny' = 'Allow'): this {
    return this.set(ids.appRuleGroup, 'ruleCollections', [
      networkRuleCollection('allow-keyvault', 100, action, [
        {
          name: 'app-to-kv-pep-spokepep',
          sourceAddresses: ['10.1.0.0/24'],
          destinationAddresses: ['10.2.0.4'],
          destinationPorts: ['443'],
        },
      ]),
    ]);
  }

  /** Adds a rule collection to a rule collection group, after those it has. */
  withRuleCollection(groupId: string, collection: Json): this {
    const properties = (this.find(groupId).properties ??= {});
    ((properties.ruleCollections ??= []) as unknown[]).push(structuredClone(collection));
    return this;
  }

  /** Adds a rule collection group to the hub firewall policy. */
  withRuleCollectionGroup(name: string, priority: number, collections: Json[]): this {
    const group = ruleCollectionGroup(`${firewallPolicy}/ruleCollectionGroups/${name}`, priority, collections);
    const policy = (this.find(firewallPolicy).properties ??= {});
    ((policy.ruleCollectionGroups ??= []) as unknown[]).push({ id: group.id });
    return this.add(group);
  }

  /** Makes fwpol-parent the hub policy's base policy; `properties` are the parent's settings. */
  withBasePolicy(properties: Json): this {
    this.set(firewallPolicy, 'basePolicy', { id: extraIds.parentPolicy });
    return this.add({
      id: extraIds.parentPolicy,
      name: 'fwpol-parent',
      type: 'Microsoft.Network/firewallPolicies',
      location: LOCATION,
      properties: {
        provisioningState: 'Succeeded',
        sku: { tier: 'Standard' },
        threatIntelMode: 'Alert',
        ruleCollectionGroups: [],
        childPolicies: [{ id: firewallPolicy }],
        firewalls: [],
        ...properties,
      },
    });
  }

  /** The hub firewall policy and its rule collection groups were not read. */
  withoutFirewallPolicy(): this {
    const prefix = `${normalizeId(firewallPolicy)}/`;
    for (const resource of [...this.resources]) {
      const id = normalizeId(resource.id);
      if (id === normalizeId(firewallPolicy) || id.startsWith(prefix)) this.remove(resource.id);
    }
    return this;
  }

  /** A resource, or a child embedded in its parent (a subnet or peering of a VNet, a route of a route table). */
  private locate(id: string): RawResource {
    const found =
      this.resources.find((resource) => normalizeId(resource.id) === normalizeId(id)) ??
      this.embeddedSiblings(id)?.find((child) => normalizeId(child.id) === normalizeId(id));
    if (!found) throw new Error(`test estate has no resource ${id}`);
    return found;
  }

  /** The array of the parent's properties that would embed the child `id` (`…/vnet/subnets/x` -> vnet.subnets). */
  private embeddedSiblings(id: string): RawResource[] | undefined {
    const segments = id.split('/');
    const collection = segments[segments.length - 2]?.toLowerCase();
    const parentId = normalizeId(segments.slice(0, -2).join('/'));
    const parent = this.resources.find((resource) => normalizeId(resource.id) === parentId);
    const key = Object.keys(parent?.properties ?? {}).find((name) => name.toLowerCase() === collection);
    const children = key ? parent!.properties![key] : undefined;
    return Array.isArray(children) ? (children as RawResource[]) : undefined;
  }
}

function connectionStatePath(id: string): string {
  return id.toLowerCase().includes('/microsoft.network/privateendpoints/')
    ? 'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState'
    : 'privateEndpointConnections.0.properties.privateLinkServiceConnectionState';
}

export function referenceEstate(): Estate {
  return new Estate(structuredClone(clean.resources));
}
