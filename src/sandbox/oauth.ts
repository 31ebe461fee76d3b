// Gong's OAuth 2.0 authorization-code flow, on the sandbox's own origin:
//   GET  /oauth2/authorize → auto-approves and redirects to redirect_uri?code=…&state=…
//   POST /oauth2/generate-customer-token → HTTP Basic client auth; form body or query parameters;
//        authorization_code (single-use code, matching redirect_uri) or refresh_token (single-use,
//        rotating: reuse → 400 invalid_grant "Token has been expired or revoked.").
// Access tokens carry the granted scopes, expire after `expires_in`, and come with
// `api_base_url_for_customer`: the sandbox's base URL, or its separate customer API origin
// (`customerApiHost`), the only host that then accepts them. Each token request says what it asked
// and what it got (`exchange`), for the request log.
import { randomBytes } from 'node:crypto';
import { ALL_SCOPES, type AuthStore } from './auth.js';
import type { SandboxTokenExchange } from './options.js';

const CODE_TTL_MS = 10 * 60_000;

export interface OAuthReply {
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  /** Token endpoint only. */
  exchange?: SandboxTokenExchange;
}

interface CodeGrant {
  scopes: string[];
  redirectUri: string;
  expiresAt: number;
}

function oauthError(status: number, error: string, description: string): OAuthReply {
  return { status, body: { error, error_description: description } };
}

export class OAuthProvider {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, string[]>();

  constructor(
    private readonly auth: AuthStore,
    private readonly now: () => number,
    /** Where the issued tokens are good: `api_base_url_for_customer` and its host. */
    private readonly api: { baseUrl: string; host: string },
    private readonly accessTokenTtlSeconds: number,
  ) {}

  authorize(query: URLSearchParams): OAuthReply {
    const client = this.auth.oauthClient;
    const redirectUri = query.get('redirect_uri');
    if (query.get('client_id') !== client.clientId) return oauthError(400, 'invalid_client', 'Unknown client_id');
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return oauthError(400, 'invalid_request', 'redirect_uri is required');
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const redirectWith = (params: Record<string, string>): OAuthReply => {
      for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
      return { status: 302, headers: { location: back.toString() } };
    };
    if (query.get('response_type') !== 'code') return redirectWith({ error: 'unsupported_response_type' });
    // Scopes are space-separated; none requested means everything the app was configured with.
    const requested = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    const unknown = requested.filter((s) => !ALL_SCOPES.includes(s));
    if (unknown.length > 0) return redirectWith({ error: 'invalid_scope', error_description: `Unknown scope: ${unknown.join(' ')}` });
    const code = randomBytes(18).toString('base64url');
    this.codes.set(code, { scopes: requested.length > 0 ? requested : [...ALL_SCOPES], redirectUri, expiresAt: this.now() + CODE_TTL_MS });
    return redirectWith({ code });
  }

  token(authorization: string | undefined, params: URLSearchParams): OAuthReply {
    const grantType = params.get('grant_type') ?? undefined;
    const client = this.auth.oauthClient;
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    const decoded = basic ? Buffer.from(basic[1] as string, 'base64').toString('utf8') : '';
    const authenticated = decoded === `${client.clientId}:${client.clientSecret}`;
    const reply = authenticated
      ? this.grant(grantType, params)
      : oauthError(401, 'invalid_client', 'Client authentication failed: send HTTP Basic client_id:client_secret');
    const exchange: SandboxTokenExchange = {};
    if (grantType !== undefined) exchange.grantType = grantType;
    if (authenticated) exchange.clientId = client.clientId;
    if (typeof reply.body?.error === 'string') exchange.error = reply.body.error;
    if (reply.status === 200) {
      const accessToken = String(reply.body?.access_token);
      exchange.issued = { accessToken, refreshToken: String(reply.body?.refresh_token), accessTokenId: this.auth.idOf(accessToken) ?? '' };
    }
    return { ...reply, exchange };
  }

  private grant(grantType: string | undefined, params: URLSearchParams): OAuthReply {
    if (grantType === 'authorization_code') {
      const code = params.get('code') ?? '';
      const grant = this.codes.get(code);
      // Codes are single-use: consumed even when the rest of the request is wrong.
      this.codes.delete(code);
      if (!grant || this.now() >= grant.expiresAt) return oauthError(400, 'invalid_grant', 'Authorization code is invalid or expired');
      if (params.get('redirect_uri') !== grant.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      return this.issue(grant.scopes);
    }
    if (grantType === 'refresh_token') {
      const token = params.get('refresh_token') ?? '';
      const scopes = this.refreshTokens.get(token);
      if (!scopes) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      this.refreshTokens.delete(token);
      return this.issue(scopes);
    }
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }

  private issue(scopes: string[]): OAuthReply {
    const refresh = randomBytes(24).toString('base64url');
    this.refreshTokens.set(refresh, scopes);
    return {
      status: 200,
      body: {
        access_token: this.auth.issue(scopes, this.accessTokenTtlSeconds, this.api.host),
        refresh_token: refresh,
        expires_in: this.accessTokenTtlSeconds,
        scope: scopes.join(' '),
        token_type: 'bearer',
        api_base_url_for_customer: this.api.baseUrl,
      },
    };
  }
}
