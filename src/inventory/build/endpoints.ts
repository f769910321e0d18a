// Private endpoints, their DNS zone groups, and the services they connect to.
import { normalizeId, parentId } from '../../ids.js';
import { arr, obj, propertiesOf, refId, refIds, str, strings } from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type {
  NetworkAcls,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  PrivateLinkTarget,
} from '../types.js';
import { located } from './common.js';

/**
 * Connections as either side lists them: the endpoint names the service (`privateLinkServiceId`),
 * the service names the endpoint (`privateEndpoint.id`); both land in `targetId`.
 */
function toConnections(value: unknown, side: 'endpoint' | 'service', manual: boolean): PrivateEndpointConnection[] {
  return arr(value).map((connection) => {
    const props = propertiesOf(connection);
    const state = obj(props.privateLinkServiceConnectionState);
    return {
      id: str(obj(connection).id),
      name: str(obj(connection).name),
      targetId: side === 'endpoint' ? str(props.privateLinkServiceId) : refId(props.privateEndpoint),
      groupIds: strings(props.groupIds),
      status: str(state.status),
      description: str(state.description),
      manual,
    };
  });
}

export function toPrivateEndpoint(resource: RawResource, key: string, props: JsonObject): PrivateEndpoint {
  return {
    ...located(resource, key),
    location: str(resource.location),
    subnetId: refId(props.subnet),
    nicIds: refIds(props.networkInterfaces),
    connections: [
      ...toConnections(props.privateLinkServiceConnections, 'endpoint', false),
      ...toConnections(props.manualPrivateLinkServiceConnections, 'endpoint', true),
    ],
    customDnsConfigs: arr(props.customDnsConfigs).map((config) => ({
      fqdn: str(obj(config).fqdn) ?? '',
      ipAddresses: strings(obj(config).ipAddresses),
    })),
    applicationSecurityGroupIds: refIds(props.applicationSecurityGroups),
  };
}

export function toZoneGroup(resource: RawResource, key: string, props: JsonObject): PrivateDnsZoneGroup {
  return {
    ...located(resource, key),
    privateEndpointKey: normalizeId(parentId(resource.id)),
    configs: arr(props.privateDnsZoneConfigs).map((config) => {
      const configProps = propertiesOf(config);
      return {
        name: str(obj(config).name),
        zoneId: str(configProps.privateDnsZoneId),
        recordSets: arr(configProps.recordSets).map((recordSet) => ({
          recordType: str(obj(recordSet).recordType),
          recordSetName: str(obj(recordSet).recordSetName),
          fqdn: str(obj(recordSet).fqdn),
          ipAddresses: strings(obj(recordSet).ipAddresses),
        })),
      };
    }),
  };
}

export function toTarget(resource: RawResource, key: string, type: string, props: JsonObject): PrivateLinkTarget {
  return {
    ...located(resource, key),
    type,
    location: str(resource.location),
    publicNetworkAccess: str(props.publicNetworkAccess),
    networkAcls: toNetworkAcls(props.networkAcls ?? props.networkRuleSet),
    connections: toConnections(props.privateEndpointConnections, 'service', false),
  };
}

function toNetworkAcls(value: unknown): NetworkAcls | undefined {
  if (value === undefined || value === null) return undefined;
  const acls = obj(value);
  return {
    defaultAction: str(acls.defaultAction),
    ipRules: arr(acls.ipRules)
      .map((rule) => str(obj(rule).value) ?? str(obj(rule).ipAddressOrRange))
      .filter((rule): rule is string => rule !== undefined),
    virtualNetworkSubnetIds: arr(acls.virtualNetworkRules)
      .map((rule) => str(obj(rule).id) ?? str(obj(rule).subnetId))
      .filter((id): id is string => id !== undefined),
  };
}
