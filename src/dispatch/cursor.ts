// Cursors the connector hands out. A plain Gong cursor passes through unchanged; when a call
// spans several id batches, or a `limit` stops inside a page, the connector's own cursor records
// the batch, Gong's cursor for that page, and how many of its records were already returned,
// so the next call resumes exactly there. Such a cursor is bound to the inputs it was issued for:
// reused with other inputs it would resume the wrong list, so it is refused.
import { InvalidInputError } from '../http/errors.js';
import { fingerprint } from '../util/fingerprint.js';

export interface Position {
  batch: number;
  gongCursor: string | undefined;
  skip: number;
}

const PREFIX = 'gc1.';
const MAX_SKIP = 10_000;

/** What a cursor is bound to: every input but the cursor itself and the limit. */
export function inputFingerprint(input: Readonly<Record<string, unknown>>): string {
  return fingerprint(Object.assign({}, input, { cursor: undefined, limit: undefined }), 12);
}

/** The fingerprint, or a function computing it only when a connector cursor is read or made. */
type BoundTo = string | (() => string);
const valueOf = (boundTo: BoundTo): string => (typeof boundTo === 'function' ? boundTo() : boundTo);

export function encodeCursor(pos: Position, boundTo: BoundTo): string {
  if (pos.batch === 0 && pos.skip === 0 && pos.gongCursor !== undefined) return pos.gongCursor;
  const payload = JSON.stringify({ b: pos.batch, c: pos.gongCursor ?? null, s: pos.skip, f: valueOf(boundTo) });
  return PREFIX + Buffer.from(payload).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, tool: string, boundTo: BoundTo, batchCount: number): Position {
  if (cursor === undefined) return { batch: 0, gongCursor: undefined, skip: 0 };
  if (!cursor.startsWith(PREFIX)) return { batch: 0, gongCursor: cursor, skip: 0 };
  const refuse = (why: string) => new InvalidInputError({
    message: `${tool}: cursor ${why}.`,
    tool, field: 'cursor', hint: 'Pass next_cursor exactly as a previous result returned it, with the same other inputs.',
  });
  let raw: { b?: unknown; c?: unknown; s?: unknown; f?: unknown };
  try {
    raw = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8')) as typeof raw;
  } catch {
    throw refuse('is not a cursor this connector issued');
  }
  const { b, c, s, f } = raw;
  if (typeof b !== 'number' || !Number.isInteger(b) || typeof s !== 'number' || !Number.isInteger(s) || (c !== null && typeof c !== 'string')) {
    throw refuse('is not a cursor this connector issued');
  }
  if (f !== valueOf(boundTo)) throw refuse('was issued for different inputs');
  // A skip counts records already returned from one Gong page (about 100).
  if (b < 0 || b >= batchCount || s < 0 || s > MAX_SKIP) throw refuse('is out of range for these inputs');
  return { batch: b, gongCursor: c ?? undefined, skip: s };
}
