import type { CheckContext } from '../src/inventory/context.js';
import type { Inconclusive } from '../src/net/inconclusive.js';
import type { Inventory } from '../src/inventory/inventory.js';
import { docsBaseUrl } from '../src/version.js';
import type { Affected } from './affected.js';
import type { Tag } from './tags.js';

export type { Affected, AffectedBlock, AffectedKind } from './affected.js';

export { defaultCheckContext, type CheckContext } from '../src/inventory/context.js';

/** How serious a finding is: a check's default, which configuration may override. */
export type Level = 'error' | 'warning' | 'note';
export const levels: readonly Level[] = ['error', 'warning', 'note'];

export const checkGroups = ['dns', 'route', 'firewall', 'paas', 'network'] as const;
export type CheckGroup = (typeof checkGroups)[number];

// Message builders take one data object; the result type ties a message id to its data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Messages = Record<string, (data: any) => string>;

export interface Reference {
  readonly title: string;
  readonly url: string;
}

/** Everything about a check except its logic: feeds docs, `plaudit checks` and SARIF rules. */
export interface CheckMeta {
  readonly id: `${CheckGroup}/${string}`;
  readonly title: string;
  readonly level: Level;
  readonly securitySeverity?: number;
  readonly tags: readonly Tag[];
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly Reference[];
  readonly since?: string;
}

type Reported<M extends Messages> = {
  [K in keyof M & string]: {
    /** The resource to change. */
    readonly resourceId: string;
    /** Resources that explain the finding (the endpoint, its NIC, the zone...). */
    readonly related?: readonly string[];
    readonly messageId: K;
    readonly data: Parameters<M[K]>[0];
    /** What the fingerprint hashes besides the check and resource ids (e.g. the wrong IP). */
    readonly fact: readonly string[];
    /** Only where the catalogue lets the check report at another level than its default. */
    readonly level?: Level;
    /** The pairs the defect breaks (see checks/affected.ts); never part of the fingerprint. */
    readonly affected?: Affected;
  };
}[keyof M & string];

/** "Could not decide for this resource because ...": reported under `incomplete`, never a pass. */
export type { Inconclusive };

export type CheckResult<M extends Messages = Messages> = Reported<M> | Inconclusive;

// The default erases a check's message types so checks of different shapes share one catalogue.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Check<M extends Messages = any> extends CheckMeta {
  readonly messages: M;
  readonly helpUri: string;
  readonly evaluate: (inv: Inventory, ctx: CheckContext) => readonly CheckResult<M>[];
}

export function defineCheck<M extends Messages>(definition: Omit<Check<M>, 'helpUri'>): Check<M> {
  return Object.freeze({ ...definition, helpUri: helpUriOf(definition) });
}

/** Where a check's generated doc page is published: derived from its id, never written by hand. */
export function helpUriOf(check: Pick<CheckMeta, 'id'>): string {
  return `${docsBaseUrl}/${check.id}.md`;
}

export function isInconclusive(result: CheckResult): result is Inconclusive {
  return 'inconclusive' in result;
}
