// The bundled reference estate as a starting point for test cases: each failing case is one named
// mutation of it, applied to a fresh deep copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeId } from '../src/ids.js';
import type { RawResource, Snapshot } from '../src/snapshot/types.js';

const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url));
const clean = JSON.parse(readFileSync(`${examplesDir}clean.json`, 'utf8')) as Snapshot;

const connectivity = '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001';
const landingZone = '/subscriptions/5e6f7a8b-0000-4000-8000-000000000002';
const network = 'providers/Microsoft.Network';
const rgHub = `${connectivity}/resourceGroups/rg-hub`;
const rgDns = `${connectivity}/resourceGroups/rg-dns`;
const rgApp = `${landingZone}/resourceGroups/rg-app`;
const rgPep = `${landingZone}/resourceGroups/rg-pep`;
const vaultZone = `${rgDns}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`;

/** Ids of the reference estate's resources, as the example file writes them. */
export const ids = {
  connectivity,
  landingZone,
  rgHub,
  rgDns,
  rgApp,
  rgPep,
  hubVnet: `${rgHub}/${network}/virtualNetworks/vnet-hub`,
  appVnet: `${rgApp}/${network}/virtualNetworks/vnet-app`,
  pepVnet: `${rgPep}/${network}/virtualNetworks/vnet-pep`,
  firewallSubnet: `${rgHub}/${network}/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet`,
  appSubnet: `${rgApp}/${network}/virtualNetworks/vnet-app/subnets/sn-app`,
  pepSubnet: `${rgPep}/${network}/virtualNetworks/vnet-pep/subnets/sn-pep`,
  hubToApp: `${rgHub}/${network}/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-hub-to-app`,
  hubToPep: `${rgHub}/${network}/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-hub-to-pep`,
  appToHub: `${rgApp}/${network}/virtualNetworks/vnet-app/virtualNetworkPeerings/peer-app-to-hub`,
  pepToHub: `${rgPep}/${network}/virtualNetworks/vnet-pep/virtualNetworkPeerings/peer-pep-to-hub`,
  appRouteTable: `${rgApp}/${network}/routeTables/rt-app`,
  firewall: `${rgHub}/${network}/azureFirewalls/fw-hub`,
  firewallPolicy: `${rgHub}/${network}/firewallPolicies/fwpol-hub`,
  appRuleGroup: `${rgHub}/${network}/firewallPolicies/fwpol-hub/ruleCollectionGroups/DefaultApplicationRuleCollectionGroup`,
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

type Json = Record<string, unknown>;

export class Estate {
  readonly resources: RawResource[];

  constructor(resources: RawResource[]) {
    this.resources = resources;
  }

  snapshot(): Snapshot {
    return { resources: this.resources, cloud: 'AzureCloud' };
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

  remove(id: string): this {
    this.find(id);
    this.resources.splice(
      0,
      this.resources.length,
      ...this.resources.filter((resource) => normalizeId(resource.id) !== normalizeId(id)),
    );
    return this;
  }

  /** Sets `properties.<path>` (dot separated; numeric segments index arrays). */
  set(id: string, path: string, value: unknown): this {
    const segments = path.split('.');
    let target = (this.find(id).properties ??= {}) as Json;
    for (const segment of segments.slice(0, -1)) {
      target = (target[segment] ??= {}) as Json;
    }
    target[segments[segments.length - 1]!] = structuredClone(value);
    return this;
  }

  /** Changes a resource any other way. */
  update(id: string, change: (resource: RawResource) => void): this {
    change(this.find(id));
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
}

export function referenceEstate(): Estate {
  return new Estate(structuredClone(clean.resources));
}
