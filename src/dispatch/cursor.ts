// The cursor of manifest tools. A plain Gong cursor passes through unchanged; when a call spans
// several id batches, or a `limit` stops inside a page, the connector's own `gc1.` cursor records
// the batch, Gong's cursor for that page, how many of its records were already returned, and,
// when the budget cut one record inside (src/dispatch/split.ts), how many of that record's units
// (sentences) were, so the next call resumes exactly there. The scheme (prefix, binding to the inputs) is
// src/dispatch/cursor-codec.ts.
import { fingerprint } from '../util/fingerprint.js';
import { cursorCodec, isCount, type BoundTo } from './cursor-codec.js';

export interface Position {
  batch: number;
  gongCursor: string | undefined;
  skip: number;
  /** Units of record `skip` already returned (0: it starts whole). */
  part: number;
}

/** A skip counts records already returned from one Gong page (about 100). */
const MAX_SKIP = 10_000;
/** A part counts units (sentences) of one record already returned. */
const MAX_PART = 1_000_000;

/** `p` is written only when a record was cut inside, so cursors without it keep their form. */
const codec = cursorCodec<{ b: number; c: string | null; s: number; p?: number }>({
  prefix: 'gc1.',
  sameInputs: 'the same other inputs',
  read: ({ b, c, s, p }) => (Number.isInteger(b) && Number.isInteger(s) && (c === null || typeof c === 'string') && (p === undefined || Number.isInteger(p))
    ? { b: b as number, c: c as string | null, s: s as number, ...(p === undefined ? {} : { p: p as number }) }
    : undefined),
});

/**
 * What a cursor is bound to: every input but the cursor itself, the limit, and what only shapes
 * or budgets the result (the position counts Gong's records, whatever form they are shown in).
 */
export function inputFingerprint(input: Readonly<Record<string, unknown>>): string {
  return fingerprint(Object.assign({}, input, { cursor: undefined, limit: undefined, max_chars: undefined, response_format: undefined, fields: undefined }), 12);
}

export function encodeCursor(pos: Position, boundTo: BoundTo): string {
  if (pos.batch === 0 && pos.skip === 0 && pos.part === 0 && pos.gongCursor !== undefined) return pos.gongCursor;
  return codec.encode({ b: pos.batch, c: pos.gongCursor ?? null, s: pos.skip, ...(pos.part > 0 ? { p: pos.part } : {}) }, boundTo);
}

export function decodeCursor(cursor: string | undefined, tool: string, boundTo: BoundTo, batchCount: number): Position {
  if (cursor === undefined) return { batch: 0, gongCursor: undefined, skip: 0, part: 0 };
  if (!codec.owns(cursor)) return { batch: 0, gongCursor: cursor, skip: 0, part: 0 };
  const { b, c, s, p } = codec.decode(cursor, boundTo, tool, (x) => x.b < batchCount && isCount(x.b) && isCount(x.s, MAX_SKIP) && (x.p === undefined || (x.p > 0 && isCount(x.p, MAX_PART))));
  return { batch: b, gongCursor: c ?? undefined, skip: s, part: p ?? 0 };
}
