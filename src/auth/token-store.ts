// The `auth login` token file: JSON, mode 0600 in a 0700 directory, replaced atomically (write a
// temp file, fsync, rename) so a crash never leaves half a refresh token — Gong's refresh tokens
// are single-use, so losing the rotated one loses the connection. It never holds the client
// secret. A lock file (src/state/file-lock.ts) serialises refreshes across processes.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError } from '../http/errors.js';
import { envValue, type Env } from '../config/env.js';
import { parseServiceUrl } from '../config/urls.js';
import { withFileLock } from '../state/file-lock.js';

export interface StoredToken {
  version: 1;
  access_token: string;
  refresh_token?: string;
  /** ISO 8601. */
  expires_at: string;
  scopes: string[];
  api_base_url_for_customer: string;
  client_id: string;
  /** The token endpoint that issued the refresh token (refreshes go back to it). */
  token_url: string;
  saved_at: string;
  /**
   * ISO 8601: when Gong answered invalid_grant to this refresh token. Nobody redeems it again; the
   * login is dead until `auth login` (single-use refresh tokens: a retry can only fail again).
   */
  refresh_rejected_at?: string;
}

/** `tokenFile` option, else GONG_TOKEN_FILE, else ${XDG_CONFIG_HOME:-~/.config}/gong-connector/token.json. */
export function tokenFilePath(options: { tokenFile?: string | undefined }, env: Env): string {
  const explicit = options.tokenFile ?? envValue(env.GONG_TOKEN_FILE);
  if (explicit !== undefined) return resolve(explicit);
  const xdg = envValue(env.XDG_CONFIG_HOME);
  const base = xdg && isAbsolute(xdg) ? xdg : join(envValue(env.HOME) ?? homedir(), '.config');
  return join(base, 'gong-connector', 'token.json');
}

// `where`: a file path, or the Redis token store's description (src/auth/redis-token-store.ts).
const invalid = (where: string, why: string) =>
  new ConfigurationError({
    message: `The ${isAbsolute(where) ? 'token file ' : ''}${where} is not usable: ${why}.`,
    field: isAbsolute(where) ? 'GONG_TOKEN_FILE' : 'GONG_TOKEN_STORE',
    hint: 'Run `gong-connector auth login` again (or `auth logout` to remove it).',
  });

/** A stored login checked like the token file (also for the Redis token store); `where` names it. */
export function validate(where: string, value: unknown): StoredToken {
  const path = where;
  if (value === null || typeof value !== 'object') throw invalid(path, 'not a JSON object');
  const t = value as Record<string, unknown>;
  const str = (k: string) => typeof t[k] === 'string' && (t[k] as string) !== '';
  for (const key of ['access_token', 'expires_at', 'api_base_url_for_customer', 'client_id', 'token_url']) {
    if (!str(key)) throw invalid(path, `'${key}' is missing`);
  }
  // The refresh sends the client secret and refresh token here: the same rule as the API host.
  try {
    parseServiceUrl(t.token_url as string, { source: 'token_url' });
  } catch {
    throw invalid(path, "'token_url' is not an https URL (or http on a loopback host) without credentials");
  }
  if (Number.isNaN(Date.parse(t.expires_at as string))) throw invalid(path, "'expires_at' is not a date");
  if (t.refresh_token !== undefined && !str('refresh_token')) throw invalid(path, "'refresh_token' is empty");
  const scopes = Array.isArray(t.scopes) ? t.scopes.filter((s): s is string => typeof s === 'string') : [];
  const token: StoredToken = {
    version: 1,
    access_token: t.access_token as string,
    expires_at: t.expires_at as string,
    scopes,
    api_base_url_for_customer: t.api_base_url_for_customer as string,
    client_id: t.client_id as string,
    token_url: t.token_url as string,
    saved_at: typeof t.saved_at === 'string' ? t.saved_at : '',
  };
  if (str('refresh_token')) token.refresh_token = t.refresh_token as string;
  if (str('refresh_rejected_at')) token.refresh_rejected_at = t.refresh_rejected_at as string;
  return token;
}

/** The stored token, or undefined when there is no file. */
export async function readTokenFile(path: string): Promise<StoredToken | undefined> {
  let text: string;
  try {
    if (process.platform !== 'win32') {
      const mode = (await stat(path)).mode & 0o777;
      // Like ssh: a token file others can read is refused rather than used.
      if ((mode & 0o077) !== 0) {
        throw new ConfigurationError({
          message: `The token file ${path} is readable by other users (mode ${mode.toString(8)}).`,
          field: 'GONG_TOKEN_FILE',
          hint: `Run \`chmod 600 ${path}\`, or \`gong-connector auth login\` again.`,
        });
      }
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(path, 'not valid JSON');
  }
  return validate(path, parsed);
}

/** Replace the token file atomically with mode 0600. */
export async function writeTokenFile(path: string, token: StoredToken): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.token-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(token, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600); // the umask cannot widen it, but a narrower umask must not matter either
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Remove the token file; true when one existed. */
export async function deleteTokenFile(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Run `fn` holding `${path}.lock` (src/state/file-lock.ts), so two processes never refresh the same
 * token at once. A crashed holder's lock is taken over at once (its pid is gone); a lock of a
 * holder that stopped renewing it, after a minute (as long as before, for older versions' locks).
 */
export function withTokenLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  return withFileLock(`${path}.lock`, fn, { staleMs: 60_000, waitMs: 30_000, what: 'the token file' });
}
