// The picture section of the scan report: the legend, the SVG, and one panel per element with its
// findings and resource ids (shown by CSS when its element is clicked, script or not).
import type { Finding } from '../../src/engine/types.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { clip, html } from '../../src/text/html.js';
import { isCounted, plural } from '../common.js';
import { layoutTopology } from '../topology/layout.js';
import { kindWord, topologySvg } from '../topology/svg.js';
import { buildTopology, type DrawnEdge, type DrawnNode, type Topology } from '../topology/topology.js';

const many = (count: number, word: string) => `${count.toLocaleString('en-US')} ${count === 1 ? word : `${word}s`}`;

/** Ids and findings a panel lists at most; the table and the JSON report have the rest. */
const panelIds = 20;
const panelFindings = 20;

export interface TopologySection {
  readonly markup: string;
  readonly topology: Topology | undefined;
}

export function topologySection(inventory: Inventory | undefined, findings: readonly Finding[]): TopologySection {
  if (!inventory) {
    return {
      markup: '<p class="muted">No picture: the report was written without the estate it scanned.</p>',
      topology: undefined,
    };
  }
  const topology = buildTopology(inventory, findings);
  if (topology.nodes.length === 0) {
    return {
      markup: '<p class="muted">No picture: the scan read no virtual networks, endpoints or DNS zones.</p>',
      topology,
    };
  }
  const layout = layoutTopology(topology);
  const { totals } = topology;
  const folded =
    topology.foldLevel > 0
      ? `<p class="callout">A large estate: parts of it are folded together (dashed boxes, with counts). Hubs are always drawn${topology.foldLevel === 1 ? '; spokes and zones with findings are drawn one by one' : ''}.</p>`
      : '';
  const unplaced =
    topology.unplaced.length > 0
      ? `<p class="muted">${plural(topology.unplaced.length, 'finding')} concern resources that are not on the picture (services without an endpoint in scope, IP groups…); the table lists them.</p>`
      : '';
  return {
    topology,
    markup: [
      `<p>${many(totals.vnets, 'virtual network')}, ${many(totals.firewalls, 'firewall')}, ${many(totals.endpoints, 'private endpoint')}, ${many(totals.zones, 'private DNS zone')}. Click an element for its findings and resource ids.</p>`,
      folded,
      '<div class="legend"><span class="l-hub">hub</span><span class="l-spoke">VNet / subnet</span><span class="l-fw">firewall</span><span class="l-svc">private endpoints by service</span><span class="l-zone">private DNS zone (dashed line: VNet link)</span><span class="l-agg">folded</span><span class="l-bad">error</span><span class="l-warn">warning</span></div>',
      '<div class="zoom" data-zoom-for="topology" hidden><button type="button" data-zoom="out">−</button><button type="button" data-zoom="in">+</button><button type="button" data-zoom="fit">fit</button></div>',
      `<div class="figure" id="topology">${topologySvg(layout, findings)}</div>`,
      unplaced,
      '<div class="panels">',
      ...topology.nodes.map((node) => panel(node, findings)),
      ...topology.edges.map((edge) => panel(edge, findings)),
      '</div>',
    ].join('\n'),
  };
}

function panel(element: DrawnNode | DrawnEdge, findings: readonly Finding[]): string {
  const isNode = 'detail' in element;
  const title = isNode
    ? `${kindWord(element.kind)}: ${element.label}`
    : `${element.kind === 'contains' ? 'holds' : element.kind === 'link' ? 'VNet link' : element.kind === 'hubConnection' ? 'hub connection' : 'peering'}${element.label ? ` (${element.label})` : ''}`;
  const on = element.findings.map((index) => findings[index]!);
  const counted = on.filter(isCounted).length;
  const findingItems = on
    .slice(0, panelFindings)
    .map(
      (finding) =>
        `<li><span class="badge ${finding.level}">${finding.level}</span> <code>${html(finding.checkId)}</code> ${html(clip(finding.message, 600))}</li>`,
    );
  const ids = element.ids.slice(0, panelIds).map((id) => `<li class="id">${html(clip(id, 600))}</li>`);
  return [
    `<section class="panel" id="${element.id}">`,
    `<h3>${html(clip(title, 300))}</h3>`,
    isNode && element.detail ? `<p class="muted">${html(clip(element.detail, 300))}</p>` : '',
    on.length > 0
      ? `<p><b>${plural(counted, 'finding')}</b>${on.length > counted ? ` (and ${on.length - counted} suppressed or absent)` : ''} <button type="button" data-show-findings="${element.id}" data-table-id="findings" hidden>show in the table</button></p><ul>${findingItems.join('')}</ul>${on.length > panelFindings ? `<p class="muted">and ${on.length - panelFindings} more in the table</p>` : ''}`
      : '<p class="muted">No findings.</p>',
    element.idCount > 0
      ? `<p>${many(element.idCount, 'resource')}:</p><ul>${ids.join('')}</ul>${element.idCount > panelIds ? `<p class="muted">and ${(element.idCount - panelIds).toLocaleString('en-US')} more</p>` : ''}`
      : '',
    '</section>',
  ].join('');
}
