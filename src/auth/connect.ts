// `auth status` / `auth connect` as a library: which connection would be used and whether it is
// usable, and when it is not, the one action that fixes it — the Scalekit authorization link, or
// for Polly-managed tokens the exact manage_auth call. Plain JSON results; nothing secret in them.
import { splitOptions, type ConnectorOptions } from '../config/options.js';
import { hasScalekitSettings, requestedTransport, resolveDirect, resolvePolicy } from '../config/resolve.js';
import { MANAGE_AUTH_CALL } from '../http/errors.js';
import type { AccountStatus } from '../transport/scalekit-account.js';
import { readTokenFile, tokenFilePath } from './token-store.js';
import type { Env } from '../config/env.js';

export interface ScalekitAuthResult {
  transport: 'scalekit';
  connected: boolean;
  status: AccountStatus;
  connection_name: string;
  identifier: string;
  environment_url?: string;
  authorization_link?: string;
  next?: string;
  /** What the Scalekit SDK in use cannot deliver faithfully (e.g. int64 digits, Retry-After). */
  limitations?: string[];
}

export interface DirectAuthResult {
  transport: 'direct';
  connected: boolean;
  /** Where the credential comes from: GONG_ACCESS_TOKEN, GONG_ACCESS_KEY, options.…, token file. */
  source: string;
  base_url: string;
  scheme: 'bearer' | 'basic';
  token_file?: string;
  expires_at?: string;
  refreshable?: boolean;
  note?: string;
  hint?: string;
}

export interface CustomTransportResult {
  transport: string;
  connected: boolean;
  description: string;
  limitations?: string[];
}

export interface AuthRequiredResult {
  error: 'auth_required';
  message: string;
  /** The exact call a Polly-style runtime makes to connect Gong. */
  hint: string;
  alternatives: string[];
}

export type AuthResult = ScalekitAuthResult | DirectAuthResult | CustomTransportResult | AuthRequiredResult;

const ALTERNATIVES = [
  'Set GONG_ACCESS_TOKEN (an OAuth bearer token), or GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (a Gong access key pair).',
  'Run `gong-connector auth login --client-id <id>` with GONG_CLIENT_SECRET set (your own Gong OAuth app).',
  'Configure Scalekit: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET and GONG_IDENTIFIER.',
];

function authRequired(message: string): AuthRequiredResult {
  return { error: 'auth_required', message, hint: MANAGE_AUTH_CALL, alternatives: ALTERNATIVES };
}

async function scalekitResult(options: ConnectorOptions, env: Env, connect: boolean): Promise<ScalekitAuthResult> {
  const { buildScalekitTransport } = await import('../transport/scalekit.js');
  const { resolveScalekitSettings } = await import('../config/scalekit-settings.js');
  const settings = resolveScalekitSettings(options, env);
  const transport = await buildScalekitTransport(settings, resolvePolicy(options, env));
  const status = await transport.accountStatus();
  const result: ScalekitAuthResult = {
    transport: 'scalekit',
    connected: status === 'ACTIVE',
    status,
    connection_name: settings.connectionName,
    identifier: settings.identifier,
  };
  if (settings.environmentUrl) result.environment_url = settings.environmentUrl;
  const limitations = transport.limitations();
  if (limitations.length > 0) result.limitations = limitations;
  if (status !== 'ACTIVE') {
    const link = await transport.fetchAuthorizationLink();
    if (link) result.authorization_link = link;
    result.next = connect
      ? 'Have the user open authorization_link and approve Gong, then run `gong-connector auth status`.'
      : 'Run `gong-connector auth connect` (or open authorization_link) to connect Gong.';
  }
  return result;
}

async function directResult(options: ConnectorOptions, env: Env): Promise<DirectAuthResult | AuthRequiredResult> {
  const direct = await resolveDirect(options, env);
  const file = tokenFilePath(options, env);
  if (!direct) return authRequired('No Gong credentials are configured.');
  const result: DirectAuthResult = {
    transport: 'direct',
    connected: true,
    source: direct.credential.source,
    base_url: direct.baseUrl,
    scheme: direct.credential.scheme,
  };
  if (direct.credential.source === 'token file') {
    const token = await readTokenFile(file);
    if (token) {
      result.token_file = file;
      result.expires_at = token.expires_at;
      result.refreshable = token.refresh_token !== undefined;
      const expired = Date.parse(token.expires_at) <= (options.clock?.now() ?? Date.now());
      const canRefresh = result.refreshable && Boolean(env.GONG_CLIENT_SECRET?.trim());
      if (expired && !canRefresh) {
        result.connected = false;
        result.hint = result.refreshable
          ? 'The access token has expired: set GONG_CLIENT_SECRET so it can be refreshed, or run `gong-connector auth login` again.'
          : 'The access token has expired: run `gong-connector auth login` again.';
      } else if (result.refreshable && !env.GONG_CLIENT_SECRET?.trim()) {
        result.note = 'GONG_CLIENT_SECRET is not set: the token cannot be refreshed when it expires.';
      }
    }
  } else if (await readTokenFile(file).catch(() => undefined)) {
    result.note = `A token file from \`auth login\` exists at ${file}, but ${direct.credential.source} takes precedence over it.`;
  }
  return result;
}

async function resolveResult(options: ConnectorOptions = {}, connect: boolean): Promise<AuthResult> {
  splitOptions(options, false); // unknown option keys are rejected here too
  const env = options.env ?? process.env;
  if (options.transport !== undefined && typeof options.transport === 'object') {
    const result: CustomTransportResult = { transport: options.transport.kind, connected: true, description: options.transport.describe() };
    const limitations = options.transport.limitations?.() ?? [];
    if (limitations.length > 0) result.limitations = limitations;
    return result;
  }
  const choice = requestedTransport(options, env) ?? 'auto';
  if (choice === 'scalekit') return scalekitResult(options, env, connect);
  if (choice === 'direct') return directResult(options, env);
  const direct = await directResult(options, env);
  if ('error' in direct && hasScalekitSettings(options, env)) return scalekitResult(options, env, connect);
  return direct;
}

/** Which connection would be used and whether it is usable; for Scalekit the account status. */
export function authStatus(options?: ConnectorOptions): Promise<AuthResult> {
  return resolveResult(options, false);
}

/** Like authStatus, phrased as the next step to connect: the authorization link or the manage_auth call. */
export function authConnect(options?: ConnectorOptions): Promise<AuthResult> {
  return resolveResult(options, true);
}

/** True when the result describes a usable connection. */
export function isConnected(result: AuthResult): boolean {
  return !('error' in result) && result.connected;
}
