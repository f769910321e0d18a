// Azure Firewalls, Firewall Policies, their rule collection groups and IP groups. Rules are typed
// in one shape whether they live in a policy or in a firewall's classic collections.
import { normalizeId, parentId } from '../../ids.js';
import {
  arr,
  num,
  obj,
  optionalFlag,
  optionalStrings,
  propertiesOf,
  refId,
  refIds,
  scalarText,
  str,
  strings,
  texts,
} from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type {
  AzureFirewall,
  FirewallPolicy,
  FirewallRule,
  FirewallRuleCollection,
  FirewallRuleType,
  RuleCollectionGroup,
} from '../types.js';
import { located } from './common.js';

export function toFirewall(resource: RawResource, key: string, props: JsonObject): AzureFirewall {
  const configs = arr(props.ipConfigurations).map(propertiesOf);
  const hubIps = obj(obj(props.hubIPAddresses).privateIPAddress ? props.hubIPAddresses : {});
  const additional = obj(props.additionalProperties);
  const proxySetting = str(additional['Network.DNS.EnableProxy']);
  const snatSetting = str(additional['Network.SNAT.PrivateRanges']);
  return {
    ...located(resource, key),
    privateIps: [...configs.map((config) => str(config.privateIPAddress)), str(hubIps.privateIPAddress)].filter(
      (ip): ip is string => ip !== undefined,
    ),
    subnetIds: refIds(configs.map((config) => config.subnet)),
    policyId: refId(props.firewallPolicy),
    virtualHubId: refId(props.virtualHub),
    skuName: str(obj(props.sku).name),
    classicDnsProxy: proxySetting === undefined ? undefined : proxySetting.toLowerCase() === 'true',
    classicDnsServers: (str(additional['Network.DNS.Servers']) ?? '')
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
    classicSnatPrivateRanges: snatSetting?.split(',').map((range) => range.trim()),
    classicRuleCollections: {
      DNAT: classicCollections(props.natRuleCollections, 'DNAT'),
      Network: classicCollections(props.networkRuleCollections, 'Network'),
      Application: classicCollections(props.applicationRuleCollections, 'Application'),
    },
    threatIntelMode: str(props.threatIntelMode),
  };
}

export function toFirewallPolicy(resource: RawResource, key: string, props: JsonObject): FirewallPolicy {
  const dns = props.dnsSettings === undefined ? undefined : obj(props.dnsSettings);
  const snat = props.snat === undefined ? undefined : obj(props.snat);
  const autoLearn = str(snat?.autoLearnPrivateRanges);
  return {
    ...located(resource, key),
    basePolicyId: refId(props.basePolicy),
    dnsProxy: optionalFlag(dns?.enableProxy),
    dnsServers: optionalStrings(dns?.servers),
    requireProxyForNetworkRules: optionalFlag(dns?.requireProxyForNetworkRules),
    snatPrivateRanges: optionalStrings(snat?.privateRanges),
    snatAutoLearn: autoLearn === undefined ? undefined : autoLearn.toLowerCase() === 'enabled',
    threatIntelMode: str(props.threatIntelMode),
    ruleCollectionGroupIds: refIds(props.ruleCollectionGroups),
  };
}

export function toRuleCollectionGroup(resource: RawResource, key: string, props: JsonObject): RuleCollectionGroup {
  return {
    ...located(resource, key),
    policyKey: normalizeId(parentId(resource.id)),
    priority: num(props.priority),
    ruleCollections: arr(props.ruleCollections).map((value) => {
      const collection = obj(value);
      const ruleCollectionType = str(collection.ruleCollectionType);
      const isNat = ruleCollectionType?.toLowerCase() === 'firewallpolicynatrulecollection';
      return {
        name: str(collection.name),
        ruleCollectionType,
        priority: num(collection.priority),
        action: str(obj(collection.action).type),
        rules: arr(collection.rules).map((rule) => toRule(obj(rule), isNat ? 'DNAT' : undefined, 'ipProtocols')),
      };
    }),
  };
}

// Classic collections: `{ name, properties: { priority, action: { type }, rules } }`.
function classicCollections(value: unknown, type: FirewallRuleType): FirewallRuleCollection[] {
  return arr(value).map((item) => {
    const props = propertiesOf(item);
    return {
      name: str(obj(item).name),
      ruleCollectionType: undefined,
      priority: num(props.priority),
      action: str(obj(props.action).type),
      rules: arr(props.rules).map((rule) => toRule(obj(rule), type, 'protocols')),
    };
  });
}

const ruleTypes: Readonly<Record<string, FirewallRuleType>> = {
  networkrule: 'Network',
  applicationrule: 'Application',
};

/**
 * Policy rules name their layer-4 protocols `ipProtocols` and their application protocols
 * `protocols`; classic rules use `protocols` for both, as strings or as `{ protocolType, port }`.
 */
function toRule(rule: JsonObject, collectionType: FirewallRuleType | undefined, l4Field: string): FirewallRule {
  const ruleTypeText = str(rule.ruleType);
  return {
    name: str(rule.name),
    type: collectionType ?? ruleTypes[ruleTypeText?.toLowerCase() ?? ''],
    ruleTypeText,
    sourceAddresses: texts(rule.sourceAddresses),
    sourceIpGroups: strings(rule.sourceIpGroups),
    destinationAddresses: texts(rule.destinationAddresses),
    destinationIpGroups: strings(rule.destinationIpGroups),
    destinationPorts: texts(rule.destinationPorts),
    destinationFqdns: strings(rule.destinationFqdns),
    l4Protocols: strings(rule[l4Field]),
    appProtocols: arr(rule.protocols).flatMap((value) => {
      const protocolType = str(obj(value).protocolType);
      return protocolType === undefined ? [] : [{ protocolType, port: num(obj(value).port) }];
    }),
    targetFqdns: strings(rule.targetFqdns),
    targetUrls: strings(rule.targetUrls),
    fqdnTags: strings(rule.fqdnTags),
    webCategories: strings(rule.webCategories),
    translatedAddress: scalarText(rule.translatedAddress),
    translatedPort: scalarText(rule.translatedPort),
    translatedFqdn: scalarText(rule.translatedFqdn),
  };
}
