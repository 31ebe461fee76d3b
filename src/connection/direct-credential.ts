// The direct transport's credential and API host. Precedence: options passed in code, then the
// environment, then the `auth login` token file. Two different credentials at the same level are
// a configuration error that names both. Built once per connector (src/connection/config.ts).
import type { Credential } from '../auth/credentials.js';
import { basicCredential, bearerCredential } from '../auth/credentials.js';
import type { StoredCredential, StoredCredentialOptions } from '../auth/stored.js';
import { DEFAULT_BASE_URL } from '../config/defaults.js';
import { envValue, type Env } from '../config/env.js';
import { explicitBaseUrl, normaliseBaseUrl } from '../config/urls.js';
import { ConfigurationError } from '../http/errors.js';
import type { ConnectorOptions } from './options.js';

export interface DirectSettings {
  baseUrl: string;
  credential: Credential;
  /** Set when the credential came from the `auth login` token file. */
  stored?: StoredCredential | undefined;
}

/** Reads the `auth login` token file (auth/stored.ts); a parameter so the one read can be counted. */
export type StoredCredentialLoader = (options: StoredCredentialOptions, env: Env) => Promise<StoredCredential | undefined>;

interface Candidate {
  credential: Credential;
  level: number;
  label: string;
}

const loadStored: StoredCredentialLoader = async (options, env) =>
  (await import('../auth/stored.js')).loadStoredCredential(options, env);

/** Direct credentials, or undefined when none is configured. */
export async function resolveDirect(options: ConnectorOptions, env: Env, load: StoredCredentialLoader = loadStored): Promise<DirectSettings | undefined> {
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
  const explicit = explicitBaseUrl(options.baseUrl, env);
  let stored: StoredCredential | undefined;
  if (found.length === 0) {
    const clock = options.clock;
    stored = await load({ tokenFile: options.tokenFile, baseUrl: explicit, now: clock ? () => clock.now() : undefined }, env);
    if (stored) found.push({ level: 2, label: 'token file', credential: stored.credential });
  }
  if (found.length === 0) return undefined;
  const top = found.filter((c) => c.level === found[0]!.level);
  if (top.length > 1) {
    throw new ConfigurationError({
      message: `Conflicting Gong credentials: both ${top[0]!.label} and ${top[1]!.label} are set; ${top[0]!.label} would win, so the other would be silently ignored.`,
      hint: `Unset one of them (or set GONG_TRANSPORT). Credentials passed in code override the environment, which overrides the token file.`,
    });
  }
  const rawBase = explicit?.value ?? stored?.baseUrl ?? DEFAULT_BASE_URL;
  return { baseUrl: normaliseBaseUrl(rawBase, explicit?.source ?? 'the API base URL'), credential: top[0]!.credential, stored };
}
