// What the rest of a search will cost, stated before it starts (docs/contracts.md#cost-before-a-search): Gong requests,
// time at the current pace, and the share of the company's daily budget.
import type { RateLimitState } from '../../pipeline/limiter.js';
import { ID_BATCH } from './call-data.js';

export interface SearchCost {
  calls_to_search: number;
  estimated_requests: number;
  estimated_seconds: number;
  share_of_daily_budget: number;
  remaining_today: number;
  daily_limit: number;
  basis: string;
}

export interface Remaining {
  /** Calls still to search. (estimated_seconds covers the requests still to send.) */
  calls: number;
  /** Calls of the page in hand still to search (their listing is already paid for). */
  inHand: number;
  /** Whether calls are listed from a date range (false: call_ids, looked up 100 per request). */
  listing: boolean;
  /** Calls among those in hand whose parties this connector does not hold yet (call_ids mode). */
  unknownParties: number;
  /** Calls per transcript response (Gong's page size, once seen; 100 before). */
  perTranscriptRequest: number;
}

/** `alreadySent`: requests this call made before the estimate (the listing page that counts the calls). */
export function estimateCost(left: Remaining, limiter: { state: RateLimitState; intervalMs: number }, alreadySent = 0): SearchCost {
  const later = Math.max(0, left.calls - left.inHand);
  const listPages = left.listing ? Math.ceil(later / ID_BATCH) : 0;
  const parties = left.listing ? 0 : Math.ceil(left.unknownParties / ID_BATCH) + Math.ceil(later / ID_BATCH);
  const transcripts = Math.ceil(left.inHand / left.perTranscriptRequest) + Math.ceil(later / left.perTranscriptRequest);
  const requests = listPages + parties + transcripts;
  const { state, intervalMs } = limiter;
  return {
    calls_to_search: left.calls,
    estimated_requests: alreadySent + requests,
    estimated_seconds: Math.ceil((requests * intervalMs + state.current_wait_ms) / 1000),
    share_of_daily_budget: Math.round(((alreadySent + requests) / state.daily_limit) * 10_000) / 10_000,
    remaining_today: state.remaining_today,
    daily_limit: state.daily_limit,
    basis: (alreadySent > 0 ? `${alreadySent} request(s) already sent to list and count the calls, then ` : '') + (left.listing
      ? `${listPages} more listing page(s) of up to ${ID_BATCH} calls with their parties and ${transcripts} transcript request(s) of up to ${left.perTranscriptRequest} calls (more if Gong pages a batch), at ${state.rate_per_second} requests/s`
      : `${parties} parties request(s) and ${transcripts} transcript request(s) of up to ${left.perTranscriptRequest} calls (more if Gong pages a batch), at ${state.rate_per_second} requests/s`),
  };
}
