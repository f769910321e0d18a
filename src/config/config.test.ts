import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../test/estates.js';
import { buildInventory } from '../inventory/build/index.js';
import { checkContextFor, ConfigError, levelOverrides, maxNesting, parseConfig } from './config.js';

function errorOf(text: string): string {
  try {
    parseConfig(text, 'plaudit.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts an empty file and a full file', () => {
    expect(parseConfig('', 'c.yaml')).toEqual({});
    const config = parseConfig(
      `hubFirewalls: [/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw]
consumers:
  - endpoint: "*/privateEndpoints/pe-kv-*"
    subnets: [/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a]
levels:
  dns/zone-duplicate: error
`,
      'c.yaml',
    );
    expect(config.levels).toEqual({ 'dns/zone-duplicate': 'error' });
  });

  it('names the line and key of an unknown key', () => {
    expect(errorOf('levels:\n  dns/zone-duplicate: error\nhubFirewall: []\n')).toBe(
      'plaudit.config.yaml:3: $.hubFirewall: unknown key "hubFirewall"',
    );
  });

  it('names the line of a missing reason', () => {
    expect(errorOf('suppressions:\n  - check: dns/record-stale\n    resource: "*"\n')).toMatch(
      /^plaudit\.config\.yaml:2: \$\.suppressions\.0: must have required property 'reason'$/,
    );
  });

  it('lists allowed levels', () => {
    expect(errorOf('levels:\n  dns/zone-duplicate: critical\n')).toContain('(error, warning, note)');
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(errorOf('levels: [\n')).toMatch(/^plaudit\.config\.yaml:\d+:\d+: /);
  });

  it('refuses brackets nested deeper than it reads, at the bracket that goes too deep', () => {
    const deep = 5_000;
    expect(errorOf(`hubFirewalls: []\nlevels: ${'['.repeat(deep)}${']'.repeat(deep)}\n`)).toBe(
      `plaudit.config.yaml:2:${9 + maxNesting}: nested more than ${maxNesting} levels deep`,
    );
    expect(errorOf(`# "{[\nignore: ${'{"a": '.repeat(deep)}1${'}'.repeat(deep)}\n`)).toBe(
      `plaudit.config.yaml:2:${9 + 6 * maxNesting}: nested more than ${maxNesting} levels deep`,
    );
    // Brackets inside quoted or plain text, and nesting up to the limit, are not counted as too deep.
    expect(errorOf(`levels: ${'['.repeat(maxNesting)}${']'.repeat(maxNesting)}\n`)).toBe(
      'plaudit.config.yaml:1: $.levels: must be object',
    );
    const quoted = `suppressions:\n  - check: dns\n    resource: "${'['.repeat(100)}"\n    reason: '${'{'.repeat(100)}'\n`;
    expect(parseConfig(quoted, 'c.yaml').suppressions?.[0]?.resource).toBe('['.repeat(100));
  });
});

describe('checkContextFor', () => {
  it('resolves endpoint patterns against the estate and normalizes ids', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    const config = parseConfig(
      `hubFirewalls: ["${ids.firewall.toUpperCase()}"]
consumers:
  - endpoint: "*/privateEndpoints/PE-KV-*"
    subnets: ["${ids.appSubnet}"]
  - endpoint: pe-does-not-exist
    subnets: ["${ids.appSubnet}"]
`,
      'c.yaml',
    );
    const context = checkContextFor(config, inv);
    expect(context.hubFirewallKeys).toEqual([ids.firewall.toLowerCase()]);
    expect([...context.consumerSubnetsByEndpoint]).toEqual([
      [ids.vaultEndpoint.toLowerCase(), [ids.appSubnet.toLowerCase()]],
    ]);
    expect(
      levelOverrides(parseConfig('levels: { dns/zone-duplicate: error }', 'c.yaml')).get('dns/zone-duplicate'),
    ).toBe('error');
  });

  it('declares or excludes consumer subnets by pattern, the first matching entry deciding', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    const config = parseConfig(
      `consumerSubnets:
  - subnet: "*/virtualNetworks/vnet-app/subnets/SN-APP"
    consumer: false
    reason: build agents only
  - subnet: "*/subnets/*"
    consumer: true
    reason: every subnet holds clients
`,
      'c.yaml',
    );
    const subnets = checkContextFor(config, inv).consumerSubnets!;
    expect(subnets.get(ids.appSubnet.toLowerCase())).toEqual({ consumer: false, reason: 'build agents only' });
    expect(subnets.get(ids.pepSubnet.toLowerCase())).toEqual({ consumer: true, reason: 'every subnet holds clients' });
    expect(() =>
      parseConfig('consumerSubnets:\n  - subnet: x\n    consumer: maybe\n    reason: r\n', 'c.yaml'),
    ).toThrow(/consumer/);
  });
});

