// Benchmark estates: bench/generate.js's hub-and-spoke estate with the fields ARM adds to every
// resource (etag, provisioning state, GUIDs, tags) so that a snapshot is the size a live one is,
// and with planted faults whose findings the benchmark expects: zone links missing for every
// spoke ending in 7, every 997th A record missing, route tables of spokes ending in 3 pointing at
// a wrong next hop, the route table of spoke 5 emptied, and one endpoint VNet's peering down.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateEstate } from './generate.js';

const guid = (seed) => {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619) >>> 0;
  const hex = hash.toString(16).padStart(8, '0');
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-8${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`;
};

/** Adds ARM's bookkeeping fields to a resource and to the children it embeds. */
function armShaped(resource) {
  const props = resource.properties ?? {};
  const decorate = (child) => {
    if (child && typeof child === 'object' && child.properties) {
      child.etag = `W/"${guid(child.id ?? child.name ?? '')}"`;
      child.properties.provisioningState = 'Succeeded';
    }
  };
  for (const value of Object.values(props)) if (Array.isArray(value)) value.forEach(decorate);
  return {
    ...resource,
    etag: `W/"${guid(resource.id)}"`,
    tags: { environment: 'production', costCenter: 'cc-4711', owner: 'platform-team@contoso.example' },
    properties: { provisioningState: 'Succeeded', resourceGuid: guid(`${resource.id}/guid`), ...props },
  };
}

/** The planted faults (see the header); returns the resources kept. */
function drift(resources) {
  const out = [];
  let i = 0;
  for (const r of resources) {
    i++;
    const t = r.type.toLowerCase();
    if (t.endsWith('virtualnetworklinks') && /vnet-app-\d*7$/.test(r.properties.virtualNetwork.id)) continue;
    if (t.endsWith('privatednszones/a') && i % 997 === 0) continue;
    if (t.endsWith('routetables') && /rt-app-\d*3$/.test(r.id))
      r.properties.routes[0].properties.nextHopIpAddress = '10.0.0.5';
    if (t.endsWith('routetables') && /rt-app-5$/.test(r.id)) r.properties.routes = [];
    if (t.endsWith('virtualnetworks') && r.name === 'vnet-pep-1')
      r.properties.virtualNetworkPeerings[0].properties.peeringState = 'Disconnected';
    out.push(r);
  }
  return out;
}

export function benchEstate({ endpoints, spokes = 300, rules = 3000, faults = true, shaped = true }) {
  const estate = generateEstate({ endpoints, spokes, rules });
  let resources = faults ? drift(estate.resources) : estate.resources;
  if (shaped) resources = resources.map(armShaped);
  return { ...estate, resources };
}

/** Writes a snapshot resource by resource (a large one does not fit in one string). */
export async function writeSnapshot(path, snapshot, compact = false) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`{"cloud":${JSON.stringify(snapshot.cloud)},"resources":[`);
  for (let index = 0; index < snapshot.resources.length; index += 1000) {
    const slice = snapshot.resources.slice(index, index + 1000);
    const separator = compact ? ',' : ',\n';
    const lead = index === 0 ? (compact ? '' : '\n') : separator;
    await write(lead + slice.map((r) => JSON.stringify(r)).join(separator));
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}

/** `node bench/estate.js ENDPOINTS FULL.json [COMPACT.json]`: writes the estate's snapshot, and its compact form. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const [endpoints, full, compact] = process.argv.slice(2);
  const snapshot = benchEstate({ endpoints: Number(endpoints) });
  await writeSnapshot(full, snapshot);
  if (compact) {
    const { compactResource } = await import('../dist/src/snapshot/write.js');
    await writeSnapshot(compact, { ...snapshot, resources: snapshot.resources.map(compactResource) }, true);
  }
  console.log(JSON.stringify({ resources: snapshot.resources.length }));
}
