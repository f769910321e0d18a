// plaudit.config.yaml: the hub firewall, consumers per endpoint, ignored resources, suppressions
// and level overrides. Validated against schemas/config.schema.json; errors name the file, the
// line and the key at fault.
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { CST, isAlias, isMap, isSeq, Lexer, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import type { CheckContext } from '../inventory/context.js';
import { idPattern } from '../engine/id-pattern.js';
import { didYouMean, isCheckId, isCheckIdOrGroup } from './check-ids.js';
import type { SuppressionRules } from '../engine/suppress.js';
import type { Level } from '../engine/types.js';
import { UsageError } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import { printable } from '../snapshot/printable.js';

export interface PlauditConfig {
  hubFirewalls?: string[];
  consumers?: { endpoint: string; subnets: string[] }[];
  consumerSubnets?: { subnet: string; consumer: boolean; reason: string }[];
  ignore?: { resource: string; reason: string }[];
  suppressions?: { check: string; resource: string; reason: string; expires?: string }[];
  levels?: Record<string, Level>;
}

/** The configuration file cannot be read or is not valid: names the file, the line and the key. */
export class ConfigError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * How far aliases may expand, as the `yaml` package counts it (each alias weighs as much as the
 * aliases inside its anchor): enough for anchors shared by a few entries, far below what a
 * "billion laughs" file needs to exhaust memory.
 */
export const maxAliasCount = 100;

/**
 * How deep `[...]` and `{...}` may nest: the configuration needs three levels. The `yaml` package
 * composes nodes recursively, so a file nested thousands deep takes seconds and then overflows the
 * stack; it is refused before that, at the bracket that goes too deep.
 */
export const maxNesting = 64;

const validate = new Ajv({ allErrors: false, strict: false }).compile<PlauditConfig>(configSchema);

export async function readConfigFile(path: string): Promise<PlauditConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`}`);
  }
  return parseConfig(text, path);
}

export function parseConfig(text: string, source: string): PlauditConfig {
  assertNestingWithin(text, source);
  const lineCounter = new LineCounter();
  // Warnings (an unknown tag, a key that is a list) would go to the process's stderr; the schema
  // judges what they leave behind.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw new ConfigError(`${source}:${line}:${col}: ${printable(syntaxError.message.split('\n')[0]!)}`);
  }
  assertAliasesResolve(document, lineCounter, source);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount }) ?? {};
  } catch (error) {
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message)) {
      throw new ConfigError(
        `${source}: aliases expand beyond ${maxAliasCount} nodes; write the repeated entries out, or share fewer anchors`,
      );
    }
    throw new ConfigError(`${source}: cannot read the YAML (${printable(String((error as Error).message))})`);
  }
  // Before the schema, whose pattern for check ids would say less than "did you mean".
  assertKnownChecks(
    value,
    (path) => {
      const node = nodeAt(document.contents, path);
      return node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
    },
    source,
  );
  if (!validate(value)) {
    const error = validate.errors![0]!;
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra =
      error.keyword === 'additionalProperties'
        ? (error.params as { additionalProperty: string }).additionalProperty
        : undefined;
    const node = nodeAt(document.contents, extra ? [...path, extra] : path);
    const where = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
    const key = printable(['$', ...path].join('.') + (extra ? `.${extra}` : ''));
    const detail = extra ? `unknown key "${printable(extra)}"` : (error.message ?? 'invalid value');
    const allowed =
      error.keyword === 'enum' ? ` (${(error.params as { allowedValues: string[] }).allowedValues.join(', ')})` : '';
    throw new ConfigError(`${source}${where}: ${key}: ${detail}${allowed}`);
  }
  return value;
}

/** Counts flow brackets as the `yaml` lexer reads them (quoted or plain text holds none). */
function assertNestingWithin(text: string, source: string): void {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') depth++;
    else if (token === ']' || token === '}') depth--;
    if (depth > maxNesting) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const col = offset - before.lastIndexOf('\n');
      throw new ConfigError(`${source}:${line}:${col}: nested more than ${maxNesting} levels deep`);
    }
    // The lexer's markers (document start, scalar ahead, flow end) are not in the text.
    if (token !== CST.DOCUMENT && token !== CST.SCALAR && token !== CST.FLOW_END) offset += token.length;
  }
}

