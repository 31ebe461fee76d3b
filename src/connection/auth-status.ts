// `auth status` / `auth connect` as a library: which connection would be used and whether it is
// usable, and when it is not, the one action that fixes it: the Scalekit authorization link, or
// for Polly-managed tokens the exact manage_auth call. It reads the same resolveConfig result as
// the Connector (src/connection/config.ts), so both always choose the same connection. Plain JSON
// results; nothing secret in them. A configured credential is checked with one cheap request
// (GET /v2/users, one page, not retried) so `connected: true` means Gong accepted it; `checked`
// says whether that request answered.
import { readTokenFile, tokenFilePath } from '../auth/token-store.js';
import { connectGongCall } from '../catalog/index.js';
import { envValue } from '../config/env.js';
import { AuthenticationError, GongError, PermissionError } from '../http/errors.js';
import { createPipeline } from '../pipeline/create.js';
import type { Transport } from '../transport/types.js';
import type { AccountStatus } from '../transport/scalekit-account.js';
import { resolveConfig, type Connection, type ResolvedConfig } from './config.js';
import type { ConnectorOptions } from './options.js';
import { NO_CREDENTIALS, openScalekitTransport, openTransport } from './transport.js';

export interface ScalekitAuthResult {
  transport: 'scalekit';
  connected: boolean;
  /** True when one request to Gong confirmed `connected`; false when none answered (see `check`). */
  checked: boolean;
  /** Why the credential was not checked with Gong. */
  check?: string;
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
  /** True when one request to Gong confirmed `connected`; false when none answered (see `check`). */
  checked: boolean;
  /** Why the credential was not checked with Gong. */
  check?: string;
  /** Where the credential comes from: GONG_ACCESS_TOKEN, GONG_ACCESS_KEY, options.…, token file. */
  source: string;
  base_url: string;
  scheme: 'bearer' | 'basic';
  token_file?: string;
  /** Where the login is kept with GONG_TOKEN_STORE=redis: Redis host:port and key (never the URL). */
  token_store?: string;
  expires_at?: string;
  refreshable?: boolean;
  note?: string;
  hint?: string;
}

