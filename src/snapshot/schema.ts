// JSON Schemas for the snapshot envelope and for the properties the inventory relies on, per
// resource type. Unknown types and extra properties are allowed: Azure adds fields all the time.

const stringArray = { type: 'array', items: { type: 'string' } } as const;
const idRef = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
const optionalIdRef = { type: ['object', 'null'], properties: { id: { type: 'string' } } } as const;

export const resourceSchema = {
  type: 'object',
  required: ['id', 'type', 'name'],
  properties: {
    id: { type: 'string', minLength: 1, pattern: '^/' },
    type: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    location: { type: ['string', 'null'] },
    properties: { type: ['object', 'null'] },
  },
} as const;

export const snapshotSchema = {
  oneOf: [
    { type: 'array', items: resourceSchema },
    {
      type: 'object',
      required: ['resources'],
      properties: {
        resources: { type: 'array', items: resourceSchema },
        collectedAt: { type: 'string' },
        cloud: { enum: ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] },
        scope: {
          type: 'object',
          properties: {
            subscriptions: stringArray,
            resourceGroups: stringArray,
            managementGroup: { type: 'string' },
            tenant: { type: 'string' },
            shard: { type: 'string' },
          },
        },
        incomplete: {
          type: 'array',
          items: {
            type: 'object',
            required: ['reason'],
            properties: { reason: { type: 'string' }, scope: { type: 'string' } },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'array', items: resourceSchema } },
    },
  ],
} as const;

const subnetProperties = {
  type: 'object',
  properties: {
    addressPrefix: { type: 'string' },
    addressPrefixes: stringArray,
    routeTable: optionalIdRef,
    serviceEndpoints: {
      type: 'array',
      items: { type: 'object', required: ['service'], properties: { service: { type: 'string' } } },
    },
    privateEndpointNetworkPolicies: { type: 'string' },
  },
} as const;

const peeringProperties = {
  type: 'object',
  properties: {
    remoteVirtualNetwork: optionalIdRef,
    peeringState: { type: 'string' },
    allowForwardedTraffic: { type: 'boolean' },
  },
} as const;

const ipConfiguration = {
  type: 'object',
  properties: {
    properties: {
      type: 'object',
      properties: {
        privateIPAddress: { type: 'string' },
        subnet: optionalIdRef,
        privateLinkConnectionProperties: {
          type: 'object',
          properties: { groupId: { type: 'string' }, fqdns: stringArray },
        },
      },
    },
  },
} as const;

const connection = {
  type: 'object',
  properties: {
    properties: {
      type: 'object',
      properties: {
        privateLinkServiceId: { type: 'string' },
        groupIds: stringArray,
        privateLinkServiceConnectionState: {
          type: 'object',
          properties: { status: { type: 'string' } },
        },
      },
    },
  },
} as const;

const rules = { type: 'array', items: { type: 'object' } } as const;

/** Schemas for `properties`, keyed by lower-case resource type. */
export const propertySchemas: Record<string, object> = {
  'microsoft.network/virtualnetworks': {
    type: 'object',
    properties: {
      addressSpace: { type: 'object', properties: { addressPrefixes: stringArray } },
      dhcpOptions: { type: ['object', 'null'], properties: { dnsServers: stringArray } },
      subnets: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, properties: subnetProperties },
        },
      },
      virtualNetworkPeerings: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, properties: peeringProperties },
        },
      },
    },
  },
  'microsoft.network/virtualnetworks/subnets': subnetProperties,
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': peeringProperties,
  'microsoft.network/networkinterfaces': {
    type: 'object',
    properties: {
      ipConfigurations: { type: 'array', items: ipConfiguration },
      privateEndpoint: optionalIdRef,
      virtualMachine: optionalIdRef,
      dnsSettings: { type: 'object', properties: { dnsServers: stringArray } },
    },
  },
  'microsoft.network/privateendpoints': {
    type: 'object',
    properties: {
      subnet: optionalIdRef,
      networkInterfaces: { type: 'array', items: idRef },
      privateLinkServiceConnections: { type: 'array', items: connection },
      manualPrivateLinkServiceConnections: { type: 'array', items: connection },
      customDnsConfigs: {
        type: 'array',
        items: {
          type: 'object',
          properties: { fqdn: { type: 'string' }, ipAddresses: stringArray },
        },
      },
    },
  },
  'microsoft.network/privateendpoints/privatednszonegroups': {
    type: 'object',
    properties: {
      privateDnsZoneConfigs: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            properties: {
              type: 'object',
              properties: { privateDnsZoneId: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  'microsoft.network/privatednszones/virtualnetworklinks': {
    type: 'object',
    properties: {
      virtualNetwork: optionalIdRef,
      registrationEnabled: { type: 'boolean' },
      resolutionPolicy: { type: 'string' },
      virtualNetworkLinkState: { type: 'string' },
      provisioningState: { type: 'string' },
    },
  },
  'microsoft.network/privatednszones/a': {
    type: 'object',
    properties: {
      aRecords: {
        type: 'array',
        items: { type: 'object', properties: { ipv4Address: { type: 'string' } } },
      },
    },
  },
  'microsoft.network/privatednszones/cname': {
    type: 'object',
    properties: { cnameRecord: { type: 'object', properties: { cname: { type: 'string' } } } },
  },
  'microsoft.network/routetables': {
    type: 'object',
    properties: {
      routes: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            properties: {
              type: 'object',
              properties: {
                addressPrefix: { type: 'string' },
                nextHopType: { type: 'string' },
                nextHopIpAddress: { type: 'string' },
              },
            },
          },
        },
      },
      disableBgpRoutePropagation: { type: 'boolean' },
    },
  },
  'microsoft.network/azurefirewalls': {
    type: 'object',
    properties: {
      ipConfigurations: { type: 'array', items: { type: 'object' } },
      firewallPolicy: optionalIdRef,
      applicationRuleCollections: rules,
      networkRuleCollections: rules,
      natRuleCollections: rules,
      additionalProperties: { type: 'object' },
    },
  },
  'microsoft.network/firewallpolicies': {
    type: 'object',
    properties: {
      basePolicy: optionalIdRef,
      dnsSettings: {
        type: 'object',
        properties: {
          servers: stringArray,
          enableProxy: { type: 'boolean' },
          requireProxyForNetworkRules: { type: ['boolean', 'null'] },
        },
      },
      snat: { type: 'object', properties: { privateRanges: stringArray } },
    },
  },
  'microsoft.network/firewallpolicies/rulecollectiongroups': {
    type: 'object',
    properties: {
      priority: { type: 'integer' },
      ruleCollections: {
        type: 'array',
        items: {
          type: 'object',
          properties: { priority: { type: 'integer' }, rules },
        },
      },
    },
  },
  'microsoft.network/ipgroups': {
    type: 'object',
    properties: { ipAddresses: stringArray },
  },
};
