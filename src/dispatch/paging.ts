// Following Gong's cursors, decided once: send pages until Gong gives no cursor, and stop with a
// MalformedResponseError when it hands back the cursor it was just sent (paging on would loop
// forever and spend the company's daily budget). run.ts applies the same check in its own loop.
import { MalformedResponseError } from '../http/errors.js';

/** What a paged request is, for the error: the tool and the Gong request. */
export interface PagedRequest {
  tool?: string | undefined;
  method: string;
  path: string;
}

/** One page as the sender returns it; `undefined` means nothing was sent (a dry run). */
export interface Paged {
  nextCursor?: string | undefined;
}

export function sameCursorError(where: PagedRequest): MalformedResponseError {
  return new MalformedResponseError({
    message: `Gong returned the same cursor again for ${where.method} ${where.path}; stopped paging to avoid a loop.`,
    tool: where.tool, method: where.method, path: where.path,
    hint: 'Retry later; if it persists, report the request id to Gong support.',
  });
}

/** The cursor to send next, or undefined at the end; throws when Gong's cursor did not move. */
export function nextCursor(sent: string | undefined, received: string | undefined, where: PagedRequest): string | undefined {
  if (received === undefined || received === '') return undefined;
  if (received === sent) throw sameCursorError(where);
  return received;
}

/**
 * Every page, in order: `sendPage` sends one request with the cursor (none for the first page,
 * unless `first` is given). Stops after a page without a cursor, or an undefined one (dry run).
 */
export async function* eachPage<P extends Paged | undefined>(
  where: PagedRequest,
  sendPage: (cursor: string | undefined) => Promise<P>,
  first?: string,
): AsyncGenerator<P, void, undefined> {
  let cursor = first;
  for (;;) {
    const page = await sendPage(cursor);
    yield page;
    cursor = nextCursor(cursor, page?.nextCursor, where);
    if (cursor === undefined) return;
  }
}
