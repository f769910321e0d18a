// The ports and protocols a client opens through a private endpoint, which decide the firewall
// rules that apply to it. The knowledge lives in the services table (src/data/services.ts).
import { servicePortSpecs } from '../../data/services.js';
import type { FirewallProtocol } from './types.js';

export interface ServicePort {
  readonly protocol: FirewallProtocol;
  readonly port: number;
  /** What the client speaks on the port (`HTTPS`, `AMQP`, `Kafka`...). */
  readonly name: string;
  /** Only some clients open it: a drop is reported as a warning. */
  readonly optional: boolean;
}

const cache = new Map<string, readonly ServicePort[]>();

export function servicePortsOf(targetType: string, groupId: string): readonly ServicePort[] {
  const key = `${targetType.toLowerCase()}|${groupId.toLowerCase()}`;
  let ports = cache.get(key);
  if (!ports) {
    ports = servicePortSpecs(targetType, groupId).map((spec) => ({
      protocol: spec.protocol,
      port: spec.port,
      name: spec.name,
      optional: spec.optional ?? false,
    }));
    cache.set(key, ports);
  }
  return ports;
}

/** `AMQP (TCP 5671)`, `HTTPS 443`: how messages name a port. */
export function describeServicePort(service: ServicePort): string {
  return service.name === service.protocol
    ? `${service.protocol} ${service.port}`
    : `${service.name} (${service.protocol} ${service.port})`;
}
