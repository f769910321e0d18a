import { DefaultAzureCredential } from '@azure/identity';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { UsageError } from '../errors.js';
import type { CloudName } from '../snapshot/types.js';
import { cloudEndpoints } from './clouds.js';

export const ACCESS_TOKEN_ENV = 'PLAUDIT_ACCESS_TOKEN';

/**
 * Signing in to Azure failed, or Azure refused the token. The message is one sentence that tells the
 * user what to run; the CLI prints it without a stack. It never contains a token.
 */
export class AzureAuthError extends UsageError {
  override readonly name = 'AzureAuthError';
}

export interface CredentialOptions {
  cloud: CloudName;
  /** Sign in to this tenant (`--tenant`). */
  tenantId?: string;
  /** Where PLAUDIT_ACCESS_TOKEN is read from; `process.env` unless given. */
  env?: NodeJS.ProcessEnv;
}

/**
 * PLAUDIT_ACCESS_TOKEN when set (used as is), else DefaultAzureCredential (Azure CLI, environment,
 * workload or managed identity) against the cloud's authority.
 */
export function createCredential(options: CredentialOptions): TokenCredential {
  const token = (options.env ?? process.env)[ACCESS_TOKEN_ENV]?.trim();
  if (token) {
    return staticTokenCredential(token);
  }
  const inner = new DefaultAzureCredential({
    authorityHost: cloudEndpoints(options.cloud).authorityHost,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  });
  return withAuthHint(inner, options.cloud);
}

/** A credential that always returns the given bearer token. */
export function staticTokenCredential(token: string): TokenCredential {
  return {
    // A far expiry: the SDK's token cycler would otherwise try to refresh a token it cannot renew.
    getToken: async (): Promise<AccessToken> => ({
      token,
      expiresOnTimestamp: Date.now() + 365 * 24 * 3600 * 1000,
      tokenType: 'Bearer',
    }),
  };
}

/** Wraps a credential so that any sign-in failure becomes an AzureAuthError that says what to run. */
export function withAuthHint(inner: TokenCredential, cloud: CloudName): TokenCredential {
  return {
    getToken: async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> => {
      let token: AccessToken | null;
      try {
        token = await inner.getToken(scopes, options);
      } catch (error) {
        throw signInFailed(cloud, error);
      }
      if (!token) {
        throw signInFailed(cloud, undefined);
      }
      return token;
    },
  };
}

function loginHint(cloud: CloudName): string {
  const login = cloud === 'AzureCloud' ? '`az login`' : `\`az cloud set --name ${cloud}\` and \`az login\``;
  return `run ${login}, or set ${ACCESS_TOKEN_ENV} to an ARM access token (\`az account get-access-token --query accessToken -o tsv\`)`;
}

export function signInFailed(cloud: CloudName, cause: unknown): AzureAuthError {
  return new AzureAuthError(`Could not sign in to Azure (${cloud}): ${loginHint(cloud)}.`, { cause });
}

/** Azure answered 401: the token is expired, for another cloud or tenant, or malformed. */
export function tokenRejected(cloud: CloudName, azureReason: string): AzureAuthError {
  return new AzureAuthError(`Azure rejected the access token (${azureReason}): ${loginHint(cloud)}.`);
}
