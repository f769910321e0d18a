import { catalogue, selectChecks } from '../../checks/index.js';
import type { Check } from '../../checks/define.js';
import { UsageError } from '../errors.js';

/** `--checks`: the checks named by id or group; a name that matches none is a usage error. */
export function selectedChecks(selectors: readonly string[]): readonly Check[] {
  const { checks, unknown } = selectChecks(selectors);
  if (unknown.length > 0) throw new UsageError(unknownChecksMessage(unknown));
  return checks;
}

function unknownChecksMessage(unknown: readonly string[]): string {
  const groups = [...new Set(catalogue.map((check) => check.id.split('/')[0]))].join(', ');
  return `unknown check id or group: ${unknown.join(', ')} (groups: ${groups}; run \`plaudit checks\` for ids)`;
}
