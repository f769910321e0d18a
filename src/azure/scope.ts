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
import { resolveSubscriptionNames } from './subscription-names.js';

export interface ResolvedScope {
  units: ScopeUnit[];
  /** Subscriptions read, wholly or in part. */
  subscriptions: string[];
  /** No scope was given: every subscription the credential can read is in scope. */
  everything: boolean;
  /** Subscriptions known readable because ARM listed them (no need to check them again). */
  listed: Set<string>;
  /** The scope as asked for, with names replaced by the ids they resolved to (what a snapshot records). */
  scope: SnapshotScope;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Resource group names: letters, digits, underscores, hyphens, periods and parentheses, up to 90.
const RESOURCE_GROUP_NAME = /^[-\w.()\p{L}]{1,90}$/u;

export interface ParsedScope {
  scope: SnapshotScope;
  /** Lower-case subscription GUIDs. */
  subscriptions: string[];
  /** `--subscription` values that are display names, resolved once signed in. */
  subscriptionNames: string[];
  resourceGroups: Array<{ subscription: string; name: string }>;
  /**
   * `--resource-group` values given by name, as `az` takes them: in the one subscription given
   * with `--subscription` (by id or name), which then is not read whole.
   */
  resourceGroupNames: string[];
}

/** Checks the scope's syntax before any request or sign-in, so a typo is a usage error. */
export function parseScope(scope: SnapshotScope): ParsedScope {
  const subscriptions: string[] = [];
  const subscriptionNames: string[] = [];
  for (const value of scope.subscriptions ?? []) {
    const id = value
      .trim()
      .replace(/^\/subscriptions\//i, '')
      .replace(/\/+$/, '');
    if (GUID.test(id)) subscriptions.push(id.toLowerCase());
    else if (value.trim() !== '' && !value.trim().startsWith('/')) subscriptionNames.push(value.trim());
    else {
      throw new InvalidOptionError(
        `--subscription ${value} is not a subscription id or name; give its GUID (00000000-0000-0000-0000-000000000000) or its display name.`,
      );
    }
  }
  const resourceGroups: ParsedScope['resourceGroups'] = [];
  const resourceGroupNames: string[] = [];
  for (const value of scope.resourceGroups ?? []) {
    const text = value.trim();
    const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i.exec(text);
    if (match && GUID.test(match[1]!) && RESOURCE_GROUP_NAME.test(match[2]!)) {
      resourceGroups.push({ subscription: match[1]!.toLowerCase(), name: match[2]! });
    } else if (!text.includes('/') && RESOURCE_GROUP_NAME.test(text)) {
      resourceGroupNames.push(text);
    } else {
      throw new InvalidOptionError(
        `--resource-group ${value} is not a resource group id or name; give /subscriptions/<GUID>/resourceGroups/<name>, or the name with --subscription.`,
      );
    }
  }
  const given = subscriptions.length + subscriptionNames.length;
  if (resourceGroupNames.length > 0 && given !== 1) {
    throw new InvalidOptionError(
      `--resource-group ${resourceGroupNames[0]} is a name, so it needs the one subscription it is in: give ${given === 0 ? '' : 'exactly one '}--subscription ID|NAME, or the group's full id /subscriptions/<GUID>/resourceGroups/${resourceGroupNames[0]}.`,
    );
  }
  if (scope.managementGroup !== undefined && !/^[\w.()-]{1,90}$/.test(scope.managementGroup)) {
    throw new InvalidOptionError(`--management-group ${scope.managementGroup} is not a management group id.`);
  }
  return { scope, subscriptions, subscriptionNames, resourceGroups, resourceGroupNames };
}

export async function resolveScope(
  ctx: CollectContext,
  parsed: ParsedScope,
  source: 'graph' | 'arm',
): Promise<ResolvedScope> {
  const { scope } = parsed;
  ctx.report('resolving the scope');
  const named = await resolveSubscriptionNames(ctx, parsed.subscriptionNames, scope.tenant);
  const given = [...parsed.subscriptions, ...named];
  // Groups given by name live in the one subscription given, which is then read only in part.
  const groups = [
    ...parsed.resourceGroups,
    ...parsed.resourceGroupNames.map((name) => ({ subscription: given[0]!, name })),
  ];
  const wholeGiven = parsed.resourceGroupNames.length > 0 ? [] : given;
  const everything = given.length === 0 && groups.length === 0 && !scope.managementGroup && !scope.tenant;
  const whole = new Set(wholeGiven);
  const listed = new Set<string>();

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
    groups
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
  return {
    units,
    subscriptions: units.map((unit) => unit.subscription),
    everything,
    listed,
    scope: namesResolved(parsed, named, groups),
  };
}

/** The scope with subscription and resource group names replaced by ids; as given when it had none. */
function namesResolved(
  parsed: ParsedScope,
  named: readonly string[],
  groups: ReadonlyArray<{ subscription: string; name: string }>,
): SnapshotScope {
  if (parsed.subscriptionNames.length === 0 && parsed.resourceGroupNames.length === 0) return parsed.scope;
  const { subscriptions: _subscriptions, resourceGroups: _resourceGroups, ...rest } = parsed.scope;
  const subscriptions = parsed.resourceGroupNames.length > 0 ? [] : [...parsed.subscriptions, ...named];
  const resourceGroups = groups.map((group) => `/subscriptions/${group.subscription}/resourceGroups/${group.name}`);
  return {
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    ...(resourceGroups.length > 0 ? { resourceGroups } : {}),
    ...rest,
  };
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
