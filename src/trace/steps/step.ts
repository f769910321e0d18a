// The shape every step of a trace shares. A builder names its kind and title once and then states
// only what differs: the verdict, what it saw, the resources behind it and, when broken, the fix.
export type StepVerdict = 'ok' | 'warning' | 'broken' | 'unknown' | 'skipped';

export type StepKind =
  | 'resolver'
  | 'cname'
  | 'zone'
  | 'record'
  | 'endpoint'
  | 'route'
  | 'links'
  | 'nsg'
  | 'firewall'
  | 'firewallDns'
  | 'firewallRoute'
  | 'connection'
  | 'publicAccess';

export interface TraceStep {
  readonly kind: StepKind;
  readonly title: string;
  readonly verdict: StepVerdict;
  readonly detail: string;
  readonly resources: readonly string[];
  readonly fix?: string;
}

/** Steps with the assumptions made to judge them, which the trace lists once at its end. */
export interface JudgedSteps {
  readonly steps: readonly TraceStep[];
  readonly assumptions: readonly string[];
}

/** The steps one kind of step can become, one per verdict. */
export interface StepOutcomes {
  ok(detail: string, resources: readonly string[]): TraceStep;
  warning(detail: string, resources: readonly string[]): TraceStep;
  unknown(detail: string, resources: readonly string[]): TraceStep;
  /** The trace shows the fix of its first broken step, so every broken step carries one. */
  broken(detail: string, resources: readonly string[], fix: string): TraceStep;
  /** A step that does not apply to this flow, for the reason given. */
  skipped(reason: string): TraceStep;
}

export function stepOf(kind: StepKind, title: string): StepOutcomes {
  // Keys in this order: the JSON output lists them so.
  const step = (verdict: StepVerdict, detail: string, resources: readonly string[]): TraceStep => ({
    kind,
    title,
    verdict,
    detail,
    resources,
  });
  return {
    ok: (detail, resources) => step('ok', detail, resources),
    warning: (detail, resources) => step('warning', detail, resources),
    unknown: (detail, resources) => step('unknown', detail, resources),
    broken: (detail, resources, fix) => ({ ...step('broken', detail, resources), fix }),
    skipped: (reason) => step('skipped', `Skipped: ${reason}.`, []),
  };
}