/**
 * Every alias names an anchor set before it, and none sits inside its own anchor (which would make
 * the value infinite). The `yaml` package finds neither when parsing, only when converting.
 */
function assertAliasesResolve(document: Document, lineCounter: LineCounter, source: string): void {
  const anchors = new Map<string, Node>();
  let fault: string | undefined;
  visit(document, {
    Node: (_key, node, path) => {
      if (node.anchor) anchors.set(node.anchor, node);
      if (!isAlias(node)) return undefined;
      const name = node.source;
      const target = anchors.get(name);
      const line = node.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
      if (!target) {
        fault = `${source}${line}: alias *${printable(name)} has no anchor &${printable(name)} before it`;
      } else if (path.includes(target)) {
        fault = `${source}${line}: alias *${printable(name)} is inside its own anchor, so its value would never end`;
      }
      return fault ? visit.BREAK : undefined;
    },
  });
  if (fault) throw new ConfigError(fault);
}

/** Level overrides name check ids, suppressions ids or groups; one that names no check is an error. */
function assertKnownChecks(value: unknown, lineOf: (path: readonly string[]) => string, source: string): void {
  // The schema judges the shapes; only well-shaped entries are looked at here.
  const config = (typeof value === 'object' && value !== null ? value : {}) as {
    levels?: unknown;
    suppressions?: unknown;
  };
  const levels =
    typeof config.levels === 'object' && config.levels !== null && !Array.isArray(config.levels) ? config.levels : {};
  for (const id of Object.keys(levels)) {
    if (!isCheckId(id)) {
      const where = lineOf(['levels', id]);
      throw new ConfigError(
        `${source}${where}: $.levels.${printable(id)}: unknown check id${didYouMean(id, { groups: false })}`,
      );
    }
  }
  (Array.isArray(config.suppressions) ? (config.suppressions as unknown[]) : []).forEach((entry, index) => {
    const check = (entry as { check?: unknown } | null)?.check;
    if (typeof check === 'string' && !isCheckIdOrGroup(check)) {
      const where = lineOf(['suppressions', String(index), 'check']);
      throw new ConfigError(
        `${source}${where}: $.suppressions.${index}.check: unknown check id or group "${printable(check)}"${didYouMean(check, { groups: true })}`,
      );
    }
  });
}

/** Resolves configuration against the estate into what checks may read. */
export function checkContextFor(config: PlauditConfig, inv: Inventory): CheckContext {
  const consumers = new Map<string, string[]>();
  for (const entry of config.consumers ?? []) {
    const pattern = idPattern(entry.endpoint);
    for (const endpoint of inv.privateEndpoints.values()) {
      if (pattern.test(endpoint.key) || pattern.test(endpoint.name.toLowerCase())) {
        consumers.set(endpoint.key, [...(consumers.get(endpoint.key) ?? []), ...entry.subnets.map(normalizeId)]);
      }
    }
  }
  // The first entry that matches a subnet decides it.
  const consumerSubnets = new Map<string, { consumer: boolean; reason: string }>();
  for (const entry of config.consumerSubnets ?? []) {
    const pattern = idPattern(entry.subnet);
    for (const subnet of inv.subnets.values()) {
      if (consumerSubnets.has(subnet.key) || !pattern.test(subnet.key)) continue;
      consumerSubnets.set(subnet.key, { consumer: entry.consumer, reason: entry.reason });
    }
  }
  return {
    hubFirewallKeys: (config.hubFirewalls ?? []).map(normalizeId),
    consumerSubnetsByEndpoint: consumers,
    ...(consumerSubnets.size > 0 ? { consumerSubnets } : {}),
  };
}

export function levelOverrides(config: PlauditConfig): ReadonlyMap<string, Level> {
  return new Map(Object.entries(config.levels ?? {}));
}

/** The suppressions and ignored resources, as the engine applies them to findings. */
export function suppressionRules(config: PlauditConfig): SuppressionRules {
  return { suppressions: config.suppressions ?? [], ignore: config.ignore ?? [] };
}

function nodeAt(root: unknown, path: readonly string[]): Node | undefined {
  let node = root as Node | undefined;
  for (const segment of path) {
    if (isMap(node)) node = node.get(segment, true) as Node | undefined;
    else if (isSeq(node)) node = node.get(Number(segment), true) as Node | undefined;
    else return node;
  }
  return node;
}
