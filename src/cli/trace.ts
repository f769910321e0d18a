import { UsageError } from '../errors.js';
import { parseIpv4 } from '../net/cidr.js';
import { exitCodes } from '../engine/exit-code.js';
import { buildInventory } from '../inventory/build/index.js';
import { defaultCheckContext, type CheckContext } from '../inventory/context.js';
import type { Inventory } from '../inventory/inventory.js';
import { renderTraceHtml } from '../trace/html.js';
import { renderTraceMarkdown } from '../trace/mermaid.js';
import { renderTraceJson, renderTraceText } from '../trace/render.js';
import { resolveSource } from '../trace/source.js';
import { tracePath } from '../trace/trace.js';
import type { CloudName, Snapshot } from '../snapshot/types.js';
import { stdoutColor, type CliIo } from './io.js';
import { writeOutput } from './outputs.js';

export interface TraceCommandOptions {
  from: string;
  to: string;
  format: 'text' | 'json' | 'markdown' | 'html';
  output?: string;
  config?: string;
  cloud: CloudName;
}

/** Exit 0 when the path works, 1 when a step is broken, 3 when a step could not be judged. */
export async function runTrace(snapshot: Snapshot, options: TraceCommandOptions, io: CliIo): Promise<number> {
  const destination = parseDestination(options.to);
  const inventory = buildInventory(snapshot, snapshot.cloud ?? options.cloud);
  const context = await contextOf(options.config, inventory);
  const source = resolveSource(inventory, options.from);
  const { port } = destination;
  const trace = tracePath(inventory, {
    source,
    ...('address' in destination ? { address: destination.address } : { fqdn: destination.fqdn }),
    ...(port ? { port } : {}),
    context,
  });
  const path = options.output === undefined || options.output === '-' ? undefined : options.output;
  const color = path === undefined && stdoutColor(io);
  const content =
    options.format === 'json'
      ? renderTraceJson(trace)
      : options.format === 'markdown'
        ? renderTraceMarkdown(trace)
        : options.format === 'html'
          ? renderTraceHtml(trace)
          : renderTraceText(trace, { color });
  await writeOutput({ format: 'text', path }, content, io.stdout);
  return trace.verdict === 'works'
    ? exitCodes.ok
    : trace.verdict === 'broken'
      ? exitCodes.findings
      : exitCodes.incomplete;
}

/** The configuration's declarations; without --config, the defaults (and no configuration reader loaded). */
async function contextOf(path: string | undefined, inventory: Inventory): Promise<CheckContext> {
  if (!path) return defaultCheckContext;
  const { checkContextFor, readConfigFile } = await import('../config/config.js');
  return checkContextFor(await readConfigFile(path), inventory);
}

type Destination = { fqdn: string; port: number | undefined } | { address: string; port: number | undefined };

/** `--to`: a name (`kv-app.vault.azure.net[:443]`) or an IPv4 address (`10.2.0.4[:443]`). */
export function parseDestination(text: string): Destination {
  const match = /^([a-z0-9.-]+?)\.?(?::(\d{1,5}))?$/i.exec(text.trim());
  const port = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match || !match[1]!.includes('.') || (port !== undefined && (port < 1 || port > 65535))) {
    throw new UsageError(
      `--to must be FQDN[:PORT] or IP[:PORT], for example kv-app.vault.azure.net:443 or 10.2.0.4:443; got "${text}"`,
    );
  }
  const host = match[1]!.toLowerCase();
  if (/^[\d.]+$/.test(host)) {
    if (parseIpv4(host) === undefined) throw new UsageError(`--to ${text}: ${host} is not an IPv4 address`);
    return { address: host, port };
  }
  return { fqdn: host, port };
}
