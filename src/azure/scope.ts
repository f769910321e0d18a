// Turning the requested scope into subscriptions and resource groups to read.

import type { SnapshotScope } from '../snapshot/types.js';
import {
  MANAGEMENT_GROUPS_API_VERSION,
  RESOURCE_GROUPS_API_VERSION,
  SUBSCRIPTIONS_API_VERSION,
} from './api-versions.js';
import type { CollectContext, ScopeUnit } from './context.js';
import { InvalidOptionError } from './errors.js';
import { queryAll } from './graph.js';

export interface ResolvedScope {
  units: ScopeUnit[];
  /** Subscriptions read, wholly or in part. */
  subscriptions: string[];
  /** No scope was given: every subscription the credential can read is in scope. */
  everything: boolean;
  /** Subscriptions known readable because ARM listed them (no need to check them again). */
  listed: Set<string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ParsedScope {
  scope: SnapshotScope;
  /** Lower-case subscription GUIDs. */
  subscriptions: string[];
  resourceGroups: Array<{ subscription: string; name: string }>;
}

/** Checks the scope's syntax before any request or sign-in, so a typo is a usage error. */
export function parseScope(scope: SnapshotScope): ParsedScope {
  const subscriptions = (scope.subscriptions ?? []).map((value) => {
    const id = value
      .trim()
      .replace(/^\/subscriptions\//i, '')
      .replace(/\/+$/, '');
    if (!GUID.test(id)) {
      throw new InvalidOptionError(
        `--subscription ${value} is not a subscription id; give its GUID, e.g. 00000000-0000-0000-0000-000000000000.`,
      );
    }
    return id.toLowerCase();
  });
  const resourceGroups = (scope.resourceGroups ?? []).map((value) => {
    const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i.exec(value.trim());
    // Resource group names: letters, digits, underscores, hyphens, periods and parentheses, up to 90.
    if (!match || !GUID.test(match[1]!) || !/^[-\w.()\p{L}]{1,90}$/u.test(match[2]!)) {
      throw new InvalidOptionError(
        `--resource-group ${value} is not a resource group id; give /subscriptions/<GUID>/resourceGroups/<name>.`,
      );
    }
    return { subscription: match[1]!.toLowerCase(), name: match[2]! };
  });
  if (scope.managementGroup !== undefined && !/^[\w.()-]{1,90}$/.test(scope.managementGroup)) {
    throw new InvalidOptionError(`--management-group ${scope.managementGroup} is not a management group id.`);
  }
  return { scope, subscriptions, resourceGroups };
}

export async function resolveScope(
  ctx: CollectContext,
  parsed: ParsedScope,
  source: 'graph' | 'arm',
): Promise<ResolvedScope> {
  const { scope } = parsed;
  const everything =
    parsed.subscriptions.length === 0 && parsed.resourceGroups.length === 0 && !scope.managementGroup && !scope.tenant;
  const whole = new Set(parsed.subscriptions);
  const listed = new Set<string>();
  ctx.report('resolving the scope');

  if (scope.managementGroup) {
    (await managementGroupSubscriptions(ctx, scope.managementGroup, source)).forEach((s) => whole.add(s));
  }
  if (everything || scope.tenant) {
    for (const subscription of await readableSubscriptions(ctx, scope.tenant)) {
      whole.add(subscription);
      listed.add(subscription);
    }
  }

  // Resource groups are checked with ARM: Resource Graph answers an unreadable or missing group
  // with no rows, which would look like an empty group.
  const partial = new Map<string, string[]>();
  await Promise.all(
    parsed.resourceGroups
      .filter((group) => !whole.has(group.subscription))
      .map(async (group) => {
        const id = `/subscriptions/${group.subscription}/resourceGroups/${group.name}`;
        try {
          await ctx.transport.getJson(`${id}?api-version=${RESOURCE_GROUPS_API_VERSION}`);
        } catch (error) {
          ctx.fail(id, error);
          return;
        }
        const names = partial.get(group.subscription) ?? [];
        if (!names.some((name) => name.toLowerCase() === group.name.toLowerCase())) {
          names.push(group.name);
        }
        partial.set(group.subscription, names);
      }),
  );

  const units: ScopeUnit[] = [
    ...[...whole].sort().map((subscription) => ({ subscription })),
    ...[...partial]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([subscription, resourceGroups]) => ({ subscription, resourceGroups })),
  ];
  return { units, subscriptions: units.map((unit) => unit.subscription), everything, listed };
}

/** Subscriptions the credential can read (ARM GET /subscriptions), optionally of one tenant. */
export async function readableSubscriptions(ctx: CollectContext, tenant?: string): Promise<string[]> {
  let values: unknown[];
  try {
    values = await ctx.armListValues('/subscriptions', SUBSCRIPTIONS_API_VERSION);
  } catch (error) {
    ctx.fail('/subscriptions', error, 'listing the subscriptions the credential can read');
    return [];
  }
  return values
    .map((value) => value as { subscriptionId?: unknown; tenantId?: unknown })
    .filter(
      (value) =>
        !tenant || (typeof value.tenantId === 'string' && value.tenantId.toLowerCase() === tenant.toLowerCase()),
    )
    .map((value) => (typeof value.subscriptionId === 'string' ? value.subscriptionId.toLowerCase() : ''))
    .filter((id) => id !== '');
}

/** True when ARM can read the subscription; otherwise the failure is recorded against it. */
export async function canReadSubscription(ctx: CollectContext, subscription: string): Promise<boolean> {
  try {
    await ctx.transport.getJson(`/subscriptions/${subscription}?api-version=${SUBSCRIPTIONS_API_VERSION}`);
    return true;
  } catch (error) {
    ctx.fail(`/subscriptions/${subscription}`, error);
    return false;
  }
}

async function managementGroupSubscriptions(
  ctx: CollectContext,
  group: string,
  source: 'graph' | 'arm',
): Promise<string[]> {
  const scope = `/providers/Microsoft.Management/managementGroups/${group}`;
  try {
    if (source === 'graph') {
      const ids: string[] = [];
      await queryAll(
        ctx,
        `resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | order by id asc`,
        { managementGroups: [group] },
        (rows) => rows.forEach((row) => ids.push(row.id.replace(/^\/subscriptions\//i, '').toLowerCase())),
      );
      return ids;
    }
    const descendants = await ctx.armListValues(`${scope}/descendants`, MANAGEMENT_GROUPS_API_VERSION);
    return (
      descendants
        .map((value) => value as { type?: unknown; name?: unknown })
        // Subscriptions come back as type "/subscriptions" (child groups as Microsoft.Management/managementGroups).
        .filter((value) => typeof value.type === 'string' && value.type.toLowerCase().endsWith('/subscriptions'))
        .map((value) => String(value.name).toLowerCase())
    );
  } catch (error) {
    ctx.fail(scope, error, 'listing the subscriptions of the management group');
    return [];
  }
}
