// Which store the limiter keeps a company's pace, daily count, pause and job reservations in:
// the `limiterStore` option, else GONG_LIMITER, else Redis when GONG_REDIS_URL (or the `redis`
// option) is set, else the state file every process of this machine shares
// (src/state/limiter/file.ts). Redis is wrapped so that, unreachable, it is said once and this
// machine paces cautiously on its own file (src/state/limiter/fallback.ts).
import { envValue, type Env } from '../config/env.js';
import { ConfigurationError } from '../http/errors.js';
import { redactText } from '../http/redact.js';
import { sharedLimiterStore } from '../pipeline/limiter.js';
import { FallbackLimiterStore } from '../state/limiter/fallback.js';
import { FileLimiterStore } from '../state/limiter/file.js';
import { redisLimiterStore } from '../state/limiter/redis.js';
import type { LimiterStore } from '../state/limiter/types.js';
import { stateDirPath } from '../state/paths.js';
import type { RedisCommands } from '../state/redis.js';
import type { ConnectorOptions } from './options.js';

const MODES = ['memory', 'file', 'redis'] as const;
type Mode = (typeof MODES)[number];

/** One file store per state directory in a process: its callers queue instead of contending. */
const fileStores = new Map<string, FileLimiterStore>();
/** One Redis store (one connection) per URL and state directory in a process. */
const redisStores = new Map<string, LimiterStore>();

export function limiterMode(env: Env): Mode | undefined {
  const raw = envValue(env.GONG_LIMITER)?.toLowerCase();
  if (raw === undefined) return undefined;
  if ((MODES as readonly string[]).includes(raw)) return raw as Mode;
  throw new ConfigurationError({
    message: `GONG_LIMITER must be one of ${MODES.join(', ')} (got '${raw}').`,
    field: 'GONG_LIMITER',
    hint: 'memory: this process only; file: every process of this machine (the default); redis: every machine using GONG_REDIS_URL.',
  });
}

/**
 * `warn`: where the one line saying Redis is unreachable goes (the debug sink, else stderr: it
 * changes how fast this machine may send, so it is said even without GONG_DEBUG).
 */
export function limiterStoreFor(options: ConnectorOptions, env: Env, warn?: (line: string) => void): LimiterStore {
  if (options.limiterStore) return options.limiterStore;
  const mode = limiterMode(env);
  if (mode === 'memory') return sharedLimiterStore;
  const redis = options.redis ?? envValue(env.GONG_REDIS_URL);
  if (mode === 'redis' || (mode === undefined && redis !== undefined)) {
    if (redis === undefined) {
      throw new ConfigurationError({
        message: 'GONG_LIMITER is redis, but no Redis is given.',
        field: 'GONG_REDIS_URL',
        hint: 'Set GONG_REDIS_URL=redis://host:6379 (or pass the `redis` option), or use GONG_LIMITER=file on one machine.',
      });
    }
    const dir = stateDirPath(env);
    return redisStoreFor(redis, dir, warn);
  }
  return fileStoreFor(stateDirPath(env));
}

function fileStoreFor(dir: string): FileLimiterStore {
  let store = fileStores.get(dir);
  if (!store) fileStores.set(dir, (store = new FileLimiterStore(dir)));
  return store;
}

/** Cached per URL and state directory (its fallback file): the first connector's warning sink serves both. */
function redisStoreFor(target: string | RedisCommands, dir: string, warn: ((line: string) => void) | undefined): LimiterStore {
  const key = typeof target === 'string' ? `${target}\n${dir}` : undefined;
  const cached = key === undefined ? undefined : redisStores.get(key);
  if (cached) return cached;
  const say = warn ?? ((line: string) => process.stderr.write(`[gong-connector] ${redactText(line)}\n`));
  const store = new FallbackLimiterStore(redisLimiterStore(target), fileStoreFor(dir), { onFallback: say });
  if (key !== undefined) redisStores.set(key, store);
  return store;
}
