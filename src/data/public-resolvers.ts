// Public recursive resolvers that a VNet or a firewall may name as DNS servers. They answer from
// public DNS only: no private DNS zone, no Azure-provided name resolution, so every privatelink
// name resolves to the service's public address. Each entry names where its operator documents it.
export interface PublicResolver {
  readonly ip: string;
  readonly name: string;
  readonly source: string;
}

const google = 'https://developers.google.com/speed/public-dns/docs/using';
const cloudflare = 'https://developers.cloudflare.com/1.1.1.1/ip-addresses/';
const quad9 = 'https://www.quad9.net/service/service-addresses-and-features';
const openDns = 'https://support.opendns.com/hc/en-us/articles/360038086532';

export const publicResolvers: readonly PublicResolver[] = [
  { ip: '8.8.8.8', name: 'Google Public DNS', source: google },
  { ip: '8.8.4.4', name: 'Google Public DNS', source: google },
  { ip: '2001:4860:4860::8888', name: 'Google Public DNS', source: google },
  { ip: '2001:4860:4860::8844', name: 'Google Public DNS', source: google },
  { ip: '1.1.1.1', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '1.0.0.1', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '1.1.1.2', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '1.0.0.2', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '1.1.1.3', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '1.0.0.3', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '2606:4700:4700::1111', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '2606:4700:4700::1001', name: 'Cloudflare DNS', source: cloudflare },
  { ip: '9.9.9.9', name: 'Quad9', source: quad9 },
  { ip: '149.112.112.112', name: 'Quad9', source: quad9 },
  { ip: '9.9.9.10', name: 'Quad9', source: quad9 },
  { ip: '9.9.9.11', name: 'Quad9', source: quad9 },
  { ip: '2620:fe::fe', name: 'Quad9', source: quad9 },
  { ip: '2620:fe::9', name: 'Quad9', source: quad9 },
  { ip: '208.67.222.222', name: 'OpenDNS', source: openDns },
  { ip: '208.67.220.220', name: 'OpenDNS', source: openDns },
  { ip: '208.67.222.123', name: 'OpenDNS FamilyShield', source: openDns },
  { ip: '208.67.220.123', name: 'OpenDNS FamilyShield', source: openDns },
];

const byIp = new Map(publicResolvers.map((resolver) => [resolver.ip, resolver]));

/** The public resolver at this address, if it is a well-known one. */
export function publicResolverAt(ip: string): PublicResolver | undefined {
  return byIp.get(ip.trim().toLowerCase());
}