describe('check ids in the configuration', () => {
  it('refuses a level override for an unknown check, with the line and the closest id', () => {
    expect(errorOf('levels:\n  dns/zone-duplicate: error\n  dns/recod-missing: warning\n')).toBe(
      'plaudit.config.yaml:3: $.levels.dns/recod-missing: unknown check id; did you mean dns/record-missing?',
    );
    // A group is no check id: levels apply to one check at a time.
    expect(errorOf('levels:\n  dns/zzzzzzzzzzzzzzzzzz: note\n')).toBe(
      'plaudit.config.yaml:2: $.levels.dns/zzzzzzzzzzzzzzzzzz: unknown check id',
    );
  });

  it('refuses a suppression of an unknown check or group, with the closest one', () => {
    expect(
      errorOf(
        'suppressions:\n  - check: dns/record-stale\n    resource: "*"\n    reason: ok\n  - check: firewal\n    resource: "*"\n    reason: ok\n',
      ),
    ).toBe(
      'plaudit.config.yaml:5: $.suppressions.1.check: unknown check id or group "firewal"; did you mean firewall?',
    );
    expect(
      errorOf('suppressions:\n  - check: paas/public-network-access-enable\n    resource: "*"\n    reason: ok\n'),
    ).toContain('did you mean paas/public-network-access-enabled?');
  });

  it('names the line of an alias without an anchor', () => {
    expect(errorOf('levels: *nope\n')).toBe('plaudit.config.yaml:1: alias *nope has no anchor &nope before it');
    expect(errorOf('hubFirewalls:\n  - *fw\n  - &fw /subscriptions/s\n')).toBe(
      'plaudit.config.yaml:2: alias *fw has no anchor &fw before it',
    );
  });

  it('refuses an alias inside its own anchor', () => {
    expect(errorOf('hubFirewalls: &list\n  - *list\n')).toBe(
      'plaudit.config.yaml:2: alias *list is inside its own anchor, so its value would never end',
    );
  });

  it('keeps aliases that share an entry', () => {
    const config = parseConfig(
      'suppressions:\n  - &s {check: dns, resource: "*/a", reason: shared}\n  - *s\n',
      'plaudit.config.yaml',
    );
    expect(config.suppressions).toHaveLength(2);
  });

  it('refuses aliases that expand without bound (billion laughs), at once', () => {
    const names = 'abcdefghi';
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let index = 1; index < names.length; index++) {
      const previous = `*${names[index - 1]}`;
      lines.push(`${names[index]}: &${names[index]} [${Array(9).fill(previous).join(', ')}]`);
    }
    const started = performance.now();
    expect(errorOf(`${lines.join('\n')}\n`)).toBe(
      'plaudit.config.yaml: aliases expand beyond 100 nodes; write the repeated entries out, or share fewer anchors',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps a message on one line when a key holds line breaks or control characters', () => {
    expect(errorOf('"hub\\nFire\\u001bwalls": []\n')).toBe(
      'plaudit.config.yaml:1: $.hub\\u000aFire\\u001bwalls: unknown key "hub\\u000aFire\\u001bwalls"',
    );
  });

  it('answers at once for a huge unknown check id', () => {
    const started = performance.now();
    expect(errorOf(`levels:\n  ? ${'x'.repeat(200_000)}\n  : error\n`)).toMatch(/: unknown check id$/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
