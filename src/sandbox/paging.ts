// Gong-style pagination: fixed page size (per operation if asked), `records {totalRecords, currentPageSize, currentPageNumber,
// cursor?}` with the cursor present only when more pages follow. Cursors look like Gong's (a JWT:
// `eyJhbGciOiJIUzI1NiJ9.<payload>.<signature>`) and encode the operation and the next page; the
// signature makes a hand-made or corrupted cursor a 400 instead of a silent page 1.
import { createHmac } from 'node:crypto';
import { badRequest } from './errors.js';

const HEADER = Buffer.from('{"alg":"HS256"}').toString('base64url');

export interface Records {
  totalRecords: number;
  currentPageSize: number;
  currentPageNumber: number;
  cursor?: string;
}

export class Pager {
  constructor(
    readonly pageSize: number,
    private readonly secret: string,
    /** Page sizes of particular operations (by operationId), overriding `pageSize`. */
    private readonly sizes: Readonly<Record<string, number>> = {},
  ) {}

  private sizeOf(operationId: string): number {
    return this.sizes[operationId] ?? this.pageSize;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`${HEADER}.${payload}`).digest('base64url');
  }

  encode(operationId: string, page: number): string {
    const payload = Buffer.from(JSON.stringify({ op: operationId, page })).toString('base64url');
    return `${HEADER}.${payload}.${this.sign(payload)}`;
  }

  /** The page a cursor points to (0 without a cursor). */
  decode(operationId: string, cursor: string | undefined): number {
    if (cursor === undefined || cursor === '') return 0;
    const parts = cursor.split('.');
    const payload = parts[1];
    if (parts.length !== 3 || parts[0] !== HEADER || payload === undefined || parts[2] !== this.sign(payload)) {
      throw badRequest('cursor is invalid');
    }
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { op?: unknown; page?: unknown };
    if (decoded.op !== operationId || typeof decoded.page !== 'number') throw badRequest('cursor is invalid');
    return decoded.page;
  }

  /**
   * Slice one page of `items`; the caller decides what an empty result means (often a 404).
   * `maxSize` lowers the page size for a request whose items are large (derived from the request
   * itself, so every page of one query has the same size).
   */
  page<T>(operationId: string, items: readonly T[], cursor: string | undefined, maxSize = Number.POSITIVE_INFINITY): { records: Records; items: T[] } {
    const page = this.decode(operationId, cursor);
    const size = Math.max(1, Math.min(this.sizeOf(operationId), Math.floor(maxSize)));
    const start = page * size;
    const slice = items.slice(start, start + size);
    const records: Records = { totalRecords: items.length, currentPageSize: slice.length, currentPageNumber: page };
    if (start + size < items.length) records.cursor = this.encode(operationId, page + 1);
    return { records, items: slice };
  }
}
