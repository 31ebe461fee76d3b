// Which store the limiter keeps a company's pace, daily count, pause and job reservations in:
// the `limiterStore` option, else GONG_LIMITER, else Redis when GONG_REDIS_URL is set, else the
// state file every process of this machine shares (src/state/limiter/file.ts).
import { envValue, type Env } from '../config/env.js';
import { ConfigurationError } from '../http/errors.js';
import { sharedLimiterStore } from '../pipeline/limiter.js';
import { FileLimiterStore } from '../state/limiter/file.js';
import type { LimiterStore } from '../state/limiter/types.js';
import { stateDirPath } from '../state/paths.js';
import type { ConnectorOptions } from './options.js';

const MODES = ['memory', 'file', 'redis'] as const;
type Mode = (typeof MODES)[number];

/** One file store per state directory in a process: its callers queue instead of contending. */
const fileStores = new Map<string, FileLimiterStore>();

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

export function limiterStoreFor(options: ConnectorOptions, env: Env): LimiterStore {
  if (options.limiterStore) return options.limiterStore;
  const mode = limiterMode(env);
  if (mode === 'memory') return sharedLimiterStore;
  const dir = stateDirPath(env);
  let store = fileStores.get(dir);
  if (!store) fileStores.set(dir, (store = new FileLimiterStore(dir)));
  return store;
}
