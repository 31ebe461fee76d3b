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
}
