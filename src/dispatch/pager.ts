// The one cursor loop. Every tool that follows Gong's cursors (manifest plans, the user directory,
// transcripts, calls with parties, the transcript search) pulls its pages from `pages()`, so the
// guards live here once: a cursor that does not move or comes back (A→B→A) stops paging with a
// MalformedResponseError instead of spending the day's budget; the call's deadline and an optional
// request budget stop it cleanly, with the cursor to resume from.
import { MalformedResponseError, TimeoutError } from '../http/errors.js';

/** What a paged request is, for the error: the tool and the Gong request. */
export interface PagedRequest {
  tool?: string | undefined;
  method: string;
  path: string;
}

/** Why paging stopped: Gong's last page, the caller's request budget, the deadline, or a dry run. */
export type PagerStop = 'end' | 'budget' | 'deadline' | 'dry_run' | 'caller';

export interface PagerOptions<P> {
  where: PagedRequest;
  /** Send one request for this cursor (undefined: the first page); undefined means nothing was sent (a dry run). */
  fetch(cursor: string | undefined): Promise<P | undefined>;
  /** Gong's cursor for the page after this one; undefined or '' at the end. */
  cursorOf(page: P): string | undefined;
  /** Resume from this cursor instead of the first page. */
  first?: string | undefined;
  /** Asked before each request after the first: false stops paging with `budget`. */
  mayFetch?: (() => boolean) | undefined;
  /** Milliseconds since the epoch after which no further page is asked for (the tool call's deadline). */
  deadlineAt?: number | undefined;
  now?: (() => number) | undefined;
  /**
   * At the deadline: `throw` a TimeoutError (default: for tools whose partial result cannot be
   * resumed), or `stop` with `next` set so the caller returns what it has and a cursor.
   */
  onDeadline?: 'throw' | 'stop' | undefined;
}

export function sameCursorError(where: PagedRequest): MalformedResponseError {
  return new MalformedResponseError({
    message: `Gong returned the same cursor again for ${where.method} ${where.path}; stopped paging to avoid a loop.`,
    tool: where.tool, method: where.method, path: where.path,
    hint: 'Retry later; if it persists, report the request id to Gong support.',
  });
}

function deadlineError(where: PagedRequest): TimeoutError {
  return new TimeoutError({
    message: `The tool call's deadline passed while paging ${where.method} ${where.path}; stopped before the next page.`,
    tool: where.tool, method: where.method, path: where.path, reached: false,
    hint: 'Raise deadlineMs, narrow the request, or page with limit and next_cursor.',
  });
}

/**
 * Pull pages one at a time; after the loop, `stopped` says why and `next` is the cursor of the
 * first page not fetched (undefined after Gong's last page). A consumer that stops early (break)
 * leaves `stopped` as `caller` and `next` at the page after the last one it received. A class, not
 * a closure with getters: it is on every tool call's path, and this shape costs V8 far less.
 */
export class Pager<P> implements AsyncIterable<P> {
  stopped: PagerStop | undefined = undefined;
  next: string | undefined;
  /** Pages fetched so far. */
  fetched = 0;

  constructor(private readonly options: PagerOptions<P>) {
    this.next = options.first;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<P, void, undefined> {
    const options = this.options;
    const now = options.now ?? Date.now;
    const seen = new Set<string>();
    if (options.first !== undefined) seen.add(options.first);
    let cursor = options.first;
    for (;;) {
      if (this.fetched > 0) {
        if (options.deadlineAt !== undefined && now() >= options.deadlineAt) {
          if (options.onDeadline !== 'stop') throw deadlineError(options.where);
          this.stopped = 'deadline';
          return;
        }
        if (options.mayFetch && !options.mayFetch()) {
          this.stopped = 'budget';
          return;
        }
      }
      const page = await options.fetch(cursor);
      if (page === undefined) {
        this.stopped = 'dry_run';
        return;
      }
      this.fetched += 1;
      const received = options.cursorOf(page);
      const following = received === undefined || received === '' ? undefined : received;
      if (following !== undefined && seen.has(following)) throw sameCursorError(options.where);
      if (following !== undefined) seen.add(following);
      this.next = following;
      this.stopped = following === undefined ? 'end' : 'caller';
      yield page;
      if (following === undefined) return;
      cursor = following;
    }
  }
}

export function pages<P>(options: PagerOptions<P>): Pager<P> {
  return new Pager(options);
}

/** Gong's cursor in a list response: `records.cursor`, when present and not empty. */
export function gongCursorOf(data: Readonly<Record<string, unknown>>): string | undefined {
  const records = data.records;
  if (records === null || typeof records !== 'object') return undefined;
  const cursor = (records as Record<string, unknown>).cursor;
  return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}
