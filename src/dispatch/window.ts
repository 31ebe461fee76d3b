// Which records of each Gong page the caller gets: the local filter (`keep`), the records a
// resumed cursor already returned (`skip`), and the caller's `limit`. Kept apart from the cursor
// loop (src/dispatch/pager.ts) so each rule is one small step; a cut inside a page says where the
// next call resumes, at the next record.
import { InvalidInputError } from '../http/errors.js';
import type { CompiledKeep } from './keep.js';

export interface WindowCut {
  /** Records of this page the caller got, counting those a resumed cursor skipped. */
  resumeAt: number;
}

export class RecordWindow {
  /** Records handed to the caller so far. */
  collected = 0;
  /** Records Gong returned that the local filter left out. */
  filteredOut = 0;

  constructor(private readonly tool: string, private readonly keep: CompiledKeep | undefined, readonly limit: number | undefined) {}

  /** True once the limit is reached. */
  get full(): boolean {
    return this.limit !== undefined && this.collected >= this.limit;
  }

  /** Records still wanted (undefined without a limit). */
  get wanted(): number | undefined {
    return this.limit === undefined ? undefined : Math.max(0, this.limit - this.collected);
  }

  /**
   * This page's records for the caller: filtered, without the first `skip` (already returned),
   * and no more than the limit. `cut` is set when the limit stopped inside the page.
   */
  take(records: unknown[], skip: number): { records: unknown[]; cut?: WindowCut } {
    let items = records;
    if (this.keep) {
      items = items.filter(this.keep.test);
      this.filteredOut += records.length - items.length;
    }
    if (skip > 0) {
      if (skip >= items.length) {
        // Issued only when a limit stopped inside this page: the page changed since, or the cursor is forged.
        throw new InvalidInputError({
          message: `${this.tool}: cursor points past the end of its page (${items.length} records now); the data changed since it was issued.`,
          tool: this.tool, field: 'cursor', hint: 'Call again without cursor (or with a later from_date_time) to start over.',
        });
      }
      items = items.slice(skip);
    }
    const wanted = this.wanted;
    if (wanted !== undefined && items.length > wanted) {
      this.collected += wanted;
      return { records: items.slice(0, wanted), cut: { resumeAt: skip + wanted } };
    }
    this.collected += items.length;
    return { records: items };
  }
}
