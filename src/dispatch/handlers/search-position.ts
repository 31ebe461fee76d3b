// gong_calls_search's continuation token: where a search stopped, exactly. It holds the listing
// cursor of the next page of calls, the ids of listed calls not yet searched (in order), how many
// hits of the first of them were already returned, and the search's resolved date range, so a
// relative range such as "last 30 days" means the same calls when resumed on another day.
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../http/errors.js';

export interface SearchPosition {
  /** Fingerprint of the query and filters the token belongs to. */
  fp: string;
  from?: string;
  to?: string;
  /** Gong cursor of the next listing page; null: the first page is not listed yet; false: nothing more to list. */
  list: string | null | false;
  pending: string[];
  /** Hits already returned of calls where a max_hits stop fell inside the call, by call id. */
  skip: Record<string, number>;
  /** Calls in the range, from Gong's totalRecords. */
  total?: number;
  /** Calls listed so far. */
  listed: number;
  /** Calls searched so far, across all turns. */
  searched: number;
  /** Hits returned so far, across all turns. */
  hits: number;
}

const PREFIX = 'gs1.';

export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

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
  const ok = typeof pos.fp === 'string' && Array.isArray(pos.pending) && pos.pending.every((id) => typeof id === 'string' && /^\d{1,20}$/.test(id))
    && (pos.list === null || pos.list === false || typeof pos.list === 'string')
    && pos.skip !== null && typeof pos.skip === 'object' && Object.values(pos.skip).every((n) => Number.isInteger(n) && n > 0)
    && [pos.listed, pos.searched, pos.hits].every((n) => Number.isInteger(n) && n >= 0);
  if (!ok) throw bad('is damaged');
  if (pos.fp !== fp) throw bad('belongs to a search with a different query or filters');
  return pos;
}
