// A Redis URL as the connector handles it: its password (and the whole URL) registered with the
// redaction guard before anything can print it, and a `host:port` that messages may name instead.
import { ConfigurationError } from '../http/errors.js';
import { registerSecret } from '../http/redact.js';

export interface RedisTarget {
  /** The URL to connect to; registered as a secret, never printed. */
  url: string;
  /** `host:port`, for messages. */
  where: string;
}

/** Check a redis:// or rediss:// URL and register its secrets. `source` names where it came from. */
export function parseRedisUrl(raw: string, source = 'GONG_REDIS_URL'): RedisTarget {
  const url = raw.trim();
  registerSecret(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError({
      message: `${source} is not a URL.`,
      field: source,
      hint: 'Use redis://[user:password@]host[:port][/db], or rediss:// for TLS.',
    });
  }
  if (parsed.password !== '') {
    registerSecret(parsed.password);
    registerSecret(safeDecode(parsed.password));
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigurationError({
      message: `${source} must start with redis:// or rediss://.`,
      field: source,
      hint: 'Use redis://[user:password@]host[:port][/db], or rediss:// for TLS.',
    });
  }
  return { url, where: `${parsed.hostname}:${parsed.port || '6379'}` };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
