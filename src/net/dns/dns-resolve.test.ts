import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import { resolveName } from './dns-resolve.js';

const vaultName = 'kv-pep-spokepep.vault.azure.net';

function resolveFromApp(estate: Estate, fqdn = vaultName) {
  const inv = buildInventory(estate.snapshot());
  return resolveName(inv, inv.vnet(ids.appVnet)!, fqdn);
}

describe('resolveName', () => {
  it('follows the public CNAME into the linked privatelink zone', () => {
    const [resolution] = resolveFromApp(referenceEstate());
    expect(resolution!.privatelinkName).toBe('kv-pep-spokepep.privatelink.vaultcore.azure.net');
    expect(resolution!.resolver).toBe('Azure-provided DNS');
    expect(resolution!.result.kind).toBe('private');
    expect(resolution!.result.kind === 'private' && resolution!.result.ips).toEqual(['10.2.0.4']);
  });

  it('goes public when the zone is not linked to the resolving VNet', () => {
    expect(resolveFromApp(referenceEstate().remove(ids.appLink))[0]!.result.kind).toBe('public');
  });

  it('answers NXDOMAIN for a missing record, or the public name with NxDomainRedirect', () => {
    expect(resolveFromApp(referenceEstate().remove(ids.vaultRecord))[0]!.result.kind).toBe('nxdomain');
    const fallback = referenceEstate().remove(ids.vaultRecord).set(ids.appLink, 'resolutionPolicy', 'NxDomainRedirect');
    expect(resolveFromApp(fallback)[0]!.result.kind).toBe('publicFallback');
  });

  it('resolves in the DNS proxy firewall VNet when clients use it as DNS server', () => {
    const estate = referenceEstate()
      .set(ids.appVnet, 'dhcpOptions', { dnsServers: ['10.0.0.4'] })
      .remove(ids.appLink);
    const [resolution] = resolveFromApp(estate);
    expect(resolution!.resolvingVnet?.name).toBe('vnet-hub');
    expect(resolution!.result.kind).toBe('private');
  });

  it('follows a DNS forwarding rule to a resolver inbound endpoint in the hub', () => {
    const estate = referenceEstate()
      .remove(ids.appLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule('privatelink.vaultcore.azure.net', '10.0.3.4');
    const [resolution] = resolveFromApp(estate);
    expect(resolution!.resolver).toContain('forwarding rule to-hub-resolver (privatelink.vaultcore.azure.net)');
    expect(resolution!.resolvingVnet?.name).toBe('vnet-hub');
    expect(resolution!.result.kind).toBe('private');
  });

  it('cannot follow a forwarding rule to a DNS server outside the snapshot', () => {
    const [resolution] = resolveFromApp(
      referenceEstate().withForwardingRule('privatelink.vaultcore.azure.net', '192.168.10.5'),
    );
    expect(resolution!.result.kind).toBe('unknown');
  });

  it('resolves publicly through a public resolver named as DNS server', () => {
    const [resolution] = resolveFromApp(referenceEstate().set(ids.appVnet, 'dhcpOptions', { dnsServers: ['1.1.1.1'] }));
    expect(resolution!.result.kind).toBe('public');
    expect(resolution!.result.kind === 'public' && resolution!.result.reason).toMatch(
      /Cloudflare DNS, a public resolver/,
    );
  });

  it('follows a forwarding rule for the public name', () => {
    const [resolution] = resolveFromApp(referenceEstate().withForwardingRule('vault.azure.net', '192.168.10.5'));
    expect(resolution!.result.kind).toBe('unknown');
  });

  it('maps names of services without an endpoint in scope through the zone table', () => {
    const [resolution] = resolveFromApp(referenceEstate(), 'other.blob.core.windows.net');
    expect(resolution!.privatelinkName).toBe('other.privatelink.blob.core.windows.net');
    expect(resolution!.result.kind).toBe('public');
  });
});
