// The cursor of manifest tools. A plain Gong cursor passes through unchanged; when a call spans
// several id batches, or a `limit` stops inside a page, the connector's own `gc1.` cursor records
// the batch, Gong's cursor for that page, and how many of its records were already returned, so
// the next call resumes exactly there. The scheme (prefix, binding to the inputs) is
// src/dispatch/cursor-codec.ts.
import { fingerprint } from '../util/fingerprint.js';
import { cursorCodec, isCount, type BoundTo } from './cursor-codec.js';

export interface Position {
  batch: number;
  gongCursor: string | undefined;
  skip: number;
}

/** A skip counts records already returned from one Gong page (about 100). */
const MAX_SKIP = 10_000;

const codec = cursorCodec<{ b: number; c: string | null; s: number }>({
  prefix: 'gc1.',
  sameInputs: 'the same other inputs',
  read: ({ b, c, s }) => (Number.isInteger(b) && Number.isInteger(s) && (c === null || typeof c === 'string')
    ? { b: b as number, c: c as string | null, s: s as number }
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
  if (pos.batch === 0 && pos.skip === 0 && pos.gongCursor !== undefined) return pos.gongCursor;
  return codec.encode({ b: pos.batch, c: pos.gongCursor ?? null, s: pos.skip }, boundTo);
}

export function decodeCursor(cursor: string | undefined, tool: string, boundTo: BoundTo, batchCount: number): Position {
  if (cursor === undefined) return { batch: 0, gongCursor: undefined, skip: 0 };
  if (!codec.owns(cursor)) return { batch: 0, gongCursor: cursor, skip: 0 };
  const { b, c, s } = codec.decode(cursor, boundTo, tool, (p) => p.b < batchCount && isCount(p.b) && isCount(p.s, MAX_SKIP));
  return { batch: b, gongCursor: c ?? undefined, skip: s };
}
