// `--subscription "Contoso Prod"`: a display name, resolved the way `az account set` does: among
// the subscriptions the credential can list (ARM GET /subscriptions, every page), names compared
// case-insensitively; a name that matches none or several is refused, with the candidates.
import { AzureAuthError } from './credentials.js';
import { SUBSCRIPTIONS_API_VERSION } from './api-versions.js';
import type { CollectContext } from './context.js';
import { AzureRequestError, InvalidOptionError } from './errors.js';

export interface ListedSubscription {
  readonly id: string;
  readonly displayName: string;
  readonly tenantId: string | undefined;
}

// Enough to recognise a near miss; a tenant with hundreds of subscriptions is not listed whole.
const CANDIDATES_SHOWN = 10;

/** The lower-case GUIDs the names stand for, in the order given; throws InvalidOptionError otherwise. */
export async function resolveSubscriptionNames(
  ctx: CollectContext,
  names: readonly string[],
  tenant: string | undefined,
): Promise<string[]> {
  if (names.length === 0) return [];
  const listed = await listSubscriptions(ctx, names[0]!);
  const visible = tenant
    ? listed.filter((subscription) => subscription.tenantId?.toLowerCase() === tenant.toLowerCase())
    : listed;
  return names.map((name) => {
    const id = matchSubscriptionName(name, visible);
    ctx.log.info({ name, subscription: id }, 'resolved the subscription name');
    return id;
  });
}

/** The one subscription whose display name is `name` (case-insensitive), else a usage error. */
export function matchSubscriptionName(name: string, subscriptions: readonly ListedSubscription[]): string {
  const wanted = name.trim().toLowerCase();
  const matches = subscriptions.filter((subscription) => subscription.displayName.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) {
    throw new InvalidOptionError(
      `--subscription "${name}" names ${matches.length} subscriptions: ${matches.map(describe).join(', ')}; give the GUID of the one you mean.`,
    );
  }
  const known = [...subscriptions].sort(
    (a, b) => compare(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || compare(a.id, b.id),
  );
  const shown = known.slice(0, CANDIDATES_SHOWN).map(describe).join(', ');
  const more = known.length > CANDIDATES_SHOWN ? ` and ${known.length - CANDIDATES_SHOWN} more` : '';
  throw new InvalidOptionError(
    known.length === 0
      ? `--subscription "${name}" matches no subscription: the credential can list none.`
      : `--subscription "${name}" matches no subscription the credential can list; it can list ${shown}${more}.`,
  );
}

async function listSubscriptions(ctx: CollectContext, name: string): Promise<ListedSubscription[]> {
  let values: unknown[];
  try {
    values = await ctx.armListValues('/subscriptions', SUBSCRIPTIONS_API_VERSION);
  } catch (error) {
    if (error instanceof AzureAuthError || !(error instanceof AzureRequestError)) throw error;
    throw new InvalidOptionError(
      `Cannot resolve --subscription "${name}": listing subscriptions failed (${error.reason}); give the subscription's GUID.`,
      { cause: error },
    );
  }
  return values.flatMap((value) => {
    const entry = value as { subscriptionId?: unknown; displayName?: unknown; tenantId?: unknown };
    if (typeof entry.subscriptionId !== 'string') return [];
    return [
      {
        id: entry.subscriptionId.toLowerCase(),
        displayName: typeof entry.displayName === 'string' ? entry.displayName : '',
        tenantId: typeof entry.tenantId === 'string' ? entry.tenantId : undefined,
      },
    ];
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(subscription: ListedSubscription): string {
  return `"${subscription.displayName}" (${subscription.id})`;
}
