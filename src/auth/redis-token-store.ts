// The `auth login` tokens in Redis, for many machines sharing one login (GONG_TOKEN_STORE=redis):
// every machine refreshes the same single-use refresh token, so the refresh is single-flight
// across them: `SET lock <random> NX PX` → re-read the token → refresh only if it is still due →
// write it with a compare-and-set script (only if the stored refresh token is still the one
// redeemed) → release with compare-and-delete. Waiters poll the lock, then re-read. The lock is
// for efficiency; the single-use refresh token is the fence (a second redemption fails), and the
// compare-and-set keeps a late writer from overwriting a newer token.
//
// Keys, one login per company and OAuth app (the hash tag keeps a login's keys in one Redis
// Cluster slot): `gong-connector:oauth:{<id>}:token` (the token JSON: never the client secret)
// and `…:lock`, where <id> hashes client_id@api_base_url_for_customer; `gong-connector:oauth:current`
// names the id of the latest `auth login`, which processes that start without a token use.
import { createHash, randomBytes } from 'node:crypto';
import { envValue, type Env } from '../config/env.js';
import { ConfigurationError } from '../http/errors.js';
import { registerSecret } from '../http/redact.js';
import { defineLua, openRedis, type SharedRedis } from '../state/redis.js';
import { parseRedisUrl } from '../state/redis-url.js';
import { validate, type StoredToken } from './token-store.js';
import type { TokenStore, TokenUpdate } from './token-store-contract.js';

const CURRENT_KEY = 'gong-connector:oauth:current';
/** Longer than a refresh can take (the token request times out after 30 s). */
const LOCK_LEASE_MS = 40_000;
const LOCK_WAIT_MS = 45_000;

const COMPARE_AND_SET = defineLua(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local ok, token = pcall(cjson.decode, current)
if not ok or type(token) ~= 'table' then return 0 end
local refresh = token.refresh_token
if type(refresh) ~= 'string' then refresh = '' end
if refresh ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`);

const COMPARE_AND_DELETE = defineLua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** The id of a login: its OAuth app at its company. */
export const loginId = (token: Pick<StoredToken, 'client_id' | 'api_base_url_for_customer'>): string =>
  createHash('sha256').update(`${token.client_id}@${token.api_base_url_for_customer}`).digest('hex').slice(0, 16);

const keysOf = (id: string) => ({ token: `gong-connector:oauth:{${id}}:token`, lock: `gong-connector:oauth:{${id}}:lock` });

/** One connection per Redis URL in this process. */
const connections = new Map<string, Promise<SharedRedis>>();

export async function redisTokenStoreFromEnv(env: Env): Promise<TokenStore> {
  const url = envValue(env.GONG_REDIS_URL) ?? '';
  const { where } = parseRedisUrl(url);
  let redis = connections.get(url);
  if (redis === undefined) {
    redis = openRedis(url);
    connections.set(url, redis);
    redis.catch(() => connections.delete(url));
  }
  return redisTokenStore(await redis, `Redis at ${where}`);
}

/** The login in `redis`; `name` describes it in messages (never the URL). */
export async function redisTokenStore(redis: SharedRedis, name: string): Promise<TokenStore> {
  const current = await redis.command(['GET', CURRENT_KEY]);
  let id = typeof current === 'string' && /^[0-9a-f]{16}$/.test(current) ? current : undefined;
  const where = () => `login in ${name}${id ? ` (key ${keysOf(id).token})` : ''}`;

  const readKey = async (key: string): Promise<StoredToken | undefined> => {
    const raw = await redis.command(['GET', key]);
    if (typeof raw !== 'string') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new ConfigurationError({ message: `The ${where()} is not valid JSON.`, field: 'GONG_TOKEN_STORE', hint: 'Run `gong-connector auth login` again.' });
    }
    const token = validate(where(), parsed);
    registerSecret(token.access_token);
    registerSecret(token.refresh_token);
    return token;
  };
  const read = async () => (id === undefined ? undefined : readKey(keysOf(id).token));

  async function lock(key: string): Promise<string> {
    const owner = randomBytes(12).toString('hex');
    const deadline = Date.now() + LOCK_WAIT_MS;
    while ((await redis.command(['SET', key, owner, 'NX', 'PX', String(LOCK_LEASE_MS)])) !== 'OK') {
      if (Date.now() > deadline) {
        throw new ConfigurationError({
          message: `Another process has held the token refresh lock in ${name} (key ${key}) for more than ${LOCK_WAIT_MS / 1000} s.`,
          field: 'GONG_TOKEN_STORE',
          hint: `The lock expires by itself ${LOCK_LEASE_MS / 1000} s after it was taken; retry then.`,
        });
      }
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
    }
    return owner;
  }

  return {
    kind: 'redis',
    get location() {
      return `${name}${id ? `, key ${keysOf(id).token}` : ''}`;
    },
    read,
    async save(token) {
      id = loginId(token);
      await redis.command(['SET', keysOf(id).token, JSON.stringify(token)]);
      await redis.command(['SET', CURRENT_KEY, id]);
    },
    async remove() {
      if (id === undefined) return false;
      const removed = await redis.command(['DEL', keysOf(id).token]);
      await redis.run(COMPARE_AND_DELETE, [CURRENT_KEY], [id]);
      return removed === 1;
    },
    async update(fn: (stored: StoredToken | undefined) => Promise<TokenUpdate | undefined>) {
      if (id === undefined) return undefined; // no login here: nothing to refresh
      const keys = keysOf(id);
      const owner = await lock(keys.lock);
      try {
        const update = await fn(await readKey(keys.token));
        if (update === undefined) return await readKey(keys.token);
        const written = await redis.run(COMPARE_AND_SET, [keys.token], [update.replacing.refresh_token ?? '', JSON.stringify(update.write)]);
        return written === 1 ? update.write : await readKey(keys.token);
      } finally {
        await redis.run(COMPARE_AND_DELETE, [keys.lock], [owner]).catch(() => undefined); // else it expires
      }
    },
  };
}
