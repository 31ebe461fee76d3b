// The `auth login` credential for the direct transport. It refreshes shortly before expiry and
// after a 401. Gong's refresh tokens are single-use (a reused one gives invalid_grant and the
// connection is lost), so refreshes are single-flight: one shared promise in this process, and the
// token store's update across processes and machines (token-stores.ts: the file lock, or a Redis
// lock), which re-reads the stored token first (another process may have rotated it already:
// then its refresh token is the one to redeem, or its fresh access token the one to use) and
// writes the rotated token, compare-and-set, before the new access token is used.
// After invalid_grant the store is read once more (another machine may have rotated the token
// meanwhile); a refresh token that got invalid_grant is never redeemed again, by this process or,
// through the `refresh_rejected_at` mark in the store, by any other. The client secret is never
// stored: refreshes read GONG_CLIENT_SECRET.
import { createHash } from 'node:crypto';
import { AuthRequiredError } from '../http/errors.js';
import { registerSecret } from '../http/redact.js';
import type { Credential } from './credentials.js';
import { InvalidGrantError, tokenRequest } from './oauth.js';
import type { StoredToken } from './token-store.js';
import { fileTokenStore, type TokenStore, type TokenUpdate } from './token-stores.js';
import { envValue, type Env } from '../config/env.js';

export interface OAuthCredentialOptions {
  /** Where the login is kept; or `tokenFile`, for the token file. */
  store?: TokenStore | undefined;
  tokenFile?: string | undefined;
  token: StoredToken;
  env: Env;
  now?: (() => number) | undefined;
  /** Refresh this long before expiry (ms); default 5 minutes. */
  refreshMarginMs?: number | undefined;
}

/** What one refresh did: the token it redeemed, or the invalid_grant that ended the login. */
interface Outcome {
  failure?: InvalidGrantError;
  redeemed?: StoredToken;
}

// A 401 arriving right after a refresh was answered to the old token: no second refresh.
const RECENT_REFRESH_MS = 10_000;

