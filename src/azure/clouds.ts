import type { CloudName } from '../snapshot/types.js';
import { InvalidOptionError } from './errors.js';

export interface CloudEndpoints {
  readonly name: CloudName;
  /** ARM base URL without a trailing slash; Resource Graph is served from the same host. */
  readonly armEndpoint: string;
  /** The token scope for ARM. It stays the cloud's even when the endpoint is overridden (proxies, fakes). */
  readonly scope: string;
  /** Entra ID authority for interactive and service-principal sign-in. */
  readonly authorityHost: string;
}

const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = {
  AzureCloud: {
    name: 'AzureCloud',
    armEndpoint: 'https://management.azure.com',
    scope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armEndpoint: 'https://management.usgovcloudapi.net',
    scope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armEndpoint: 'https://management.chinacloudapi.cn',
    scope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

export function isCloudName(value: string): value is CloudName {
  return Object.hasOwn(CLOUDS, value);
}

/** The endpoints of a cloud, with `armEndpoint` (ARM and Resource Graph alike) overridden if given. */
export function cloudEndpoints(cloud: CloudName, armEndpoint?: string): CloudEndpoints {
  const base = CLOUDS[cloud];
  if (armEndpoint === undefined) {
    return base;
  }
  let url: URL;
  try {
    url = new URL(armEndpoint);
  } catch {
    throw new InvalidOptionError(
      `--arm-endpoint ${armEndpoint} is not a URL; give one like https://management.azure.com.`,
    );
  }
  // Bearer tokens must never travel over plain HTTP (the SDK refuses as well).
  if (url.protocol !== 'https:') {
    throw new InvalidOptionError(
      `--arm-endpoint ${armEndpoint} must use https, because requests carry an access token.`,
    );
  }
  return { ...base, armEndpoint: url.origin + url.pathname.replace(/\/+$/, '') };
}
