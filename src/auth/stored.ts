// Credentials saved by `gong-connector auth login` (the token file, or Redis: token-stores.ts): a
// refreshing bearer credential, and the customer's own API host (`api_base_url_for_customer`).
import { ConfigurationError } from '../http/errors.js';
import type { Env } from '../config/env.js';
import { normaliseBaseUrl, type BaseUrlSetting } from '../config/urls.js';
import type { Credential } from './credentials.js';
import { oauthCredential } from './oauth-credential.js';
import type { StoredToken } from './token-store.js';
import { tokenStoreFor, type TokenStore } from './token-stores.js';

export interface StoredCredentialOptions {
  /** The token file; default GONG_TOKEN_FILE or the default path (token-store.ts). */
  tokenFile?: string | undefined;
  /** An API host set explicitly (config/urls.ts explicitBaseUrl): it must be the file's own. */
  baseUrl?: BaseUrlSetting | undefined;
  now?: (() => number) | undefined;
}

export interface StoredCredential {
  credential: Credential;
  baseUrl: string;
  /** Where it came from (the token file's path, or Redis host:port and key), and the token as read (for `auth status`). */
  file: string;
  store: TokenStore;
  token: StoredToken;
}

export async function loadStoredCredential(options: StoredCredentialOptions, env: Env): Promise<StoredCredential | undefined> {
  const store = await tokenStoreFor(options, env);
  const token = await store.read();
  if (!token) return undefined;
  const file = store.location;
  const baseUrl = normaliseBaseUrl(token.api_base_url_for_customer, `api_base_url_for_customer in ${file}`);
  // A token sent to another company's host fails as "revoked": refuse the mix up front.
  const override = options.baseUrl;
  if (override && normaliseBaseUrl(override.value, override.source) !== baseUrl) {
    throw new ConfigurationError({
      message: `Conflicting Gong API hosts: ${override.source} (${normaliseBaseUrl(override.value, override.source)}) differs from api_base_url_for_customer in the token file (${baseUrl}); ${override.source} would win, and Gong rejects a token sent to another company's host.`,
      field: override.source,
      hint: `Unset ${override.source} to use the host from \`auth login\`, or run \`gong-connector auth logout\`.`,
    });
  }
  return { credential: oauthCredential({ store, token, env, now: options.now }), baseUrl, file, store, token };
}
