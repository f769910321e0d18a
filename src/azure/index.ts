export { collectSnapshot } from './collect.js';
export type {
  CollectOptions,
  CollectProgress,
  CollectResult,
  CollectSource,
  CollectStats,
  ReadBudget,
  RequestKind,
  RetryTuning,
} from './collect.js';
export { ACCESS_TOKEN_ENV, AzureAuthError, createCredential, staticTokenCredential } from './credentials.js';
export type { CredentialOptions } from './credentials.js';
export { CLOUD_NAMES, cloudEndpoints, isCloudName } from './clouds.js';
export type { CloudEndpoints } from './clouds.js';
export { AzureRequestError, InvalidOptionError, ReadOnlyViolationError } from './errors.js';
export { parseScope } from './scope.js';
