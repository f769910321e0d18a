import { describe, expect, it } from 'vitest';
import { consumerIds, withGateway, withSecondHub, withWorkload } from '../../../test/consumer-estates.js';
import { extraIds, ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import { defaultCheckContext } from '../../inventory/context.js';
import { describePath, linksFrom, reachTo, subnetRole } from './index.js';

function roleOf(estate: Estate, subnetId: string) {
  const inv = buildInventory(estate.snapshot());
  return subnetRole(inv, defaultCheckContext, inv.subnet(subnetId)!);
}

describe('subnet roles', () => {
  it('keeps the reserved subnets out, and GatewaySubnet in only with a gateway', () => {
    expect(roleOf(referenceEstate(), ids.firewallSubnet)).toMatchObject({ consumer: false, kind: 'firewall' });
    expect(roleOf(referenceEstate(), consumerIds.gatewaySubnet)).toMatchObject({ consumer: false, kind: 'empty' });
    expect(roleOf(withGateway(referenceEstate(), false), consumerIds.gatewaySubnet)).toMatchObject({
      consumer: true,
      routesOnly: true,
      kind: 'gateway',
    });
  });

  it('takes a serverFarms delegation nothing uses as no client, and one a plan linked as App Service', () => {
    const delegated = referenceEstate().withSubnet(consumerIds.workloadSubnet, '10.1.8.0/24', {
      delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
    });
    expect(roleOf(delegated, consumerIds.workloadSubnet)).toMatchObject({ consumer: false, kind: 'delegatedService' });
    const linked = referenceEstate().withSubnet(consumerIds.workloadSubnet, '10.1.8.0/24', {
      delegations: [{ name: 'web', properties: { serviceName: 'Microsoft.Web/serverFarms' } }],
      serviceAssociationLinks: [
        {
          properties: {
            linkedResourceType: 'Microsoft.Web/serverfarms',
            link: `${ids.rgApp}/providers/Microsoft.Web/serverfarms/asp-app`,
          },
        },
      ],
    });
    const role = roleOf(linked, consumerIds.workloadSubnet);
    expect(role).toMatchObject({ consumer: true, kind: 'appService' });
    expect(role.reason).toBe('Holds delegation to Microsoft.Web/serverFarms, linked by asp-app: a consumer.');
  });

  it('reads what only the subnet lists: endpoints, gateways, bastions, unknown owners', () => {
    const listed = (configs: string[]) =>
      roleOf(
        referenceEstate().withSubnet(consumerIds.workloadSubnet, '10.1.8.0/24', {
          ipConfigurations: configs.map((id) => ({ id })),
        }),
        consumerIds.workloadSubnet,
      );
    const rg = `${ids.rgApp}/providers`;
    expect(
      listed([`${rg}/Microsoft.Network/networkInterfaces/pe-x.nic.1/ipConfigurations/privateEndpointIpConfig.1`]),
    ).toMatchObject({ consumer: false, kind: 'privateEndpoint' });
    expect(listed([`${rg}/Microsoft.Network/bastionHosts/bas/bastionHostIpConfigurations/ip`])).toMatchObject({
      consumer: false,
      kind: 'bastion',
    });
    expect(listed([`${rg}/Microsoft.ApiManagement/service/apim/ipConfigurations/ip`])).toMatchObject({
      consumer: true,
      kind: 'otherIpConfiguration',
    });
    expect(listed([])).toMatchObject({
      consumer: false,
      kind: 'empty',
      reason: 'No workload in the snapshot uses it; not a consumer.',
    });
  });

  it('says a subnet without the list of its IP configurations is empty only as far as the snapshot shows', () => {
    expect(roleOf(referenceEstate(), ids.pepSubnet).kind).toBe('privateEndpoint');
    const empty = roleOf(
      referenceEstate().withSubnet(consumerIds.workloadSubnet, '10.1.8.0/24'),
      consumerIds.workloadSubnet,
    );
    expect(empty.reason).toContain("the data has no list of the subnet's IP configurations");
  });

  it('keeps an appliance that forwards apart from the clients in its subnet', () => {
    const estate = referenceEstate().withNva();
    expect(roleOf(estate, extraIds.nvaSubnet)).toMatchObject({ consumer: false, kind: 'appliance' });
    expect(
      roleOf(withWorkload(referenceEstate(), 'aksKubenetScaleSet', false), consumerIds.workloadSubnet),
    ).toMatchObject({ consumer: true, kind: 'aksNodePool' });
  });
});

describe('reach', () => {
  it('walks links from either side read and through hubs that forward, shortest path first', () => {
    const inv = buildInventory(withSecondHub(referenceEstate(), { farRoutes: true }).remove(ids.firewall).snapshot());
    // Without fw-hub, vnet-hub still passes traffic on: it is linked to the endpoint's VNet.
    const paths = reachTo(inv, ids.pepVnet.toLowerCase());
    expect(describePath(inv, paths.get(consumerIds.farVnet.toLowerCase())!)).toBe(
      'vnet-far -> vnet-hub2 (fw-hub2) -> vnet-hub -> vnet-pep',
    );
    expect(linksFrom(inv, consumerIds.farVnet.toLowerCase()).map((link) => link.local?.name)).toEqual([
      'peer-far-to-hub2',
    ]);
  });
});
