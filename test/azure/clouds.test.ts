import { CredentialUnavailableError } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudEndpoints } from '../../src/azure/clouds.js';
import { ACCESS_TOKEN_ENV, AzureAuthError, createCredential, withAuthHint } from '../../src/azure/credentials.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { TOKEN, collectFrom, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('clouds', () => {
  it.each([
    ['AzureCloud', 'https://management.azure.com', 'https://login.microsoftonline.com'],
    ['AzureUSGovernment', 'https://management.usgovcloudapi.net', 'https://login.microsoftonline.us'],
    ['AzureChinaCloud', 'https://management.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
  ] as const)('%s: ARM and Resource Graph endpoint, token scope, authority', (cloud, arm, authority) => {
    expect(cloudEndpoints(cloud)).toEqual({
      name: cloud,
      armEndpoint: arm,
      scope: `${arm}/.default`,
      authorityHost: authority,
    });
  });

  it('overrides the endpoint but keeps the cloud’s token scope', () => {
    expect(cloudEndpoints('AzureUSGovernment', 'https://arm-proxy.contoso.net/')).toMatchObject({
      armEndpoint: 'https://arm-proxy.contoso.net',
      scope: 'https://management.usgovcloudapi.net/.default',
    });
    expect(() => cloudEndpoints('AzureCloud', 'http://127.0.0.1:8080')).toThrow(/must use https/);
  });

  it.each(['AzureUSGovernment', 'AzureChinaCloud'] as const)(
    'asks for the %s scope on every request',
    async (cloud) => {
      fake = await startFake();
      const scopes = new Set<string>();
      const credential: TokenCredential = {
        getToken: async (requested) => {
          (Array.isArray(requested) ? requested : [requested]).forEach((s) => scopes.add(s));
          return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
        },
      };
      const { snapshot } = await collectFrom(fake, { cloud, credential, source: 'arm' });
      expect(snapshot.cloud).toBe(cloud);
      expect([...scopes]).toEqual([cloudEndpoints(cloud).scope]);
      expect(fake.requests.length).toBeGreaterThan(10);
    },
  );
});

describe('credentials', () => {
  it('uses PLAUDIT_ACCESS_TOKEN as is', async () => {
    const credential = createCredential({ cloud: 'AzureCloud', env: { [ACCESS_TOKEN_ENV]: ` ${TOKEN} ` } });
    const token = await credential.getToken('https://management.azure.com/.default');
    expect(token?.token).toBe(TOKEN);
    expect(token?.expiresOnTimestamp).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
  });

  it('turns a failed sign-in into one sentence saying what to run', async () => {
    const failing: TokenCredential = {
      getToken: async () => {
        throw new CredentialUnavailableError(
          'DefaultAzureCredential failed to retrieve a token from the included credentials.',
        );
      },
    };
    const error = await withAuthHint(failing, 'AzureChinaCloud')
      .getToken('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureAuthError);
    expect((error as Error).message).toBe(
      'Could not sign in to Azure (AzureChinaCloud): run `az cloud set --name AzureChinaCloud` and `az login`, or set PLAUDIT_ACCESS_TOKEN to an ARM access token (`az account get-access-token --query accessToken -o tsv`).',
    );
  });

  it('fails collection up front, before any request, when no login is available', async () => {
    fake = await startFake();
    const noLogin = withAuthHint({ getToken: async () => null }, 'AzureCloud');
    const error = await collectFrom(fake, { credential: noLogin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureAuthError);
    expect((error as Error).message).toMatch(/run `az login`/);
    expect(fake.requests).toEqual([]);
  });
});
