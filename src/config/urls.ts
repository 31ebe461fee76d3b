// The one rule for every URL the connector sends credentials to (the Gong API host, Gong's OAuth
// host, the Scalekit environment): https, or plain http only on a loopback host (tests, the
// sandbox); no credentials, query or fragment. Which paths are allowed differs per use, so the
// caller states it.
import { ConfigurationError } from '../http/errors.js';
import { DEFAULT_BASE_URL } from './defaults.js';
import { envValue, type Env } from './env.js';

// 127.0.0.0/8, localhost and [::1]: traffic that never leaves this machine.
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

export interface ServiceUrlRule {
  /** The setting's name, used in messages and as the error's field (e.g. GONG_API_BASE_URL). */
  source: string;
  /** The hint when the value is not a URL at all. */
  example?: string | undefined;
  /** When set, the only paths allowed (without trailing slashes, '' for none), and why. */
  paths?: { allowed: readonly string[]; why: string } | undefined;
}

export interface ServiceUrl {
  origin: string;
  /** The path without trailing slashes ('' for none). */
  path: string;
}

/** Parse and check a service URL; throws a ConfigurationError naming the setting and the problem. */
export function parseServiceUrl(raw: string, rule: ServiceUrlRule): ServiceUrl {
  const { source } = rule;
  const fail = (message: string, hint?: string) => new ConfigurationError({ message: `${source} ${message}`, field: source, hint });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail(`is not a URL: '${raw}'.`, rule.example);
  }
  if (url.username || url.password) throw fail('must not contain credentials.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw fail('must use https (http is allowed only for loopback hosts).');
  }
  if (url.search || url.hash) throw fail('must not have a query or fragment.');
  const path = url.pathname.replace(/\/+$/, '');
  if (rule.paths && !rule.paths.allowed.includes(path)) throw fail(`${rule.paths.why}, got path '${url.pathname}'.`);
  return { origin: url.origin, path };
}

/** Validate and normalise the API base URL: the service-URL rule, and the host only (or /v2). */
export function normaliseBaseUrl(raw: string, source: string): string {
  return parseServiceUrl(raw, {
    source,
    example: `Use e.g. ${DEFAULT_BASE_URL} or your company's https://<id>.api.gong.io host.`,
    paths: { allowed: ['', '/v2'], why: 'must be the API host only (paths /v2/... are appended)' },
  }).origin;
}

/** A base URL someone set explicitly, and where: the option passed in code, else GONG_API_BASE_URL. */
export interface BaseUrlSetting {
  value: string;
  source: 'options.baseUrl' | 'GONG_API_BASE_URL';
}

/** The one precedence rule for an explicitly set API host; undefined when neither is set. */
export function explicitBaseUrl(option: string | undefined, env: Env): BaseUrlSetting | undefined {
  if (option !== undefined) return { value: option, source: 'options.baseUrl' };
  const fromEnv = envValue(env.GONG_API_BASE_URL);
  return fromEnv === undefined ? undefined : { value: fromEnv, source: 'GONG_API_BASE_URL' };
}

/** The Scalekit environment URL (the service-URL rule; a path is kept), without trailing slashes. */
export function normaliseEnvironmentUrl(raw: string, source: string): string {
  const { origin, path } = parseServiceUrl(raw, { source, example: 'Use your Scalekit environment URL, e.g. https://<org>.scalekit.com.' });
  return `${origin}${path}`;
}
