// Credentials saved by `gong-connector auth login` (the OAuth token file): a refreshing bearer
// credential, and the customer's own API host (`api_base_url_for_customer`) as the base URL.
import type { ConnectorOptions } from '../config/options.js';
import { normaliseBaseUrl } from '../config/resolve.js';
import { ConfigurationError } from '../http/errors.js';
import type { Credential } from './credentials.js';
import { oauthCredential } from './oauth-credential.js';
import { readTokenFile, tokenFilePath } from './token-store.js';
import type { Env } from '../config/env.js';

export interface StoredCredential {
  credential: Credential;
  baseUrl: string;
}

export async function loadStoredCredential(options: ConnectorOptions, env: Env): Promise<StoredCredential | undefined> {
  const file = tokenFilePath(options, env);
  const token = await readTokenFile(file);
  if (!token) return undefined;
  const baseUrl = normaliseBaseUrl(token.api_base_url_for_customer, `api_base_url_for_customer in ${file}`);
  // A token sent to another company's host fails as "revoked": refuse the mix up front.
  const override = options.baseUrl !== undefined
    ? { value: options.baseUrl, source: 'options.baseUrl' }
    : env.GONG_API_BASE_URL?.trim() ? { value: env.GONG_API_BASE_URL.trim(), source: 'GONG_API_BASE_URL' } : undefined;
  if (override && normaliseBaseUrl(override.value, override.source) !== baseUrl) {
    throw new ConfigurationError({
      message: `Conflicting Gong API hosts: ${override.source} (${normaliseBaseUrl(override.value, override.source)}) differs from api_base_url_for_customer in the token file (${baseUrl}); ${override.source} would win, and Gong rejects a token sent to another company's host.`,
      field: override.source,
      hint: `Unset ${override.source} to use the host from \`auth login\`, or run \`gong-connector auth logout\`.`,
    });
  }
  const now = options.clock ? () => options.clock!.now() : undefined;
  return { credential: oauthCredential({ tokenFile: file, token, env, now }), baseUrl };
}
