// Gong pages a result budget cut inside, kept for a while so the call that follows next_cursor
// takes the rest of the page from here instead of asking Gong for the same page again. One memory
// per connector (it holds what that connector's credentials could read), a few pages, a few
// minutes; a page not found here (another process, expired) is simply requested again.
type Json = Record<string, unknown>;

export interface PageKey {
  tool: string;
  /** The fingerprint of the inputs the cursor is bound to (src/dispatch/cursor.ts). */
  inputs: string;
  batch: number;
  /** Gong's cursor the page was requested with (undefined: the first page). */
  gongCursor: string | undefined;
}

export class PageMemory {
  private readonly pages = new Map<string, { response: Json; at: number }>();

  constructor(private readonly now: () => number, private readonly maxPages = 8, private readonly ttlMs = 10 * 60_000) {}

  private static keyOf(key: PageKey): string {
    return JSON.stringify([key.tool, key.inputs, key.batch, key.gongCursor ?? null]);
  }

  /** Keep a page a budget cut inside (the oldest page goes when the memory is full). */
  keep(key: PageKey, response: Json): void {
    const k = PageMemory.keyOf(key);
    this.pages.delete(k);
    this.pages.set(k, { response, at: this.now() });
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
  }

  /** The page, when it is still kept. */
  recall(key: PageKey): Json | undefined {
    const k = PageMemory.keyOf(key);
    const entry = this.pages.get(k);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.pages.delete(k);
      return undefined;
    }
    return entry.response;
  }

  /** Forget a page once a call read it to its end. */
  forget(key: PageKey): void {
    this.pages.delete(PageMemory.keyOf(key));
  }
}
