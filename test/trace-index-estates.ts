// The trace an indexed snapshot gives must be the trace the whole snapshot gives, for any source and
// destination: these helpers write an estate as a snapshot file with its index, list every source
// and destination the estate offers, and give the outcome of one trace (its JSON and text, or the
// error it stops with) from the whole snapshot and from the partial read the index makes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDestination } from '../src/cli/trace.js';
import { checkContextFor } from '../src/config/config.js';
import { nameFromId, normalizeId } from '../src/ids.js';
import { buildInventory } from '../src/inventory/build/index.js';
import type { Inventory } from '../src/inventory/inventory.js';
import { parseIpv4Prefix, formatIpv4 } from '../src/net/cidr.js';
import { indexSnapshotFile } from '../src/snapshot/lookup/build.js';
import { indexPathOf, openSnapshotIndex, readIndexedSubset } from '../src/snapshot/lookup/subset.js';
import { readSnapshotFile } from '../src/snapshot/read.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { snapshotPieces } from '../src/snapshot/write.js';
import { renderTraceJson, renderTraceText } from '../src/trace/render.js';
import { traceKeys } from '../src/trace/seeds.js';
import { resolveSource } from '../src/trace/source.js';
import { tracePath } from '../src/trace/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'plaudit-trace-index-'));
let files = 0;

/** Writes the snapshot (full or compact form) and its index; returns the snapshot's path. */
export async function indexedFile(
  snapshot: Snapshot | string,
  options: { readonly compact?: boolean; readonly viewAbove?: number } = {},
): Promise<string> {
  const path = join(dir, `snapshot-${files++}.json`);
  const text =
    typeof snapshot === 'string' ? snapshot : [...snapshotPieces(snapshot, { compact: options.compact })].join('');
  writeFileSync(path, text);
  writeFileSync(indexPathOf(path), await indexSnapshotFile(path, { viewAbove: options.viewAbove }));
  return path;
}

/**
 * The snapshot with each subnet listing the IP configurations of the NICs in it and the private
 * endpoints in it, as ARM returns subnets (lists that grow with the estate, which the index reads
 * as trace views).
 */
export function withSubnetLists(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  const subnets = new Map<string, Record<string, unknown>>();
  for (const resource of copy.resources) {
    const type = resource.type.toLowerCase();
    if (type === 'microsoft.network/virtualnetworks') {
      for (const subnet of (resource.properties?.subnets as { id?: string; properties?: Record<string, unknown> }[]) ??
        []) {
        if (subnet.id) subnets.set(normalizeId(subnet.id), (subnet.properties ??= {}));
      }
    }
    if (type === 'microsoft.network/virtualnetworks/subnets')
      subnets.set(normalizeId(resource.id), (resource.properties ??= {}));
  }
  const push = (subnetId: unknown, list: string, id: string) => {
    const props = typeof subnetId === 'string' ? subnets.get(normalizeId(subnetId)) : undefined;
    if (props) ((props[list] ??= []) as { id: string }[]).push({ id });
  };
  for (const resource of copy.resources) {
    const type = resource.type.toLowerCase();
    const props = resource.properties ?? {};
    if (type === 'microsoft.network/networkinterfaces') {
      for (const config of (props.ipConfigurations as { name?: string; properties?: { subnet?: { id?: string } } }[]) ??
        []) {
        push(
          config.properties?.subnet?.id,
          'ipConfigurations',
          `${resource.id}/ipConfigurations/${config.name ?? 'ipconfig1'}`,
        );
      }
    }
    if (type === 'microsoft.network/privateendpoints')
      push((props.subnet as { id?: string })?.id, 'privateEndpoints', resource.id);
  }
  return copy;
}

