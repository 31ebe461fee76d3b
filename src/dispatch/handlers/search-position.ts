// gong_calls_search's continuation token: where a search stopped, exactly, in a few hundred
// characters. Calls are searched in listing order, so a position is the Gong cursor that lists
// the page being searched, how many of its calls are done, and how many hits of the next call
// were already returned. The token also keeps the search's resolved date range, so a relative
// range such as "last 30 days" means the same calls when resumed on another day.
import { InvalidInputError } from '../../http/errors.js';

export interface SearchPosition {
  /** Fingerprint of the query and filters the token belongs to. */
  fp: string;
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

const PREFIX = 'gs1.';

export { fingerprint } from '../../util/fingerprint.js';

export function encodePosition(pos: SearchPosition): string {
  return PREFIX + Buffer.from(JSON.stringify(pos)).toString('base64url');
}

export function decodePosition(token: string, fp: string, tool: string): SearchPosition {
  const bad = (why: string) => new InvalidInputError({
    message: `${tool}: cursor ${why}.`,
    tool, field: 'cursor',
    hint: 'Pass next_cursor exactly as the previous result returned it, with the same query and filters.',
  });
  if (!token.startsWith(PREFIX)) throw bad('is not a search cursor');
  let pos: SearchPosition;
  try {
    pos = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8')) as SearchPosition;
  } catch {
    throw bad('is damaged');
  }
  const counts = [pos.before, pos.index, pos.skip, pos.searched, pos.hits];
  const ok = pos !== null && typeof pos === 'object' && typeof pos.fp === 'string'
    && (pos.page === null || typeof pos.page === 'string')
    && counts.every((n) => Number.isInteger(n) && n >= 0)
    && (pos.tp === undefined || (Number.isInteger(pos.tp) && pos.tp >= 1 && pos.tp <= 100));
  if (!ok) throw bad('is damaged');
  if (pos.fp !== fp) throw bad('belongs to a search with a different query or filters');
  return pos;
}
