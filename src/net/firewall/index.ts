// Azure Firewall reasoning: rules compiled per firewall, planned per destination, judged per
// source; SNAT; and the flows from consumers to endpoints through the hub firewall.
export * from './types.js';
export { compileFirewall, evaluateFirewall, evaluatePlan, judgePath, planFor } from './evaluate.js';
export { describeMatch, describeRule } from './describe.js';
export { effectiveSnatSettings, expandPrivateRanges, networkRuleSnat, snatApplies, type SnatSettings } from './snat.js';
