// Splitting a large estate's subscriptions over N parallel scans (`plaudit scan --shard I/N`).
// A subscription's shard comes from a hash of its id, not its position in a list, so adding or
// removing one subscription moves no other: each shard keeps reading the same subscriptions from
// one night to the next, and its SARIF category stays meaningful.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based: the first shard is 1. */
  readonly index: number;
  readonly count: number;
}

/** More shards than this buys nothing (GitHub accepts 20 runs per SARIF file; jobs cost minutes). */
export const maxShardCount = 256;

/** `--shard` is malformed or out of range: a usage error (exit code 2). */
export class ShardSpecError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ShardSpecError';
  }
}

/** Parses `I/N`: shard I (counting from 1) of N, with 1 <= I <= N <= 256. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!match) {
    throw new ShardSpecError(
      `--shard ${JSON.stringify(text)} is not I/N; give this scan's shard and the number of shards, e.g. --shard 2/4`,
    );
  }
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  checkShard(shard, text);
  return shard;
}

/** The subscriptions of `subscriptionIds` that belong to `shard`, in the order given, each once. */
export function shardSubscriptions(subscriptionIds: readonly string[], shard: Shard): string[] {
  checkShard(shard, `${shard.index}/${shard.count}`);
  const seen = new Set<string>();
  return subscriptionIds.filter((id) => {
    const key = subscriptionKey(id);
    if (seen.has(key)) return false;
    seen.add(key);
    return shardIndexOf(id, shard.count) === shard.index;
  });
}

/** The 1-based shard a subscription falls in among `count` shards. */
/** Whether a resource belongs to a shard: the shard of the subscription it lives in. */
export function isResourceInShard(resourceId: string, shard: Shard): boolean {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(resourceId.trim())?.[1];
  return subscription !== undefined && shardIndexOf(subscription, shard.count) === shard.index;
}

export function shardIndexOf(subscriptionId: string, count: number): number {
  const digest = createHash('sha256').update(subscriptionKey(subscriptionId)).digest();
  // 48 bits of the hash: the modulo bias for count <= 256 is below 1e-12.
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** `/subscriptions/ABC/` and `abc` are the same subscription: ids are case-insensitive. */
function subscriptionKey(subscriptionId: string): string {
  return subscriptionId
    .trim()
    .replace(/^\/?subscriptions\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function checkShard(shard: Shard, written: string): void {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || count > maxShardCount) {
    throw new ShardSpecError(
      `--shard ${written}: the number of shards must be between 1 and ${maxShardCount}, got ${count}`,
    );
  }
  if (!Number.isInteger(index) || index < 1 || index > count) {
    throw new ShardSpecError(
      `--shard ${written}: shards are numbered 1 to ${count}, got ${index}${index === 0 ? ' (shards count from 1)' : ''}`,
    );
  }
}
