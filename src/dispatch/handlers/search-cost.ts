// What the rest of a search will cost, stated before it starts (pitfalls.md §10.1): Gong requests,
// time at the current pace, and the share of the company's daily budget.
import type { RateLimitState } from '../../http/limiter.js';
import type { SearchPosition } from './search-position.js';
import { ID_BATCH } from './call-data.js';

export interface SearchCost {
  calls_to_search: number | null;
  estimated_requests: number;
  estimated_seconds: number;
  share_of_daily_budget: number;
  remaining_today: number;
  daily_limit: number;
  basis: string;
}

export function estimateCost(
  pos: SearchPosition,
  uncachedPending: number,
  limiter: { state: RateLimitState; intervalMs: number },
): SearchCost {
  const unlisted = pos.list === false ? 0 : Math.max(0, (pos.total ?? pos.listed) - pos.listed);
  const listPages = pos.list === false ? 0 : Math.max(pos.list === null ? 1 : 0, Math.ceil(unlisted / ID_BATCH));
  const transcripts = Math.ceil(pos.pending.length / ID_BATCH) + Math.ceil(unlisted / ID_BATCH);
  const parties = Math.ceil(uncachedPending / ID_BATCH);
  const requests = listPages + transcripts + parties;
  const { state, intervalMs } = limiter;
  const seconds = Math.ceil((requests * intervalMs + state.current_wait_ms) / 1000);
  const calls = pos.total === undefined && pos.list !== false ? null : pos.pending.length + unlisted;
  return {
    calls_to_search: calls,
    estimated_requests: requests,
    estimated_seconds: seconds,
    share_of_daily_budget: Math.round((requests / state.daily_limit) * 10_000) / 10_000,
    remaining_today: state.remaining_today,
    daily_limit: state.daily_limit,
    basis: `${listPages} listing page(s) of up to ${ID_BATCH} calls with their parties, ${transcripts} transcript request(s) of up to ${ID_BATCH} calls (more if Gong pages a batch), ${parties} parties request(s) for calls not listed in this session; ${state.rate_per_second} requests/s`,
  };
}
