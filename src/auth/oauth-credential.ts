// The `auth login` credential for the direct transport. It refreshes shortly before expiry and
// after a 401. Gong's refresh tokens are single-use (a reused one gives invalid_grant and the
// connection is lost), so refreshes are single-flight: one shared promise in this process and a
// lock file across processes, the token file is re-read under the lock (another process may have
// rotated it already), and the rotated refresh token is written atomically before the new access
// token is used. The client secret is never stored: refreshes read GONG_CLIENT_SECRET.
import { createHash } from 'node:crypto';
import { AuthRequiredError } from '../http/errors.js';
import { registerSecret } from '../http/redact.js';
import type { Credential } from './credentials.js';
import { tokenRequest } from './oauth.js';
import { readTokenFile, withTokenLock, writeTokenFile, type StoredToken } from './token-store.js';
import { envValue, type Env } from '../config/env.js';

export interface OAuthCredentialOptions {
  tokenFile: string;
  token: StoredToken;
  env: Env;
  now?: (() => number) | undefined;
  /** Refresh this long before expiry (ms); default 5 minutes. */
  refreshMarginMs?: number | undefined;
}

// A 401 arriving right after a refresh was answered to the old token: no second refresh.
const RECENT_REFRESH_MS = 10_000;

export function oauthCredential(o: OAuthCredentialOptions): Credential & { expiresAt(): string; refreshCount(): number } {
  const now = o.now ?? Date.now;
  const margin = o.refreshMarginMs ?? 5 * 60_000;
  let current = o.token;
  // Every token this credential will send is known to the redaction guard first, wherever it came
  // from: the file at start, another process's refresh, or our own.
  const use = (token: StoredToken) => {
    registerSecret(token.access_token);
    registerSecret(token.refresh_token);
    current = token;
  };
  use(o.token);
  let inflight: Promise<void> | undefined;
  let lastRefreshAt = Number.NEGATIVE_INFINITY;
  let refreshes = 0;
  const source = 'token file';
  const expiresAt = () => Date.parse(current.expires_at);
  // Never more than half the token's lifetime, so a short-lived token is not refreshed on every call.
  const marginFor = (t: StoredToken) => {
    const lifetime = Date.parse(t.expires_at) - Date.parse(t.saved_at);
    return Number.isFinite(lifetime) && lifetime > 0 ? Math.min(margin, lifetime / 2) : margin;
  };

  const expiredError = () =>
    new AuthRequiredError({
      message: 'The Gong login in the token file has expired and cannot be refreshed.',
      hint: current.refresh_token
        ? 'Set GONG_CLIENT_SECRET (your Gong OAuth app\'s client secret) so the token can be refreshed, or run `gong-connector auth login` again.'
        : 'Run `gong-connector auth login` again.',
    });

  async function doRefresh(): Promise<void> {
    await withTokenLock(o.tokenFile, async () => {
      const onDisk = await readTokenFile(o.tokenFile);
      if (onDisk && onDisk.access_token !== current.access_token && Date.parse(onDisk.expires_at) - marginFor(onDisk) > now()) {
        use(onDisk); // another process refreshed already: its rotated token is the live one
        return;
      }
      const secret = envValue(o.env.GONG_CLIENT_SECRET);
      if (!current.refresh_token) throw expiredError();
      if (!secret) {
        throw new AuthRequiredError({
          message: 'Refreshing the Gong login needs the OAuth client secret, and GONG_CLIENT_SECRET is not set.',
          field: 'GONG_CLIENT_SECRET',
          hint: 'Set GONG_CLIENT_SECRET (it is never stored in the token file), or run `gong-connector auth login` again.',
        });
      }
      const res = await tokenRequest(current.token_url, { clientId: current.client_id, clientSecret: secret }, {
        grant_type: 'refresh_token',
        refresh_token: current.refresh_token,
      });
      const next: StoredToken = {
        ...current,
        access_token: res.accessToken,
        expires_at: new Date(now() + (res.expiresInSeconds ?? 3600) * 1000).toISOString(),
        scopes: res.scopes ?? current.scopes,
        saved_at: new Date(now()).toISOString(),
      };
      // Keep the old refresh token only when Gong sent none (docs/gong-api.md#refresh-token-rotation).
      if (res.refreshToken) next.refresh_token = res.refreshToken;
      await writeTokenFile(o.tokenFile, next);
      use(next);
      refreshes += 1;
    });
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
