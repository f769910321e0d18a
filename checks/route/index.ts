import type { Check } from '../define.js';
import blackhole from './blackhole.js';
import nextHopNotFirewall from './next-hop-not-firewall.js';
import nextHopStaleIp from './next-hop-stale-ip.js';
import serviceEndpointBypass from './service-endpoint-bypass.js';

export const routeChecks: readonly Check[] = [blackhole, nextHopNotFirewall, nextHopStaleIp, serviceEndpointBypass];
