// The picture's model: the reference estate drawn element by element with each finding on the
// element it concerns, large generated estates folded to the budget without losing a count, the
// Mermaid diagram within GitHub's limits, and the page's policy naming its own style and script.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../../bench/generate.js';
import { catalogue } from '../../checks/index.js';
import { reporters } from '../../reports/index.js';
import { mermaidLimit, topologyMarkdown } from '../../reports/topology/mermaid.js';
import { buildTopology } from '../../reports/topology/topology.js';
import { scan } from '../../src/engine/scan.js';
import { buildInventory } from '../../src/inventory/build/index.js';
import { parseSnapshot } from '../../src/snapshot/read.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { clip, contentSecurityPolicy, html } from '../../src/text/html.js';
import { mermaidText } from '../../src/text/mermaid.js';
import { ids, referenceEstate } from '../estates.js';

function scanned(snapshot: Snapshot) {
  const inventory = buildInventory(parseSnapshot(structuredClone(snapshot), 'topology'));
  return { inventory, result: scan(inventory, { checks: catalogue, today: '2026-01-01' }) };
}

describe('the topology of the reference estate', () => {
  const { inventory, result } = scanned(
    referenceEstate().remove(ids.appLink).set(ids.pepToHub, 'peeringState', 'Disconnected').snapshot(),
  );
  const topology = buildTopology(inventory, result.findings);
  const node = (label: string) => topology.nodes.find((candidate) => candidate.label === label)!;

  it('draws the hub with its firewall, the spokes, the endpoint by service, and the zone', () => {
    expect(topology.foldLevel).toBe(0);
    expect(topology.nodes.map((each) => `${each.kind} ${each.label}`).sort()).toEqual([
      'firewall fw-hub',
      'hub vnet-hub',
      'service pe-kv-pep-spokepep',
      'spoke vnet-app',
      'spoke vnet-pep',
      'subnet sn-pep',
      'zone privatelink.vaultcore.azure.net',
    ]);
    const label = (id: string) => topology.nodes.find((each) => each.id === id)!.label;
    const lines = topology.edges.map((edge) => `${edge.kind} ${label(edge.from)} ${label(edge.to)}`).sort();
    expect(lines).toEqual([
      'contains sn-pep pe-kv-pep-spokepep',
      'contains vnet-hub fw-hub',
      'contains vnet-pep sn-pep',
      'link privatelink.vaultcore.azure.net vnet-hub',
      'link privatelink.vaultcore.azure.net vnet-pep',
      'peering vnet-hub vnet-app',
      'peering vnet-hub vnet-pep',
    ]);
  });

  it('puts each finding on the element it concerns: the unlinked spoke, the disconnected peering', () => {
    const unlinked = result.findings.findIndex((finding) => finding.checkId === 'dns/zone-not-linked');
    const peering = result.findings.findIndex((finding) => finding.checkId === 'network/peering-not-connected');
    expect(unlinked).toBeGreaterThanOrEqual(0);
    expect(topology.elementsOf[unlinked]).toEqual([node('vnet-app').id]);
    expect(node('vnet-app').level).toBe('error');
    const edge = topology.edges.find((each) => each.id === topology.elementsOf[peering]![0]);
    expect(edge?.kind).toBe('peering');
    expect(edge?.level).toBe('error');
    expect(edge?.label).toBe('Disconnected');
    // Every finding is on the picture or counted as not on it.
    expect(topology.elementsOf.filter((elements) => elements.length === 0)).toHaveLength(topology.unplaced.length);
  });

  it('draws nothing red in the clean estate', () => {
    const clean = scanned(referenceEstate().snapshot());
    const drawn = buildTopology(clean.inventory, clean.result.findings);
    expect([...drawn.nodes, ...drawn.edges].filter((element) => element.level !== undefined)).toEqual([]);
  });
});

describe('a large estate', () => {
  // 420 spokes and 6,000 endpoints; every 30th spoke lost its zone link.
  const estate = generateEstate({ endpoints: 6000, spokes: 420, rules: 10 }) as unknown as Snapshot;
  const drifted = {
    ...estate,
    resources: estate.resources.filter((resource) => !/^link-vnet-app-\d*[05]0$/.test(resource.name)),
  };
  const { inventory, result } = scanned(drifted);

  it('is folded to the budget, keeping every endpoint, and the spokes with findings drawn one by one', () => {
    const topology = buildTopology(inventory, result.findings);
    expect(topology.foldLevel).toBeGreaterThan(0);
    expect(topology.nodes.length).toBeLessThanOrEqual(300);
    expect(topology.totals).toMatchObject({ vnets: 423, endpoints: 6000, zones: 1, firewalls: 1 });
    const endpoints = topology.nodes
      .filter((node) => node.kind === 'service' || (node.kind === 'aggregate' && node.endpoints > 0))
      .reduce((sum, node) => sum + node.endpoints, 0);
    expect(endpoints).toBe(6000);
    const unlinked = result.findings.filter((finding) => finding.checkId === 'dns/zone-not-linked');
    expect(unlinked.length).toBeGreaterThan(0);
    const flagged = topology.nodes.filter((node) => node.kind === 'spoke' && node.level === 'error');
    expect(flagged.length).toBe(unlinked.length);
    expect(topology.unplaced).toEqual([]);
  });

  it('folds further under a small budget, still counting every spoke', () => {
    const topology = buildTopology(inventory, result.findings, { nodes: 10, edges: 20 });
    expect(topology.nodes.length).toBeLessThanOrEqual(10);
    const spokes = topology.nodes
      .filter((node) => node.kind === 'aggregate' && /spoke/.test(node.label))
      .reduce((sum, node) => sum + Number(node.label.replace(/,/g, '').split(' ')[0]), 0);
    expect(spokes).toBe(422);
  });

  it('gives the Markdown report a diagram within what GitHub renders', () => {
    const section = topologyMarkdown(inventory, result.findings)!;
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(section)![1]!;
    expect(block.length).toBeLessThan(mermaidLimit);
    expect(block.split('\n').filter((line) => /^ {2}n\d+[[({]/.test(line)).length).toBeLessThanOrEqual(60);
    expect(section).toMatch(/folded together/);
  });
});

describe('the page', () => {
  it('names exactly its inline style and script in its Content Security Policy', () => {
    const { inventory, result } = scanned(referenceEstate().snapshot());
    const page = reporters.html(result, catalogue, { color: false, inventory });
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(contentSecurityPolicy).toContain(`style-src ${hash(style)}`);
    expect(contentSecurityPolicy).toContain(`script-src ${hash(script)}`);
    expect(contentSecurityPolicy).toMatch(/^default-src 'none'; /);
    expect(page).toContain(`content="${contentSecurityPolicy.replace(/'/g, '&#39;')}"`);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\/(?!github\.com|learn\.microsoft\.com)/);
  });

  it('escapes text for HTML and Mermaid', () => {
    expect(html(`<a href="x" onclick='y'>&\u202e`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;\\u{202e}',
    );
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('😀😀😀', 2)).toBe('😀…');
    expect(mermaidText('a"b`c<d>%%{x}\n')).toBe('a#34;b#96;c#60;d#62;#37;#37;#123;x#125;#92;u#123;a#125;');
  });
});
