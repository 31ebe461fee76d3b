// Cursors the connector hands out. A plain Gong cursor passes through unchanged; when a call
// spans several id batches, or a `limit` stops inside a page, the connector's own cursor records
// the batch, Gong's cursor for that page, and how many of its records were already returned,
// so the next call resumes exactly there.
import { InvalidInputError } from '../http/errors.js';

export interface Position {
  batch: number;
  gongCursor: string | undefined;
  skip: number;
}

const PREFIX = 'gc1.';

export function encodeCursor(pos: Position): string {
  if (pos.batch === 0 && pos.skip === 0 && pos.gongCursor !== undefined) return pos.gongCursor;
  const payload = JSON.stringify({ b: pos.batch, c: pos.gongCursor ?? null, s: pos.skip });
  return PREFIX + Buffer.from(payload).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, tool: string): Position {
  if (cursor === undefined) return { batch: 0, gongCursor: undefined, skip: 0 };
  if (!cursor.startsWith(PREFIX)) return { batch: 0, gongCursor: cursor, skip: 0 };
  try {
    const raw = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8')) as {
      b: unknown; c: unknown; s: unknown;
    };
    if (!Number.isInteger(raw.b) || !Number.isInteger(raw.s) || (raw.c !== null && typeof raw.c !== 'string')) throw new Error('shape');
    return { batch: raw.b as number, gongCursor: (raw.c as string | null) ?? undefined, skip: raw.s as number };
  } catch {
    throw new InvalidInputError({
      message: `${tool}: cursor is not a cursor this connector issued.`,
      tool, field: 'cursor', hint: 'Pass next_cursor exactly as a previous result returned it, with the same other inputs.',
    });
  }
}
