// Gong OAuth for standalone users (docs/gong-api.md#oauth-flow): the authorization-code flow with a loopback
// redirect on 127.0.0.1, and the token endpoint `generate-customer-token` with HTTP Basic client
// authentication, for both the code exchange and refreshes. Errors carry OAuth error codes,
// never a code, token or secret.
import { redactText, registerSecret } from '../http/redact.js';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { DEFAULT_BASE_URL, DEFAULT_OAUTH_BASE_URL } from '../config/defaults.js';
import { normaliseBaseUrl, parseServiceUrl } from '../config/urls.js';
import { AuthRequiredError, ConfigurationError, ConnectionError, GongError } from '../http/errors.js';
import type { StoredToken } from './token-store.js';
import { tokenStoreFor } from './token-stores.js';
import { envValue, type Env } from '../config/env.js';

/** Read-only scopes requested when `--scopes` is not given (docs/gong-api.md#scopes). */
export const DEFAULT_SCOPES: readonly string[] = [
  'api:calls:read:basic',
  'api:calls:read:extensive',
  'api:calls:read:transcript',
  'api:users:read',
  'api:stats:interaction',
  'api:stats:user-actions',
  'api:settings:trackers:read',
  'api:settings:scorecards:read',
  'api:workspaces:read',
  'api:library:read',
  'api:flows:read',
  'api:tasks:read',
];

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
}

/** Gong's OAuth host: the option, else GONG_OAUTH_BASE_URL, else https://app.gong.io (https, or http on loopback). */
export function oauthEndpoints(override: string | undefined, env: Env): OAuthEndpoints {
  const fromEnv = envValue(env.GONG_OAUTH_BASE_URL);
  const source = override !== undefined ? 'oauthBaseUrl' : fromEnv !== undefined ? 'GONG_OAUTH_BASE_URL' : 'The OAuth base URL';
  const raw = override ?? fromEnv ?? DEFAULT_OAUTH_BASE_URL;
  const { origin, path } = parseServiceUrl(raw, { source });
  const base = `${origin}${path}`;
  return { authorizeUrl: `${base}/oauth2/authorize`, tokenUrl: `${base}/oauth2/generate-customer-token` };
}

export function buildAuthorizeUrl(endpoint: string, p: { clientId: string; redirectUri: string; scopes: readonly string[]; state: string }): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('state', p.state);
  // Gong reads scopes space-separated (docs/gong-api.md#scopes).
  if (p.scopes.length > 0) url.searchParams.set('scope', p.scopes.join(' '));
  return url.toString();
}

export interface TokenResult {
  accessToken: string;
  refreshToken: string | undefined;
  expiresInSeconds: number | undefined;
  scopes: string[] | undefined;
  apiBaseUrl: string | undefined;
}

// Redaction is decided in one place (src/http/redact.ts): the secrets of a token call are
// registered there, so they are left out of this error and of every later output.
const redact = (text: string, secrets: readonly string[]) => {
  for (const secret of secrets) registerSecret(secret);
  return redactText(text).slice(0, 300);
};

/** Gong refused a code or refresh token (`invalid_grant`): spent, expired or revoked; never retried. */
export class InvalidGrantError extends AuthRequiredError {}

/** POST the token endpoint with Basic client auth and a form body. */
export async function tokenRequest(
  tokenUrl: string,
  client: { clientId: string; clientSecret: string },
  params: Record<string, string>,
  timeoutMs = 30_000,
): Promise<TokenResult> {
  const secrets = [client.clientSecret, params.code ?? '', params.refresh_token ?? ''];
  for (const secret of secrets) registerSecret(secret);
  const what = params.grant_type === 'refresh_token' ? 'refresh the Gong token' : 'exchange the Gong authorization code';
  let status: number;
  let text: string;
  try {
    const res = await request(tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConnectionError({ message: `Could not reach Gong's token endpoint to ${what}${code ? ` (${code})` : ''}.`, reached: false, hint: 'Check the network (and GONG_OAUTH_BASE_URL), then retry.' });
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // A non-JSON answer is reported by status below.
  }
  if (status >= 200 && status < 300 && typeof body.access_token === 'string' && body.access_token !== '') {
    registerSecret(body.access_token);
    if (typeof body.refresh_token === 'string') registerSecret(body.refresh_token);
    const expires = Number(body.expires_in);
    const scope = typeof body.scope === 'string' ? body.scope.split(/[\s,]+/).filter(Boolean) : undefined;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined,
      expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : undefined,
      scopes: scope,
      apiBaseUrl: typeof body.api_base_url_for_customer === 'string' ? body.api_base_url_for_customer : undefined,
    };
  }
  const oauthError = typeof body.error === 'string' ? body.error : undefined;
  const description = typeof body.error_description === 'string' ? redact(body.error_description, secrets) : undefined;
  const detail = oauthError ? `: ${oauthError}${description ? ` (${description})` : ''}` : '';
  if (oauthError === 'invalid_grant') {
    throw new InvalidGrantError({
      message: `Gong refused to ${what} (${status})${detail}.`,
      status,
      hint: 'The Gong login expired or was revoked. Run `gong-connector auth login` again.',
    });
  }
  if (status === 401 || oauthError === 'invalid_client') {
    throw new ConfigurationError({
      message: `Gong rejected the OAuth client credentials while trying to ${what} (${status})${detail}.`,
      field: 'GONG_CLIENT_SECRET',
      hint: 'Check the client id and GONG_CLIENT_SECRET of your Gong OAuth app.',
    });
  }
  throw new GongError({ message: `Gong's token endpoint failed to ${what} (${status})${detail}.`, status, hint: 'Retry; if it persists, run `gong-connector auth login` again.' });
}

