// Resolves options + environment into one transport and its policies. Precedence: options passed
// in code, then the environment, then the `auth login` token file. Two different credentials at
// the same level are a configuration error that names both.
import type { Credential } from '../auth/credentials.js';
import { basicCredential, bearerCredential } from '../auth/credentials.js';
import { AuthRequiredError, ConfigurationError } from '../http/errors.js';
import type { Transport } from '../transport/types.js';
import type { ScalekitBuildSettings, ScalekitTransport } from '../transport/scalekit.js';
import { resolveScalekitSettings } from './scalekit-settings.js';
import type { ConnectorOptions } from './options.js';
import { envValue, type Env } from './env.js';
import { parseServiceUrl } from './urls.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';

import {
  DEFAULT_BASE_URL,
  DEFAULT_DAILY_LIMIT,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RATE_LIMIT_PER_SECOND,
  DEFAULT_TIMEOUT_MS,
} from './defaults.js';

// Re-exported for existing importers; the value lives in defaults.ts.

export interface ResolvedPolicy {
  rateLimitPerSecond: number;
  dailyLimit: number;
  timeoutMs: number;
  deadlineMs: number;
  maxRetryAfterMs: number;
  maxAttempts: number;
  maxResponseBytes: number;
}

function numberFromEnv(env: Env, name: string): number | undefined {
  const raw = envValue(env[name]);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new ConfigurationError({ message: `${name} must be a positive number (got '${raw}').`, field: name });
  }
  return n;
}

