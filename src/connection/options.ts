// Connector options: everything a caller may set, validated once (src/connection/config.ts).
// Unknown keys are rejected so a typo never silently falls back to a default.
import type { Dispatcher } from 'undici';
import type { Env } from '../config/env.js';
import type { Transport } from '../transport/types.js';
import type { ScalekitActionsLike } from '../transport/scalekit-actions.js';
import type { Clock } from '../http/clock.js';
import type { LimiterStore } from '../state/limiter/types.js';
import type { RedisCommands } from '../state/redis.js';
import type { RequestHooks } from '../pipeline/hooks.js';
import { ConfigurationError } from '../http/errors.js';
import { closestNames } from '../util/suggest.js';

export interface ScalekitOptions {
  environmentUrl?: string;
  clientId?: string;
  clientSecret?: string;
  connectionName?: string;
  identifier?: string;
  /** An existing `actions` client (tests, or an app that already holds a ScalekitClient). */
  actions?: ScalekitActionsLike;
}

export interface ConnectorOptions {
  /** `direct`, `scalekit`, or a ready Transport (tests, custom proxies). */
  transport?: 'direct' | 'scalekit' | Transport;
  accessToken?: string;
  accessKey?: string;
  accessKeySecret?: string;
  baseUrl?: string;
  scalekit?: ScalekitOptions;
  /** Client-side pacing; default GONG_RATE_LIMIT_PER_SECOND or 3. */
  rateLimitPerSecond?: number;
  /** Daily request budget; default GONG_DAILY_LIMIT or 10000. */
  dailyLimit?: number;
  /** Per-request timeout (ms), default 60 000. */
  timeoutMs?: number;
  /** Total deadline for one tool call including retries and waits (ms), default 10 minutes. */
  deadlineMs?: number;
  /** The longest Retry-After the connector waits out inside a call (ms), default 60 000. */
  maxRetryAfterMs?: number;
  /** Attempts per request for retryable failures, default 4. */
  maxAttempts?: number;
  /** Largest accepted response body (bytes), default 64 MiB. */
  maxResponseBytes?: number;
  hooks?: RequestHooks;
  /** Environment to read (default process.env). */
  env?: Env;
  /** undici dispatcher for the direct transport (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  clock?: Clock;
  limiterStore?: LimiterStore;
  /**
   * Redis shared by every machine of a fleet for the limiter's state: a `redis://` URL, or your own
   * client (anything with `sendCommand(args: string[])`, e.g. a node-redis client). Default
   * GONG_REDIS_URL.
   */
  redis?: string | RedisCommands;
  /** Token file for `auth login` credentials (default under the user's config directory). */
  tokenFile?: string;
  /**
   * The folder upload tools may read files from (default GONG_UPLOAD_DIR, else the current
   * directory); false turns uploads off (the MCP server does so unless GONG_UPLOAD_DIR is set).
   */
  uploadDir?: string | false;
}

/** Per-call options, accepted by `executeTool` beside the connector options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Build and return the requests without sending anything. */
  dryRun?: boolean;
  /** Follow every cursor to the end (the CLI's --all). */
  all?: boolean;
  /** Called after each Gong page with the running totals (progress lines, metrics). */
  onProgress?: (progress: { pages: number; records: number }) => void;
}

export type ExecuteOptions = ConnectorOptions & CallOptions;

const CONNECTOR_KEYS: ReadonlyArray<keyof ConnectorOptions> = [
  'transport', 'accessToken', 'accessKey', 'accessKeySecret', 'baseUrl', 'scalekit',
  'rateLimitPerSecond', 'dailyLimit', 'timeoutMs', 'deadlineMs', 'maxRetryAfterMs', 'maxAttempts',
  'maxResponseBytes', 'hooks', 'env', 'dispatcher', 'clock', 'limiterStore', 'redis', 'tokenFile',
  'uploadDir',
];
const CALL_KEYS: ReadonlyArray<keyof CallOptions> = ['signal', 'dryRun', 'all', 'onProgress'];
const SCALEKIT_KEYS: ReadonlyArray<keyof ScalekitOptions> = [
  'environmentUrl', 'clientId', 'clientSecret', 'connectionName', 'identifier', 'actions',
];

function rejectUnknown(value: object, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const near = closestNames(key, allowed);
      throw new ConfigurationError({
        message: `Unknown option '${where}${key}'.${near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : ''}`,
        field: `${where}${key}`,
        hint: `Known options: ${allowed.join(', ')}.`,
      });
    }
  }
}

function positive(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    throw new ConfigurationError({ message: `Option '${name}' must be a positive number.`, field: name });
  }
}

/** Per-call options only (Connector.executeTool): a connector option here would be silently ignored. */
export function checkCallOptions(options: CallOptions | undefined): CallOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new ConfigurationError({ message: 'Call options must be an object.' });
  for (const key of Object.keys(options)) {
    if ((CONNECTOR_KEYS as readonly string[]).includes(key)) {
      throw new ConfigurationError({
        message: `'${key}' is a connector option, not a per-call option.`,
        field: key,
        hint: `Pass it to createConnector({ ${key}: … }); per call only ${CALL_KEYS.join(', ')} apply.`,
      });
    }
  }
  return splitOptions(options).call;
}

/** Validate option keys and value types; returns the connector part and the call part. */
export function splitOptions(options: ExecuteOptions | undefined, allowCall = true): {
  connector: ConnectorOptions;
  call: CallOptions;
} {
  if (options === undefined) return { connector: {}, call: {} };
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError({ message: 'Options must be an object.' });
  }
  rejectUnknown(options, allowCall ? [...CONNECTOR_KEYS, ...CALL_KEYS] : CONNECTOR_KEYS, '');
  if (options.scalekit !== undefined) rejectUnknown(options.scalekit, SCALEKIT_KEYS, 'scalekit.');
  for (const key of ['rateLimitPerSecond', 'dailyLimit', 'timeoutMs', 'deadlineMs', 'maxAttempts', 'maxResponseBytes'] as const) {
    positive(options[key], key);
  }
  if (options.maxRetryAfterMs !== undefined && (typeof options.maxRetryAfterMs !== 'number' || options.maxRetryAfterMs < 0)) {
    throw new ConfigurationError({ message: "Option 'maxRetryAfterMs' must be a number ≥ 0.", field: 'maxRetryAfterMs' });
  }
  if (options.uploadDir !== undefined && options.uploadDir !== false && (typeof options.uploadDir !== 'string' || options.uploadDir.trim() === '')) {
    throw new ConfigurationError({ message: "Option 'uploadDir' must be a folder path or false (uploads off).", field: 'uploadDir' });
  }
  const redis: unknown = options.redis;
  if (redis !== undefined && !(typeof redis === 'string' && redis.trim() !== '') && !(redis !== null && typeof redis === 'object' && typeof (redis as RedisCommands).sendCommand === 'function')) {
    throw new ConfigurationError({ message: "Option 'redis' must be a redis:// URL or a client with sendCommand(args).", field: 'redis' });
  }
  const connector: ConnectorOptions = {};
  const call: CallOptions = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if ((CALL_KEYS as readonly string[]).includes(key)) (call as Record<string, unknown>)[key] = value;
    else (connector as Record<string, unknown>)[key] = value;
  }
  return { connector, call };
}
