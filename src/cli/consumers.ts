// `plaudit consumers`: every subnet, whether plaudit judges it as a consumer of private endpoints,
// of what kind and why, and for consumers the endpoint VNets reached with the path over links.
import { createColors } from 'picocolors';
import { exitCodes } from '../engine/exit-code.js';
import { buildInventory } from '../inventory/build/index.js';
import { checkContextFor, readConfigFile } from '../config/config.js';
import { consumerListing, type SubnetListing } from '../net/consumers/index.js';
import type { CloudName, Snapshot } from '../snapshot/types.js';
import { mapStrings, terminalText } from '../text/escape.js';
import { stdoutColor, type CliIo } from './io.js';
import { writeOutput } from './outputs.js';

export interface ConsumersCommandOptions {
  format: 'text' | 'json';
  config?: string;
  cloud: CloudName;
  snapshot?: string;
}

/** Exit 0 when listed; 3 when the snapshot says part of the scope was not read. */
export async function runConsumers(snapshot: Snapshot, options: ConsumersCommandOptions, io: CliIo): Promise<number> {
  const inventory = buildInventory(snapshot, snapshot.cloud ?? options.cloud);
  const config = options.config ? await readConfigFile(options.config) : {};
  const listing = consumerListing(inventory, checkContextFor(config, inventory));
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ schemaVersion: 1, subnets: listing }, null, 2)}\n`
      : renderText(listing, stdoutColor(io));
  await writeOutput({ format: 'text', path: undefined }, text, io.stdout);
  return (snapshot.incomplete ?? []).length > 0 ? exitCodes.incomplete : exitCodes.ok;
}

function renderText(listed: readonly SubnetListing[], color: boolean): string {
  const listing = mapStrings(listed, (text) => terminalText(text));
  const c = createColors(color);
  const consumers = listing.filter((subnet) => subnet.consumer).length;
  const lines = [c.bold(`${listing.length} subnets, ${consumers} judged as consumers of private endpoints`), ''];
  for (const subnet of listing) {
    const mark = subnet.consumer ? c.green('consumer') : c.dim('not     ');
    const kind = subnet.routesOnly ? `${subnet.kind}, routes only` : subnet.kind;
    lines.push(`${mark} ${c.bold(`${subnet.vnet}/${subnet.name}`)} (${kind})`);
    lines.push(`         ${subnet.reason}`);
    for (const reach of subnet.reaches) {
      const endpoints = `${reach.endpoints} endpoint${reach.endpoints === 1 ? '' : 's'}`;
      lines.push(`         reaches ${endpoints}: ${reach.path}`);
      for (const note of reach.notes) {
        lines.push(`           ${note.severity === 'broken' ? c.red('broken') : c.yellow('warning')}: ${note.text}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
