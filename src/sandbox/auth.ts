// Who may call: the access key pair (HTTP Basic, every scope, like a Gong technical admin's key) and
// bearer tokens (OAuth or `issueToken`), each carrying scopes and an expiry. Scopes are enforced only
// for bearer tokens, as in Gong. A bearer token is bound to the customer host it was issued for;
// presenting it to another host fails the way Gong's regional hosts do ("access token has been revoked").
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SandboxCredentials } from './options.js';

/** Every scope the sandbox knows (docs/gong-api.md#scopes, plus n8n's permission-profile scopes). */
export const ALL_SCOPES: readonly string[] = [
  'api:calls:read:basic', 'api:calls:read:extensive', 'api:calls:read:media-url', 'api:calls:read:transcript',
  'api:calls:create', 'api:call-user-access:read', 'api:call-user-access:write', 'api:users:read',
  'api:stats:interaction', 'api:stats:user-actions', 'api:stats:user-actions:detailed', 'api:stats:scorecards',
  'api:settings:scorecards:read', 'api:settings:trackers:read', 'api:workspaces:read', 'api:library:read',
  'api:coaching:read', 'api:call-outcomes:read', 'api:flows:read', 'api:flows:write', 'api:tasks:read',
  'api:tasks:write', 'api:digital-interactions:write', 'api:engagement-data:write', 'api:data-privacy:read',
  'api:data-privacy:delete', 'api:logs:read', 'api:meetings:user:create', 'api:meetings:user:update',
  'api:meetings:user:delete', 'api:meetings:integration:status', 'api:integration-settings:write',
  'api:crm:integrations:read', 'api:crm:integration:register', 'api:crm:integration:delete', 'api:crm:schema',
  'api:crm:upload', 'api:crm:get-objects', 'api:ai-briefer:read', 'api:ai-ask:read',
  'api:permission-profile:read', 'api:permission-profile:write',
];

export type Principal = { kind: 'basic' } | { kind: 'bearer'; scopes: ReadonlySet<string> };

export type AuthResult = { ok: true; principal: Principal; tokenId?: string } | { ok: false; message: string };

interface Grant {
  /** The token's `jti`: names it in the request log without being able to authenticate. */
  id: string;
  scopes: ReadonlySet<string>;
  expiresAt: number | undefined;
  host: string;
}

function derived(seed: number, label: string, bytes: number): Buffer {
  return createHash('sha256').update(`gong-sandbox:${label}:${seed}`).digest().subarray(0, bytes);
}

function jwtLike(payload: Record<string, unknown>, signature: Buffer): string {
  return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature.toString('base64url')}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthStore {
  /** Stable per seed, so the CLI prints the same access key pair every time. */
  readonly accessKey: string;
  readonly accessKeySecret: string;
  readonly oauthClient: { clientId: string; clientSecret: string };
  private readonly grants = new Map<string, Grant>();

  constructor(
    seed: number,
    private readonly now: () => number,
    private readonly host: string,
    oauthClient?: { clientId: string; clientSecret: string },
  ) {
    this.accessKey = `SBX${derived(seed, 'key', 15).toString('hex').toUpperCase().slice(0, 29)}`;
    this.accessKeySecret = jwtLike({ key: this.accessKey, sandbox: true }, derived(seed, 'secret', 32));
    this.oauthClient = oauthClient ? { ...oauthClient } : {
      clientId: `sbx_${derived(seed, 'client', 8).toString('hex')}`,
      clientSecret: derived(seed, 'client-secret', 24).toString('base64url'),
    };
  }

  credentials(bearerToken: string): SandboxCredentials {
    return { accessKey: this.accessKey, accessKeySecret: this.accessKeySecret, bearerToken };
  }

  /**
   * A new opaque bearer token with these scopes; expires after `expiresInSeconds` when given. It is
   * good only at `host` (default the sandbox's own), as Gong's tokens are at their customer host.
   */
  issue(scopes: readonly string[], expiresInSeconds?: number, host = this.host): string {
    const id = randomBytes(6).toString('hex');
    const token = jwtLike({ jti: id, scp: scopes.length }, randomBytes(32));
    this.grants.set(token, {
      id,
      scopes: new Set(scopes),
      expiresAt: expiresInSeconds === undefined ? undefined : this.now() + expiresInSeconds * 1000,
      host,
    });
    return token;
  }

  /** The id the request log gives this token (`SandboxLogEntry.tokenId`). */
  idOf(token: string): string | undefined {
    return this.grants.get(token)?.id;
  }

  /** Every bearer token issued so far expires now (tokens issued later are unaffected). */
  expireAll(): void {
    const now = this.now();
    for (const grant of this.grants.values()) {
      if (grant.expiresAt === undefined || grant.expiresAt > now) grant.expiresAt = now;
    }
  }

  authenticate(authorization: string | undefined, hostHeader: string | undefined): AuthResult {
    if (!authorization) return { ok: false, message: 'Authorization header is missing' };
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space).toLowerCase();
    const value = authorization.slice(space + 1).trim();
    if (space > 0 && scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0 && safeEqual(decoded.slice(0, colon), this.accessKey) && safeEqual(decoded.slice(colon + 1), this.accessKeySecret)) {
        return { ok: true, principal: { kind: 'basic' } };
      }
      return { ok: false, message: 'Invalid access key or access key secret' };
    }
    if (space > 0 && scheme === 'bearer') {
      const grant = this.grants.get(value);
      if (!grant) return { ok: false, message: 'The access token is invalid' };
      if (hostHeader !== undefined && hostHeader !== grant.host) return { ok: false, message: 'access token has been revoked' };
      if (grant.expiresAt !== undefined && this.now() >= grant.expiresAt) return { ok: false, message: 'The access token has expired' };
      return { ok: true, principal: { kind: 'bearer', scopes: grant.scopes }, tokenId: grant.id };
    }
    return { ok: false, message: 'Unsupported authorization scheme; use Basic or Bearer' };
  }
}

/** Gong's message for a bearer token without the operation's scope (status 401). */
export function missingScopeMessage(scope: string): string {
  return `You don't have permission to use '${scope}' in your app.`;
}

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.kind === 'basic' || principal.scopes.has(scope);
}
