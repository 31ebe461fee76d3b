// The environment variables that hold credentials, learnt by the redaction guard (src/http/redact.ts)
// before anything can be printed or thrown. Read through envValue like every other variable.
import { registerKeyPair, registerSecret } from '../http/redact.js';
import { envValue, type Env } from './env.js';

/** Environment variables that hold credentials. */
export const SECRET_ENV_VARS = [
  'GONG_ACCESS_TOKEN',
  'GONG_ACCESS_KEY',
  'GONG_ACCESS_KEY_SECRET',
  'GONG_REFRESH_TOKEN',
  'GONG_CLIENT_SECRET',
  'SCALEKIT_CLIENT_SECRET',
] as const;

export function registerEnvSecrets(env: Env): void {
  // The raw value too: registerSecret keeps its untrimmed and trimmed forms.
  for (const name of SECRET_ENV_VARS) registerSecret(env[name]);
  const key = envValue(env.GONG_ACCESS_KEY);
  const secret = envValue(env.GONG_ACCESS_KEY_SECRET);
  if (key && secret) registerKeyPair(key, secret);
  registerUrlSecrets(envValue(env.GONG_REDIS_URL));
}

/** A URL that may carry a password (GONG_REDIS_URL): the whole URL and its password. */
function registerUrlSecrets(url: string | undefined): void {
  if (url === undefined) return;
  registerSecret(url);
  try {
    const password = new URL(url).password;
    registerSecret(password);
    registerSecret(decodeURIComponent(password));
  } catch {
    // not a URL: refused with a message that does not repeat it (src/state/redis-url.ts)
  }
}