export function oauthCredential(o: OAuthCredentialOptions): Credential & { expiresAt(): string; refreshCount(): number } {
  const store = o.store ?? fileTokenStore(o.tokenFile ?? '');
  const now = o.now ?? Date.now;
  const margin = o.refreshMarginMs ?? 5 * 60_000;
  let current = o.token;
  // Every token this credential will send is known to the redaction guard first, wherever it came
  // from: the store at start, another process's refresh, or our own.
  const use = (token: StoredToken) => {
    registerSecret(token.access_token);
    registerSecret(token.refresh_token);
    current = token;
  };
  use(o.token);
  let inflight: Promise<void> | undefined;
  let lastRefreshAt = Number.NEGATIVE_INFINITY;
  let refreshes = 0;
  /** Refresh tokens Gong refused: never sent again. */
  const spent = new Set<string>();
  const source = store.kind === 'file' ? 'token file' : 'Redis token store';
  const expiresAt = () => Date.parse(current.expires_at);
  // Never more than half the token's lifetime, so a short-lived token is not refreshed on every call.
  const marginFor = (t: StoredToken) => {
    const lifetime = Date.parse(t.expires_at) - Date.parse(t.saved_at);
    return Number.isFinite(lifetime) && lifetime > 0 ? Math.min(margin, lifetime / 2) : margin;
  };
  const fresh = (t: StoredToken) => Date.parse(t.expires_at) - marginFor(t) > now();
  const dead = (t: StoredToken) => t.refresh_rejected_at !== undefined || (t.refresh_token !== undefined && spent.has(t.refresh_token));

  const expiredError = () =>
    new AuthRequiredError({
      message: `The Gong login in the ${source} has expired and cannot be refreshed${current.refresh_rejected_at ? ': Gong refused its refresh token' : ''}.`,
      hint: current.refresh_token && !current.refresh_rejected_at
        ? 'Set GONG_CLIENT_SECRET (your Gong OAuth app\'s client secret) so the token can be refreshed, or run `gong-connector auth login` again.'
        : 'Run `gong-connector auth login` again.',
    });

  /** Redeem `base`'s refresh token: the rotated token, to be written over `base`. */
  async function redeem(base: StoredToken): Promise<TokenUpdate> {
    const secret = envValue(o.env.GONG_CLIENT_SECRET);
    if (!base.refresh_token || dead(base)) throw expiredError();
    if (!secret) {
      throw new AuthRequiredError({
        message: 'Refreshing the Gong login needs the OAuth client secret, and GONG_CLIENT_SECRET is not set.',
        field: 'GONG_CLIENT_SECRET',
        hint: `Set GONG_CLIENT_SECRET (it is never stored in the ${source}), or run \`gong-connector auth login\` again.`,
      });
    }
    const res = await tokenRequest(base.token_url, { clientId: base.client_id, clientSecret: secret }, {
      grant_type: 'refresh_token',
      refresh_token: base.refresh_token,
    });
    const next: StoredToken = {
      ...base,
      access_token: res.accessToken,
      expires_at: new Date(now() + (res.expiresInSeconds ?? 3600) * 1000).toISOString(),
      scopes: res.scopes ?? base.scopes,
      saved_at: new Date(now()).toISOString(),
    };
    // Keep the old refresh token only when Gong sent none (docs/gong-api.md#refresh-token-rotation).
    if (res.refreshToken) next.refresh_token = res.refreshToken;
    return { write: next, replacing: base };
  }

  /** Inside the store's update: adopt a newer stored token, else refresh (re-reading once after invalid_grant). */
  async function refreshStored(stored: StoredToken | undefined, outcome: Outcome): Promise<TokenUpdate | undefined> {
    const base = stored ?? current;
    if (base.access_token !== current.access_token) {
      use(base); // another process refreshed: its token (and refresh token) is the live one
      if (fresh(base)) return undefined;
    }
    try {
      return redeemed(await redeem(base), outcome);
    } catch (error) {
      if (!(error instanceof InvalidGrantError) || !base.refresh_token) throw error;
      spent.add(base.refresh_token);
      // Another machine may have redeemed it a moment ago: its rotated token is in the store.
      const again = await store.read();
      if (again?.refresh_token && !dead(again) && again.refresh_token !== base.refresh_token) {
        use(again);
        return fresh(again) ? undefined : redeemed(await redeem(again), outcome);
      }
      // Dead for every process: mark it so that none redeems it again, then report it.
      outcome.failure = error;
      return { write: { ...base, refresh_rejected_at: new Date(now()).toISOString() }, replacing: base };
    }
  }

  const redeemed = (update: TokenUpdate, outcome: Outcome) => {
    outcome.redeemed = update.write;
    return update;
  };

  async function doRefresh(): Promise<void> {
    const outcome: Outcome = {};
    const stored = await store.update((s) => refreshStored(s, outcome));
    // What the store holds now is the login: ours, or a newer one written meanwhile.
    // (Removed meanwhile by `auth logout`: the token just redeemed still works in this process.)
    if (stored) use(stored);
    else if (outcome.redeemed) use(outcome.redeemed);
    if (outcome.failure !== undefined) throw outcome.failure;
    if (outcome.redeemed !== undefined) refreshes += 1;
    lastRefreshAt = now();
  }

  function refreshOnce(): Promise<void> {
    inflight ??= doRefresh().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    scheme: 'bearer',
    source,
    async authorization() {
      if (inflight) await inflight.catch(() => undefined);
      if (expiresAt() - marginFor(current) <= now()) {
        try {
          await refreshOnce();
        } catch (error) {
          // Still valid for a little while: use it rather than fail early.
          if (expiresAt() <= now()) throw error;
        }
      }
      return `Bearer ${current.access_token}`;
    },
    async refresh() {
      if (inflight) {
        await inflight;
        return true;
      }
      if (now() - lastRefreshAt < RECENT_REFRESH_MS) return true;
      await refreshOnce();
      return true;
    },
    fingerprint: () => createHash('sha256').update(`${current.client_id}@${current.api_base_url_for_customer}`).digest('hex').slice(0, 12),
    toJSON: () => ({ scheme: 'bearer', source }),
    expiresAt: () => current.expires_at,
    refreshCount: () => refreshes,
  };
}
