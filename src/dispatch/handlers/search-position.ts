// gong_calls_search's continuation token: where a search stopped, exactly, in a few hundred
// characters. Calls are searched in listing order, so a position is the Gong cursor that lists
// the page being searched, how many of its calls are done, and how many hits of the next call
// were already returned. The token also keeps the search's resolved date range, so a relative
// range such as "last 30 days" means the same calls when resumed on another day. The scheme
// (prefix, binding to the query and filters) is src/dispatch/cursor-codec.ts.
import { cursorCodec, isCount } from '../cursor-codec.js';

export interface SearchPosition {
  from?: string;
  to?: string;
  /** Gong cursor that lists the current page of calls; null for the first page (or with call_ids). */
  page: string | null;
  /** Calls before the current page (with call_ids: unused, 0). */
  before: number;
  /** Calls of the current page (or of call_ids) already searched. */
  index: number;
  /** Hits of the call at `index` already returned (a max_hits stop inside a call). */
  skip: number;
  /** Calls in the range, from Gong's totalRecords (or the number of call_ids). */
  total?: number;
  /** Gong's transcript page size once seen (calls per transcript response), so batches fit one request. */
  tp?: number;
  /** Calls searched and hits returned so far, across turns. */
  searched: number;
  hits: number;
}

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

export const searchCursor = cursorCodec<SearchPosition>({
  prefix: 'gs1.',
  sameInputs: 'the same query and filters',
  read(raw) {
    const p = raw as Partial<SearchPosition>;
    const ok = [p.before, p.index, p.skip, p.searched, p.hits].every((n) => isCount(n))
      && (p.page === null || typeof p.page === 'string')
      && optionalString(p.from) && optionalString(p.to)
      && (p.total === undefined || isCount(p.total))
      && (p.tp === undefined || (isCount(p.tp, 100) && p.tp >= 1));
    return ok ? (raw as unknown as SearchPosition) : undefined;
  },
});