export interface LoopbackRedirect {
  redirectUri: string;
  /** The authorization code, once the browser comes back with the right state. */
  code: Promise<string>;
  close(): Promise<void>;
}

const page = (title: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title}</p>`;

/** A one-shot HTTP server on 127.0.0.1 that receives Gong's redirect; only the right `state` counts. */
export async function startLoopbackRedirect(p: { state: string; port?: number | undefined; timeoutMs: number }): Promise<LoopbackRedirect> {
  let settle!: { resolve(code: string): void; reject(error: Error): void };
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  code.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const error = url.searchParams.get('error');
    // A wrong state is a stale tab or a forged redirect from anyone who can reach this port: it
    // is answered and ignored, so it can neither be used nor end the login the user is doing.
    if (url.searchParams.get('state') !== p.state) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('This redirect is not for the login in progress (the state did not match); it was ignored.'));
      return;
    }
    if (error) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('Gong did not authorize the connection. You can close this tab.'));
      settle.reject(new AuthRequiredError({ message: `Gong did not authorize the connection (${error.slice(0, 60)}).`, hint: 'Run `gong-connector auth login` again; a Gong technical administrator must approve it.' }));
      return;
    }
    const value = url.searchParams.get('code');
    if (!value) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page('The redirect carried no code.'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(page('Gong is connected. You can close this tab.'));
    settle.resolve(value);
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p.port ?? 0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => settle.reject(new AuthRequiredError({
    message: `No authorization arrived within ${Math.round(p.timeoutMs / 1000)} s.`,
    hint: 'Run `gong-connector auth login` again and approve the request in the browser.',
  })), p.timeoutMs);
  timer.unref();
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    code,
    async close() {
      clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface LoginOptions {
  clientId: string;
  clientSecret: string;
  scopes?: readonly string[] | undefined;
  oauthBaseUrl?: string | undefined;
  tokenFile?: string | undefined;
  env: Env;
  /** Fixed loopback port, for Gong apps registered with an exact redirect URI. */
  port?: number | undefined;
  timeoutMs?: number | undefined;
  /** Show (and maybe open) the authorize URL; the CLI prints it on stderr. */
  onAuthorizeUrl(url: string): void | Promise<void>;
  now?: (() => number) | undefined;
}

export interface LoginResult {
  logged_in: true;
  /** The token file (GONG_TOKEN_STORE=file, the default). */
  token_file?: string;
  /** Where the login is kept when GONG_TOKEN_STORE=redis: Redis host:port and key (never the URL). */
  token_store?: string;
  api_base_url: string;
  scopes: string[];
  expires_at: string;
  refreshable: boolean;
}

/** Run the whole authorization-code flow and store the tokens (the token file, or Redis: token-stores.ts). */
export async function login(o: LoginOptions): Promise<LoginResult> {
  if (!o.clientId.trim()) throw new ConfigurationError({ message: 'The Gong OAuth client id is required.', field: 'client-id' });
  if (!o.clientSecret) throw new ConfigurationError({ message: 'The Gong OAuth client secret is required (GONG_CLIENT_SECRET).', field: 'GONG_CLIENT_SECRET' });
  const endpoints = oauthEndpoints(o.oauthBaseUrl, o.env);
  const store = await tokenStoreFor({ tokenFile: o.tokenFile }, o.env);
  const scopes = o.scopes && o.scopes.length > 0 ? [...o.scopes] : [...DEFAULT_SCOPES];
  const state = randomBytes(24).toString('base64url');
  const redirect = await startLoopbackRedirect({ state, port: o.port, timeoutMs: o.timeoutMs ?? 300_000 });
  try {
    await o.onAuthorizeUrl(buildAuthorizeUrl(endpoints.authorizeUrl, { clientId: o.clientId, redirectUri: redirect.redirectUri, scopes, state }));
    const code = await redirect.code;
    const token = await tokenRequest(endpoints.tokenUrl, o, {
      grant_type: 'authorization_code',
      code,
      client_id: o.clientId,
      redirect_uri: redirect.redirectUri,
    });
    const apiBase = normaliseBaseUrl(token.apiBaseUrl ?? DEFAULT_BASE_URL, 'api_base_url_for_customer');
    const now = o.now?.() ?? Date.now();
    const stored: StoredToken = {
      version: 1,
      access_token: token.accessToken,
      expires_at: new Date(now + (token.expiresInSeconds ?? 3600) * 1000).toISOString(),
      scopes: token.scopes ?? scopes,
      api_base_url_for_customer: apiBase,
      client_id: o.clientId,
      token_url: endpoints.tokenUrl,
      saved_at: new Date(now).toISOString(),
    };
    if (token.refreshToken) stored.refresh_token = token.refreshToken;
    await store.save(stored);
    const where = store.kind === 'file' ? { token_file: store.location } : { token_store: store.location };
    return { logged_in: true, ...where, api_base_url: apiBase, scopes: stored.scopes, expires_at: stored.expires_at, refreshable: token.refreshToken !== undefined };
  } finally {
    await redirect.close();
  }
}