export function resolvePolicy(options: ConnectorOptions, env: Env): ResolvedPolicy {
  return {
    rateLimitPerSecond: options.rateLimitPerSecond ?? numberFromEnv(env, 'GONG_RATE_LIMIT_PER_SECOND') ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    dailyLimit: options.dailyLimit ?? numberFromEnv(env, 'GONG_DAILY_LIMIT') ?? DEFAULT_DAILY_LIMIT,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}

/** Validate and normalise the API base URL: the service-URL rule, and the host only (or /v2). */
export function normaliseBaseUrl(raw: string, source: string): string {
  return parseServiceUrl(raw, {
    source,
    example: `Use e.g. ${DEFAULT_BASE_URL} or your company's https://<id>.api.gong.io host.`,
    paths: { allowed: ['', '/v2'], why: 'must be the API host only (paths /v2/... are appended)' },
  }).origin;
}

export interface DirectSettings {
  baseUrl: string;
  credential: Credential;
}

interface Candidate {
  credential: Credential;
  level: number;
  label: string;
}

/** Direct credentials, or undefined when none is configured. */
export async function resolveDirect(options: ConnectorOptions, env: Env): Promise<DirectSettings | undefined> {
  const found: Candidate[] = [];
  if (options.accessToken !== undefined) found.push({ level: 0, label: 'options.accessToken', credential: bearerCredential(options.accessToken, 'options.accessToken') });
  if (options.accessKey !== undefined || options.accessKeySecret !== undefined) {
    if (!options.accessKey || !options.accessKeySecret) {
      throw new ConfigurationError({ message: 'options.accessKey and options.accessKeySecret must be given together.', field: 'accessKey' });
    }
    found.push({ level: 0, label: 'options.accessKey/accessKeySecret', credential: basicCredential(options.accessKey, options.accessKeySecret, 'options.accessKey') });
  }
  const envToken = envValue(env.GONG_ACCESS_TOKEN);
  const envKey = envValue(env.GONG_ACCESS_KEY);
  const envSecret = envValue(env.GONG_ACCESS_KEY_SECRET);
  if (envToken) found.push({ level: 1, label: 'GONG_ACCESS_TOKEN', credential: bearerCredential(envToken, 'GONG_ACCESS_TOKEN') });
  if (envKey || envSecret) {
    if (!envKey || !envSecret) {
      throw new ConfigurationError({
        message: `${envKey ? 'GONG_ACCESS_KEY' : 'GONG_ACCESS_KEY_SECRET'} is set without ${envKey ? 'GONG_ACCESS_KEY_SECRET' : 'GONG_ACCESS_KEY'}.`,
        field: envKey ? 'GONG_ACCESS_KEY_SECRET' : 'GONG_ACCESS_KEY',
        hint: 'Set both halves of the Gong access key pair.',
      });
    }
    found.push({ level: 1, label: 'GONG_ACCESS_KEY/GONG_ACCESS_KEY_SECRET', credential: basicCredential(envKey, envSecret, 'GONG_ACCESS_KEY') });
  }
  let baseUrlFromStore: string | undefined;
  if (found.length === 0) {
    const { loadStoredCredential } = await import('../auth/stored.js');
    const stored = await loadStoredCredential(options, env);
    if (stored) {
      found.push({ level: 2, label: 'token file', credential: stored.credential });
      baseUrlFromStore = stored.baseUrl;
    }
  }
  if (found.length === 0) return undefined;
  const top = found.filter((c) => c.level === found[0]!.level);
  if (top.length > 1) {
    throw new ConfigurationError({
      message: `Conflicting Gong credentials: both ${top[0]!.label} and ${top[1]!.label} are set; ${top[0]!.label} would win, so the other would be silently ignored.`,
      hint: `Unset one of them (or set GONG_TRANSPORT). Credentials passed in code override the environment, which overrides the token file.`,
    });
  }
  const chosen = top[0]!;
  const baseSource = options.baseUrl !== undefined ? 'options.baseUrl' : envValue(env.GONG_API_BASE_URL) ? 'GONG_API_BASE_URL' : undefined;
  const rawBase = options.baseUrl ?? envValue(env.GONG_API_BASE_URL) ?? baseUrlFromStore ?? DEFAULT_BASE_URL;
  return { baseUrl: normaliseBaseUrl(rawBase, baseSource ?? 'the API base URL'), credential: chosen.credential };
}

export function hasScalekitSettings(options: ConnectorOptions, env: Env): boolean {
  if (options.scalekit?.actions) return true;
  const url = options.scalekit?.environmentUrl ?? envValue(env.SCALEKIT_ENVIRONMENT_URL) ?? envValue(env.SCALEKIT_ENV_URL);
  const id = options.scalekit?.clientId ?? envValue(env.SCALEKIT_CLIENT_ID);
  const secret = options.scalekit?.clientSecret ?? envValue(env.SCALEKIT_CLIENT_SECRET);
  return Boolean(url && id && secret);
}

export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (node ${process.versions.node})`;

/** The transport asked for by name (options, else GONG_TRANSPORT); undefined to choose by credentials. */
export function requestedTransport(options: ConnectorOptions, env: Env): 'direct' | 'scalekit' | undefined {
  if (typeof options.transport === 'string') return options.transport;
  const requested = envValue(env.GONG_TRANSPORT);
  if (requested !== undefined && requested !== 'direct' && requested !== 'scalekit') {
    throw new ConfigurationError({ message: `GONG_TRANSPORT must be 'direct' or 'scalekit' (got '${requested}').`, field: 'GONG_TRANSPORT' });
  }
  return requested;
}

/** Build the Scalekit transport from options and environment (see scalekit-settings.ts). */
export async function createScalekitTransport(options: ConnectorOptions, env: Env, resolved: ScalekitBuildSettings): Promise<ScalekitTransport> {
  const { buildScalekitTransport } = await import('../transport/scalekit.js');
  return buildScalekitTransport(resolveScalekitSettings(options, env), resolved);
}

/** Pick and build the transport (DESIGN §3 `GONG_TRANSPORT`), with the policy resolved already. */
export async function resolveTransport(options: ConnectorOptions, env: Env, policy: ResolvedPolicy = resolvePolicy(options, env)): Promise<Transport> {
  if (options.transport !== undefined && typeof options.transport === 'object') return options.transport;
  const requested = requestedTransport(options, env);
  if (requested === 'scalekit' || (requested === undefined && !(await hasDirect(options, env)) && hasScalekitSettings(options, env))) {
    return createScalekitTransport(options, env, { timeoutMs: policy.timeoutMs, maxResponseBytes: policy.maxResponseBytes, debug: options.hooks?.onDebug });
  }
  const direct = await resolveDirect(options, env);
  if (!direct) {
    throw new AuthRequiredError({
      message: 'No Gong credentials are configured.',
      hint: `Connect Gong with manage_auth(action="connect", integration_id="gong", auth_env="GONG_ACCESS_TOKEN"), set GONG_ACCESS_TOKEN or GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, run \`gong-connector auth login\`, or configure Scalekit (SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET, GONG_IDENTIFIER). To try it without Gong: \`gong-connector call <tool> --sandbox\`.`,
    });
  }
  const { DirectTransport } = await import('../transport/direct.js');
  return new DirectTransport({ baseUrl: direct.baseUrl, credential: direct.credential, userAgent: USER_AGENT, dispatcher: options.dispatcher });
}

async function hasDirect(options: ConnectorOptions, env: Env): Promise<boolean> {
  return (await resolveDirect(options, env)) !== undefined;
}
