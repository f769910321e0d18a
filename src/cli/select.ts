import { selectChecks } from '../../checks/index.js';
import type { Check } from '../../checks/define.js';
import { checkGroups, didYouMean } from '../config/check-ids.js';
import { UsageError } from '../errors.js';

/** `--checks`: the checks named by id or group; a name that matches none is a usage error. */
export function selectedChecks(selectors: readonly string[] = []): readonly Check[] {
  const { checks, unknown } = selectChecks(selectors);
  if (unknown.length > 0) throw new UsageError(unknownChecksMessage(unknown));
  return checks;
}

function unknownChecksMessage(unknown: readonly string[]): string {
  const hints = unknown.map((name) => `${name}${didYouMean(name, { groups: true })}`).join('; ');
  return `unknown check id or group: ${hints} (groups: ${checkGroups.join(', ')}; run \`plaudit checks\` for ids)`;
}