/** What a trace prints, or the error it stops with. */
export function traceOutcome(inv: Inventory, from: string, to: string): string {
  try {
    const destination = parseDestination(to);
    const source = resolveSource(inv, from);
    const trace = tracePath(inv, {
      source,
      ...('address' in destination ? { address: destination.address } : { fqdn: destination.fqdn }),
      ...(destination.port ? { port: destination.port } : {}),
      context: checkContextFor({}, inv),
    });
    return `${renderTraceJson(trace)}\n${renderTraceText(trace, { color: false })}`;
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Every source a trace of this estate can start from, and a few that it cannot. */
export function sourcesOf(inv: Inventory): string[] {
  const found = new Set<string>(['nothing-by-this-name', '10.250.250.250', 'gateway', 'gateway:nothing']);
  for (const nic of inv.nics.values()) {
    found.add(nic.id);
    for (const config of nic.ipConfigurations) if (config.privateIp) found.add(config.privateIp);
  }
  for (const subnet of inv.subnets.values()) {
    found.add(subnet.id);
    const prefix = subnet.addressPrefixes.map(parseIpv4Prefix).find((candidate) => candidate !== undefined);
    if (prefix && prefix.length < 30) found.add(formatIpv4(prefix.network + 3));
    if (subnet.name.toLowerCase() === 'gatewaysubnet') found.add(`gateway:${nameFromId(subnet.vnetKey)}`);
  }
  for (const map of [
    inv.virtualMachines,
    inv.scaleSets,
    inv.managedClusters,
    inv.sites,
    inv.containerAppsEnvironments,
  ]) {
    for (const entity of map.values()) {
      found.add(entity.name);
      found.add(entity.id);
    }
  }
  for (const cluster of inv.managedClusters.values()) {
    for (const pool of cluster.agentPools) found.add(`${cluster.name}/${pool.name}`);
  }
  for (const device of inv.devices.values()) {
    if (device.kind === 'virtualNetworkGateway') {
      found.add(device.id);
      found.add(`gateway:${device.name}`);
    }
  }
  return [...found];
}

/** Every name and address a trace of this estate can go to, and a few it cannot. */
export function destinationsOf(inv: Inventory): string[] {
  const found = new Set<string>(['nothing.vault.azure.net', 'www.example.com', '10.250.250.251:443']);
  for (const nic of inv.nics.values()) {
    for (const config of nic.ipConfigurations) {
      for (const fqdn of config.fqdns) found.add(fqdn);
      if (nic.privateEndpointId && config.privateIp) found.add(`${config.privateIp}:443`);
    }
  }
  for (const endpoint of inv.privateEndpoints.values()) {
    for (const config of endpoint.customDnsConfigs) {
      if (config.fqdn) found.add(config.fqdn);
      for (const ip of config.ipAddresses) found.add(ip);
    }
  }
  for (const record of inv.recordSets.values()) {
    const zone = inv.zones.get(record.zoneKey)?.zoneName ?? nameFromId(record.zoneKey);
    found.add(record.relativeName === '@' ? zone : `${record.relativeName}.${zone}`);
  }
  return [...found].filter((text) => {
    try {
      parseDestination(text);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Mismatch {
  readonly from: string;
  readonly to: string;
  readonly whole: string;
  readonly indexed: string;
}

/** Each (source, destination) pair whose trace differs between the whole snapshot and its index. */
export async function compareTraces(
  path: string,
  /** At most about this many pairs, spread so that every source and every destination is traced. */
  budget = Infinity,
): Promise<{ readonly pairs: number; readonly mismatches: readonly Mismatch[] }> {
  const whole = await readSnapshotFile(path);
  const inv = buildInventory(whole);
  const opening = await openSnapshotIndex(path);
  if (opening.kind !== 'ready') throw new Error(`the index of ${path} is ${opening.kind}`);
  const sources = sourcesOf(inv);
  const destinations = destinationsOf(inv);
  const stride = Math.max(1, Math.ceil((sources.length * destinations.length) / budget));
  const mismatches: Mismatch[] = [];
  let pairs = 0;
  for (const [j, to] of destinations.entries()) {
    const destination = parseDestination(to);
    for (const [i, from] of sources.entries()) {
      if ((i + j) % stride !== 0) continue;
      pairs++;
      const subset = await readIndexedSubset(path, opening.index, traceKeys(from, destination));
      const indexed = traceOutcome(buildInventory(subset), from, to);
      const expected = traceOutcome(inv, from, to);
      if (indexed !== expected) mismatches.push({ from, to, whole: expected, indexed });
    }
  }
  return { pairs, mismatches };
}
