// A loopback fake of Gong's OAuth endpoints and of one customer API host, behaving like the
// sandbox's: GET /oauth2/authorize auto-approves with a 302 to redirect_uri?code&state;
// POST /oauth2/generate-customer-token needs Basic client auth, codes and refresh tokens are
// single-use (a reused refresh token → 400 invalid_grant), and api_base_url_for_customer points
// at the separate API host, which accepts only live access tokens.
import { randomBytes } from 'node:crypto';
import { json, startReplyServer, type RecordedRequest, type Reply, type ReplyServer } from './server.js';

export interface FakeGongOAuth {
  oauthUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  authorizeRequests: URLSearchParams[];
  tokenRequests: RecordedRequest[];
  apiRequests: RecordedRequest[];
  /** Successful refresh_token grants. */
  refreshes(): number;
  /** Access tokens issued so far (newest last). */
  accessTokens: string[];
  refreshTokens: string[];
  /** Lifetime of new access tokens (seconds). */
  expiresIn: number;
  /** Answer refreshes after this many ms (to overlap concurrent callers). */
  tokenDelayMs: number;
  /** Make every issued access token invalid at the API (as if expired or revoked). */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

const token = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;

export async function startFakeGongOAuth(opts: { clientId: string; clientSecret: string }): Promise<FakeGongOAuth> {
  const codes = new Map<string, string>(); // code → redirect_uri
  const liveRefresh = new Set<string>();
  const liveAccess = new Set<string>();
  let refreshes = 0;
  let api: ReplyServer | undefined;
  const fake: FakeGongOAuth = {
    oauthUrl: '',
    apiUrl: '',
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    authorizeRequests: [],
    tokenRequests: [],
    apiRequests: [],
    refreshes: () => refreshes,
    accessTokens: [],
    refreshTokens: [],
    expiresIn: 86_400,
    tokenDelayMs: 0,
    expireAccessTokens: () => liveAccess.clear(),
    close: async () => {
      await oauth.close();
      await api?.close();
    },
  };

  const issue = (): Reply => {
    const access = token('at');
    const refresh = token('rt');
    liveAccess.add(access);
    liveRefresh.add(refresh);
    fake.accessTokens.push(access);
    fake.refreshTokens.push(refresh);
    return json(200, {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: fake.expiresIn,
      scope: 'api:users:read api:calls:read:basic',
      api_base_url_for_customer: fake.apiUrl,
    });
  };

  const oauth = await startReplyServer(async (req) => {
    if (req.method === 'GET' && req.path === '/oauth2/authorize') {
      fake.authorizeRequests.push(req.query);
      if (req.query.get('client_id') !== opts.clientId || req.query.get('response_type') !== 'code') return json(400, { error: 'invalid_request' });
      const code = token('code');
      const redirect = req.query.get('redirect_uri') ?? '';
      codes.set(code, redirect);
      const target = new URL(redirect);
      target.searchParams.set('code', code);
      target.searchParams.set('state', req.query.get('state') ?? '');
      return { status: 302, headers: { location: target.toString() } };
    }
    if (req.method === 'POST' && req.path === '/oauth2/generate-customer-token') {
      fake.tokenRequests.push(req);
      const basic = `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic) return json(401, { error: 'invalid_client' });
      const form = new URLSearchParams(req.text);
      if (form.get('grant_type') === 'authorization_code') {
        const redirect = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (redirect === undefined || redirect !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant', error_description: 'Invalid authorization code.' });
        return issue();
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (fake.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, fake.tokenDelayMs));
        const presented = form.get('refresh_token') ?? '';
        if (!liveRefresh.delete(presented)) return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        refreshes += 1;
        return issue();
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    return json(404, { error: 'not_found' });
  });

  api = await startReplyServer((req) => {
    fake.apiRequests.push(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !liveAccess.has(bearer)) return json(401, { requestId: 'r401', errors: ['The access token has expired'] });
    return json(200, { requestId: 'ok', records: { totalRecords: 0 }, users: [] });
  });

  fake.oauthUrl = oauth.url;
  fake.apiUrl = api.url;
  return fake;
}
