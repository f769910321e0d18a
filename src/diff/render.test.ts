import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../test/estates.js';
import { diffSnapshots } from './diff.js';
import { renderDiff } from './render.js';
import type { SnapshotDiff } from './types.js';

const empty: SnapshotDiff = { schemaVersion: 1, added: [], removed: [], changed: [] };

function sampleDiff(): SnapshotDiff {
  return diffSnapshots(
    referenceEstate().snapshot(),
    referenceEstate()
      .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }])
      .remove(ids.appLink)
      .set(ids.appRouteTable, 'routes.0.properties.nextHopType', 'None')
      .add({
        id: `${ids.vaultZone}/CNAME/alias`,
        name: 'alias',
        type: 'Microsoft.Network/privateDnsZones/CNAME',
        properties: { cnameRecord: { cname: 'kv-pep-spokepep.privatelink.vaultcore.azure.net' } },
      })
      .snapshot(),
  );
}

describe('renderDiff', () => {
  it('renders text: one block per resource in id order, then a summary', () => {
    expect(renderDiff(sampleDiff(), 'text', { color: false })).toBe(
      [
        '~ A record kv-pep-spokepep',
        `  ${ids.vaultRecord}`,
        '    aRecords: [10.2.0.4] -> [10.2.0.9]',
        '',
        '+ CNAME record alias',
        `  ${ids.vaultZone}/CNAME/alias`,
        '    cname: kv-pep-spokepep.privatelink.vaultcore.azure.net',
        '',
        '- virtual network link link-vnet-app',
        `  ${ids.appLink}`,
        `    virtualNetwork: ${ids.appVnet}`,
        '    registrationEnabled: false',
        '    resolutionPolicy: Default',
        '    virtualNetworkLinkState: Completed',
        '    provisioningState: Succeeded',
        '',
        '~ route table rt-app',
        `  ${ids.appRouteTable}`,
        '    routes[to-pep-via-firewall].nextHopType: VirtualAppliance -> None',
        '',
        'Drift: 1 added, 1 removed, 2 changed.',
        '',
      ].join('\n'),
    );
  });

  it('colours text only when asked', () => {
    expect(renderDiff(sampleDiff(), 'text', { color: false })).not.toContain('\u001b[');
    const coloured = renderDiff(sampleDiff(), 'text', { color: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      renderDiff(sampleDiff(), 'text', { color: false }),
    );
  });

  it('says so when nothing drifted', () => {
    expect(renderDiff(empty, 'text', { color: false })).toBe(
      'No drift: the properties plaudit audits are the same in both snapshots.\n',
    );
    expect(renderDiff(empty, 'markdown', { color: false })).toContain('## plaudit diff: no drift');
  });

  it('renders the versioned JSON document', () => {
    const diff = sampleDiff();
    const json = renderDiff(diff, 'json', { color: true });
    expect(json.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(json) as SnapshotDiff;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'added', 'removed', 'changed']);
    expect(parsed).toEqual(diff);
    expect(parsed.changed[1]).toEqual({
      resourceId: ids.appRouteTable,
      type: 'microsoft.network/routetables',
      changes: [{ property: 'routes[to-pep-via-firewall].nextHopType', before: 'VirtualAppliance', after: 'None' }],
    });
    expect(renderDiff(empty, 'json', { color: false })).toBe(
      '{\n  "schemaVersion": 1,\n  "added": [],\n  "removed": [],\n  "changed": []\n}\n',
    );
  });

  it('renders Markdown tables per section', () => {
    const markdown = renderDiff(sampleDiff(), 'markdown', { color: false });
    expect(markdown.startsWith('## plaudit diff: 1 added, 1 removed, 2 changed\n')).toBe(true);
    expect(markdown).toContain('### Added (1)\n\n| Resource | Type | Properties |\n| --- | --- | --- |\n');
    expect(markdown).toContain('### Removed (1)');
    expect(markdown).toContain(
      `| \`rt-app\`<br>\`${ids.appRouteTable}\` | route table | \`routes[to-pep-via-firewall].nextHopType\` | \`VirtualAppliance\` | \`None\` |`,
    );
    // Every table row has the same number of unescaped cell separators as its header.
    for (const table of markdown.split('\n\n').filter((block) => block.startsWith('|'))) {
      const [header, ...rows] = table.trimEnd().split('\n');
      const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row)).toBe(cells(header!));
    }
  });

  it('escapes pipes, backticks and Markdown punctuation in Markdown cells', () => {
    const markdown = renderDiff(
      {
        schemaVersion: 1,
        added: [
          { resourceId: '/x/a|b', type: 'Microsoft.Web/sites_*x*', properties: { 'tags[a|b]': 'one `two` | three' } },
        ],
        removed: [],
        changed: [
          {
            resourceId: '/x/c',
            type: 'microsoft.network/ipgroups',
            changes: [{ property: 'ipAddresses', before: ['*.contoso.com|x'], after: null }],
          },
        ],
      },
      'markdown',
      { color: false },
    );
    expect(markdown).toContain(
      '| `a\\|b`<br>`/x/a\\|b` | Microsoft.Web/sites\\_\\*x\\* | `tags[a\\|b]`: `` one `two` \\| three `` |',
    );
    expect(markdown).toContain('| `c`<br>`/x/c` | IP group | `ipAddresses` | `[*.contoso.com\\|x]` | `(none)` |');
  });
});
