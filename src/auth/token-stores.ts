// Where the `auth login` tokens live: the token file (one machine; the default) or Redis (many
// machines share one rotating refresh token: GONG_TOKEN_STORE=redis with GONG_REDIS_URL). Both
// offer the same single-flight update: the refresh runs alone (a file lock, or a Redis lock), sees
// the token as stored now, and its result is written only if the stored refresh token is still
// the one it redeemed (compare-and-set), so a refresh can never overwrite a newer login.
import { envValue, type Env } from '../config/env.js';
import { ConfigurationError } from '../http/errors.js';
import { deleteTokenFile, readTokenFile, tokenFilePath, withTokenLock, writeTokenFile } from './token-store.js';
import { stillReplaces, type TokenStore } from './token-store-contract.js';

export type { TokenStore, TokenUpdate } from './token-store-contract.js';

export function fileTokenStore(path: string): TokenStore {
  return {
    kind: 'file',
    location: path,
    read: () => readTokenFile(path),
    save: (token) => writeTokenFile(path, token),
    remove: () => deleteTokenFile(path),
    update: (fn) =>
      withTokenLock(path, async () => {
        const update = await fn(await readTokenFile(path));
        if (update === undefined) return readTokenFile(path);
        // A login written meanwhile without the lock (`auth login`) wins over this refresh.
        const now = await readTokenFile(path);
        if (!stillReplaces(now, update)) return now;
        await writeTokenFile(path, update.write);
        return update.write;
      }),
  };
}

export type TokenStoreKind = 'file' | 'redis';

/** GONG_TOKEN_STORE: `file` (default) or `redis` (needs GONG_REDIS_URL). */
export function tokenStoreKind(env: Env): TokenStoreKind {
  const raw = envValue(env.GONG_TOKEN_STORE)?.toLowerCase() ?? 'file';
  if (raw !== 'file' && raw !== 'redis') {
    throw new ConfigurationError({ message: `GONG_TOKEN_STORE must be file or redis, not ${JSON.stringify(raw.slice(0, 20))}.`, field: 'GONG_TOKEN_STORE' });
  }
  if (raw === 'redis' && envValue(env.GONG_REDIS_URL) === undefined) {
    throw new ConfigurationError({
      message: 'GONG_TOKEN_STORE=redis needs GONG_REDIS_URL (the Redis that every machine shares).',
      field: 'GONG_REDIS_URL',
      hint: 'Set GONG_REDIS_URL=redis://[user:password@]host:port, or unset GONG_TOKEN_STORE to keep the login in the token file.',
    });
  }
  return raw;
}

/** The store `auth login`, the credential, `auth status` and `auth logout` use. */
export async function tokenStoreFor(options: { tokenFile?: string | undefined }, env: Env): Promise<TokenStore> {
  if (tokenStoreKind(env) === 'file') return fileTokenStore(tokenFilePath(options, env));
  return (await import('./redis-token-store.js')).redisTokenStoreFromEnv(env);
}
