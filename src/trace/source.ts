// Where a traced flow starts: a private IP, a NIC id, a VM id or name, or a subnet id.
import { UsageError } from '../errors.js';
import { normalizeId, typeFromId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import { parseIpv4, parseIpv4Prefix, prefixContains } from '../net/cidr.js';
import type { NetworkInterface, Subnet, VirtualNetwork } from '../inventory/types.js';

export interface TraceSource {
  readonly description: string;
  readonly subnet: Subnet;
  readonly vnet: VirtualNetwork;
  /** The source address: the NIC's IP, or the subnet's prefix when tracing from a whole subnet. */
  readonly address: string;
  readonly resourceId: string;
}

export function resolveSource(inv: Inventory, source: string): TraceSource {
  const text = source.trim();
  if (parseIpv4(text) !== undefined) {
    const nic = inv.ipOwnersOf(text).find((owner) => owner.kind === 'nic');
    if (nic?.kind === 'nic') return fromNic(inv, nic.nic, text, `${text} (${nic.nic.name})`);
    const subnet = [...inv.subnets.values()].find((candidate) =>
      candidate.addressPrefixes.some((prefix) => inPrefix(text, prefix)),
    );
    if (subnet) return fromSubnet(inv, subnet, text, `${text} in ${subnet.name}`);
    throw new UsageError(`no NIC or subnet in the snapshot holds ${text}`);
  }
  if (text.startsWith('/')) {
    const type = typeFromId(text);
    if (type === 'microsoft.network/networkinterfaces') {
      const nic = inv.nic(text);
      if (!nic) throw new UsageError(`NIC ${text} is not in the snapshot`);
      return fromNic(inv, nic, undefined, `NIC ${nic.name}`);
    }
    if (type === 'microsoft.network/virtualnetworks/subnets') {
      const subnet = inv.subnet(text);
      if (!subnet) throw new UsageError(`subnet ${text} is not in the snapshot`);
      return fromSubnet(inv, subnet, undefined, `subnet ${subnet.name}`);
    }
    if (type === 'microsoft.compute/virtualmachines') return fromVm(inv, text);
    throw new UsageError(`${text} is not a NIC, VM or subnet id`);
  }
  return fromVm(inv, text);
}

function fromVm(inv: Inventory, idOrName: string): TraceSource {
  const vms = idOrName.startsWith('/')
    ? [inv.virtualMachines.get(normalizeId(idOrName))].filter((vm) => vm !== undefined)
    : [...inv.virtualMachines.values()].filter((vm) => vm.name.toLowerCase() === idOrName.toLowerCase());
  if (vms.length === 0) throw new UsageError(`no VM, NIC, subnet or IP "${idOrName}" in the snapshot`);
  if (vms.length > 1) throw new UsageError(`${vms.length} VMs are named ${idOrName}; give the VM's resource id`);
  const vm = vms[0]!;
  const nic = vm.nicIds.map((id) => inv.nic(id)).find((candidate) => candidate !== undefined);
  if (!nic) throw new UsageError(`VM ${vm.name} has no NIC in the snapshot`);
  return fromNic(inv, nic, undefined, `VM ${vm.name} (${nic.name})`);
}

function fromNic(inv: Inventory, nic: NetworkInterface, ip: string | undefined, description: string): TraceSource {
  const config =
    nic.ipConfigurations.find((candidate) => (ip ? candidate.privateIp === ip : candidate.privateIp)) ??
    nic.ipConfigurations[0];
  const subnet = inv.subnet(config?.subnetId);
  if (!config?.privateIp || !subnet)
    throw new UsageError(`NIC ${nic.name} has no private IP in a subnet of the snapshot`);
  const vnet = inv.vnets.get(subnet.vnetKey);
  if (!vnet) throw new UsageError(`the VNet of subnet ${subnet.name} is not in the snapshot`);
  return { description, subnet, vnet, address: config.privateIp, resourceId: nic.id };
}

function fromSubnet(inv: Inventory, subnet: Subnet, ip: string | undefined, description: string): TraceSource {
  const vnet = inv.vnets.get(subnet.vnetKey);
  if (!vnet) throw new UsageError(`the VNet of subnet ${subnet.name} is not in the snapshot`);
  const address = ip ?? subnet.addressPrefixes[0];
  if (!address) throw new UsageError(`subnet ${subnet.name} has no address prefix`);
  return { description, subnet, vnet, address, resourceId: subnet.id };
}

function inPrefix(ip: string, prefix: string): boolean {
  const parsed = parseIpv4Prefix(prefix);
  const address = parseIpv4(ip);
  return parsed !== undefined && address !== undefined && prefixContains(parsed, address);
}
