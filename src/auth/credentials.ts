// Credentials for the direct transport. A credential produces the Authorization header on demand
// and is never serialised: its secret lives in a closure, not in an enumerable property.
import { createHash } from 'node:crypto';
import { registerKeyPair, registerSecret } from '../http/redact.js';

export interface Credential {
  readonly scheme: 'bearer' | 'basic';
  /** Where it came from, for messages: e.g. `GONG_ACCESS_TOKEN`, `options.accessKey`, `token file`. */
  readonly source: string;
  authorization(): Promise<string>;
  /** Called once after a 401; true when a fresh credential is available (OAuth refresh). */
  refresh?(): Promise<boolean>;
  /** A short non-reversible fingerprint to tell companies apart in the limiter. */
  fingerprint(): string;
  toJSON(): { scheme: string; source: string };
}

const fingerprintOf = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 12);

export function bearerCredential(token: string, source: string): Credential {
  registerSecret(token);
  const header = `Bearer ${token}`;
  const fp = fingerprintOf(token);
  return {
    scheme: 'bearer',
    source,
    authorization: async () => header,
    fingerprint: () => fp,
    toJSON: () => ({ scheme: 'bearer', source }),
  };
}

export function basicCredential(accessKey: string, accessKeySecret: string, source: string): Credential {
  registerKeyPair(accessKey, accessKeySecret);
  const header = `Basic ${Buffer.from(`${accessKey}:${accessKeySecret}`).toString('base64')}`;
  const fp = fingerprintOf(accessKey);
  return {
    scheme: 'basic',
    source,
    authorization: async () => header,
    fingerprint: () => fp,
    toJSON: () => ({ scheme: 'basic', source }),
  };
}
