import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { describeOwner, nextHopIpStatus } from './next-hops.js';

const inventory = (estate = referenceEstate()) => buildInventory(parseSnapshot(estate.snapshot(), 'test'));

describe('nextHopIpStatus', () => {
  it('knows the firewall, NICs and load balancer frontends as owners', () => {
    const inv = inventory(
      referenceEstate().add({
        id: `${ids.rgHub}/providers/Microsoft.Network/loadBalancers/lb-nva`,
        name: 'lb-nva',
        type: 'Microsoft.Network/loadBalancers',
        properties: { frontendIPConfigurations: [{ name: 'fe', properties: { privateIPAddress: '10.0.2.10' } }] },
      }),
    );
    const firewall = nextHopIpStatus(inv, '10.0.0.4');
    expect(firewall.state === 'owned' && firewall.owners.map(describeOwner)).toEqual(['firewall fw-hub']);
    const nic = nextHopIpStatus(inv, '10.1.0.4');
    expect(nic.state === 'owned' && nic.owners.map(describeOwner)).toEqual(['NIC nic-vm-app']);
    const lb = nextHopIpStatus(inv, '10.0.2.10');
    expect(lb.state === 'owned' && lb.owners.map(describeOwner)).toEqual(['load balancer lb-nva']);
  });

  it('tells an unowned IP in a VNet read from one outside every VNet read', () => {
    const inv = inventory();
    const unowned = nextHopIpStatus(inv, '10.0.0.9');
    expect(unowned.state === 'unowned' && unowned.vnet.name).toBe('vnet-hub');
    expect(nextHopIpStatus(inv, '10.50.0.4')).toEqual({ state: 'outsideScope' });
    expect(nextHopIpStatus(inv, 'fw.example.com')).toEqual({ state: 'notAnAddress' });
  });
});