export interface CustomTransportResult {
  transport: string;
  connected: boolean;
  /** True when one request to Gong confirmed `connected`; false when none answered (see `check`). */
  checked: boolean;
  /** Why the credential was not checked with Gong. */
  check?: string;
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

export interface AuthStatusOptions {
  /** Send the one checking request (default true); false reports the configuration only. */
  check?: boolean;
}

type Checked = { checked: boolean; check?: string; refused?: string };

/**
 * One cheap request through the connector's own pipeline (pacing, the daily budget, the token
 * refresh after a 401), not retried and waiting out no Retry-After. A 401 is a refused
 * credential; a 403 still proves Gong knows it (only the users scope is missing).
 */
async function checkWithGong(config: ResolvedConfig, transport: Transport): Promise<Checked> {
  const { client } = createPipeline({
    transport,
    policy: { ...config.policy, maxAttempts: 1, maxRetryAfterMs: 0 },
    clock: config.clock,
    hooks: config.hooks,
    limiterStore: config.limiterStore,
    debug: config.debug,
  });
  try {
    await client.request({ method: 'GET', path: '/v2/users', query: [], readOnly: true, tool: 'auth_status' }, { deadlineAt: config.clock.now() + config.policy.timeoutMs * 2, waitedMs: 0, requests: 0 });
    return { checked: true };
  } catch (error) {
    if (error instanceof AuthenticationError) return { checked: true, refused: `Gong refused the credential: ${error.message}${error.hint ? ` ${error.hint}` : ''}` };
    if (error instanceof PermissionError) return { checked: true };
    const why = error instanceof GongError ? error.message : 'the request failed';
    return { checked: false, check: `Not checked with Gong (${why}); connected means a credential is configured.` };
  }
}

const NOT_ASKED: Checked = { checked: false, check: 'Not checked with Gong (asked not to); connected means a credential is configured.' };

/** Fold the check into a result that was connected by configuration. */
function applyCheck<T extends { connected: boolean; checked: boolean; check?: string }>(result: T, checked: Checked, onRefused: (hint: string) => void): T {
  result.checked = checked.checked;
  if (checked.check !== undefined) result.check = checked.check;
  if (checked.refused !== undefined) {
    result.connected = false;
    onRefused(checked.refused);
  }
  return result;
}

const ALTERNATIVES = [
  'Set GONG_ACCESS_TOKEN (an OAuth bearer token), or GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (a Gong access key pair).',
  'Run `gong-connector auth login --client-id <id>` with GONG_CLIENT_SECRET set (your own Gong OAuth app).',
  'Configure Scalekit: SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET and GONG_IDENTIFIER.',
];

function authRequired(message: string): AuthRequiredResult {
  return { error: 'auth_required', message, hint: connectGongCall(), alternatives: ALTERNATIVES };
}

async function scalekitResult(config: ResolvedConfig, connection: Extract<Connection, { kind: 'scalekit' }>, connect: boolean, check: boolean): Promise<ScalekitAuthResult> {
  const { settings } = connection;
  const transport = await openScalekitTransport(config, settings);
  const status = await transport.accountStatus();
  const result: ScalekitAuthResult = {
    transport: 'scalekit',
    connected: status === 'ACTIVE',
    // An account that is not ACTIVE was checked with Scalekit, which is what decides it.
    checked: status !== 'ACTIVE',
    status,
    connection_name: settings.connectionName,
    identifier: settings.identifier,
  };
  if (settings.environmentUrl) result.environment_url = settings.environmentUrl;
  const limitations = transport.limitations();
  if (limitations.length > 0) result.limitations = limitations;
  if (status === 'ACTIVE') {
    applyCheck(result, check ? await checkWithGong(config, transport) : NOT_ASKED, (hint) => { result.next = hint; });
  } else {
    const link = await transport.fetchAuthorizationLink();
    if (link) result.authorization_link = link;
    result.next = connect
      ? 'Have the user open authorization_link and approve Gong, then run `gong-connector auth status`.'
      : 'Run `gong-connector auth connect` (or open authorization_link) to connect Gong.';
  }
  return result;
}

async function directResult(config: ResolvedConfig, direct: Extract<Connection, { kind: 'direct' }>, check: boolean): Promise<DirectAuthResult> {
  const { options, env } = config;
  const result: DirectAuthResult = {
    transport: 'direct',
    connected: true,
    checked: false,
    source: direct.credential.source,
    base_url: direct.baseUrl,
    scheme: direct.credential.scheme,
  };
  const secretSet = envValue(env.GONG_CLIENT_SECRET) !== undefined;
  if (direct.stored) {
    // The token as read when the credential was built: the file is read once.
    const { token, file, store } = direct.stored;
    if (store.kind === 'file') result.token_file = file;
    else result.token_store = file;
    result.expires_at = token.expires_at;
    result.refreshable = token.refresh_token !== undefined && token.refresh_rejected_at === undefined;
    const expired = Date.parse(token.expires_at) <= (options.clock?.now() ?? Date.now());
    const canRefresh = result.refreshable && secretSet;
    if (expired && !canRefresh) {
      result.connected = false;
      result.hint = result.refreshable
        ? 'The access token has expired: set GONG_CLIENT_SECRET so it can be refreshed, or run `gong-connector auth login` again.'
        : 'The access token has expired: run `gong-connector auth login` again.';
    } else if (result.refreshable && !secretSet) {
      result.note = 'GONG_CLIENT_SECRET is not set: the token cannot be refreshed when it expires.';
    }
  } else {
    const file = tokenFilePath(options, env);
    if (await readTokenFile(file).catch(() => undefined)) {
      result.note = `A token file from \`auth login\` exists at ${file}, but ${direct.credential.source} takes precedence over it.`;
    }
  }
  if (!result.connected) {
    result.check = 'Not checked with Gong: the stored token cannot be used as it is.';
    return result;
  }
  return applyCheck(result, check ? await checkConnection(config) : NOT_ASKED, (hint) => { result.hint = hint; });
}

async function checkConnection(config: ResolvedConfig): Promise<Checked> {
  const transport = await openTransport(config);
  try {
    return await checkWithGong(config, transport);
  } finally {
    await transport.close?.();
  }
}

async function resolveResult(options: ConnectorOptions = {}, connect: boolean, check: boolean): Promise<AuthResult> {
  const config = resolveConfig(options, options.env ?? process.env);
  const connection = await config.connection();
  switch (connection.kind) {
    case 'custom': {
      const { transport } = connection;
      const result: CustomTransportResult = { transport: transport.kind, connected: true, checked: false, description: transport.describe() };
      const limitations = transport.limitations?.() ?? [];
      if (limitations.length > 0) result.limitations = limitations;
      return applyCheck(result, check ? await checkWithGong(config, transport) : NOT_ASKED, (hint) => { result.description = `${result.description}; ${hint}`; });
    }
    case 'scalekit':
      return scalekitResult(config, connection, connect, check);
    case 'direct':
      return directResult(config, connection, check);
    case 'none':
      return authRequired(NO_CREDENTIALS);
  }
}

/** Which connection would be used and whether it is usable; for Scalekit the account status. */
export function authStatus(options?: ConnectorOptions, status: AuthStatusOptions = {}): Promise<AuthResult> {
  return resolveResult(options, false, status.check ?? true);
}

/** Like authStatus, phrased as the next step to connect: the authorization link or the manage_auth call. */
export function authConnect(options?: ConnectorOptions, status: AuthStatusOptions = {}): Promise<AuthResult> {
  return resolveResult(options, true, status.check ?? true);
}

/** True when the result describes a usable connection. */
export function isConnected(result: AuthResult): boolean {
  return !('error' in result) && result.connected;
}
