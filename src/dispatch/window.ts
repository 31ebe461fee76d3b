// Which records of each Gong page the caller gets: the local filter (`keep`), the records a
// resumed cursor already returned (`skip`), the caller's `limit`, and the result budget
// (`max_chars` of the JSON the caller receives, measured after shaping, src/dispatch/shape.ts).
// Kept apart from the cursor loop (src/dispatch/pager.ts) so each rule is one small step; a cut
// inside a page says where the next call resumes, at the next record.
import { InvalidInputError } from '../http/errors.js';
import type { CompiledKeep } from './keep.js';
import type { Shaper } from './shape.js';

/** The result budget's default and bounds, in characters of the JSON the caller receives (about 4 per token). */
export const DEFAULT_MAX_CHARS = 24_000;
export const MIN_MAX_CHARS = 2_000;
export const MAX_MAX_CHARS = 1_000_000;

export interface WindowCut {
  /** Records of this page the caller got, counting those a resumed cursor skipped. */
  resumeAt: number;
  /** The budget, not the limit, stopped here. */
  byBudget: boolean;
}

/** Characters of result JSON left for records, after the part of the result that is not records. */
export class ResultBudget {
  /** Characters of the records taken so far (each with its separating comma). */
  used = 0;
  /** Characters kept free for the rest of the result (Gong's other fields, notes, counts, cursor). */
  reserve = 0;
  /** The largest record seen, to judge whether another page could add anything. */
  largest = 0;
  /** Set when the first record taken was alone larger than the budget (it is returned anyway). */
  oversized: number | undefined;
  /** Set once a record did not fit. */
  spent = false;

  constructor(readonly maxChars: number) {}

  get left(): number {
    return this.maxChars - this.reserve - this.used;
  }
}

export interface WindowOptions {
  keep?: CompiledKeep | undefined;
  limit?: number | undefined;
  /** How each record reaches the caller; records are measured as shaped. */
  shaper?: Shaper | undefined;
  /** Absent: no budget (streams, and --all without max_chars). */
  budget?: ResultBudget | undefined;
}

export class RecordWindow {
  /** Records handed to the caller so far. */
  collected = 0;
  /** Records Gong returned that the local filter left out. */
  filteredOut = 0;
  readonly limit: number | undefined;
  readonly budget: ResultBudget | undefined;
  private readonly keep: CompiledKeep | undefined;
  private readonly shaper: Shaper | undefined;

  constructor(private readonly tool: string, options: WindowOptions = {}) {
    this.keep = options.keep;
    this.limit = options.limit;
    this.shaper = options.shaper;
    this.budget = options.budget;
  }

  /** True when a local filter may leave records out (Gong's counts then say more than the caller gets). */
  get keeps(): boolean {
    return this.keep !== undefined;
  }

  /** True once the limit is reached. */
  get full(): boolean {
    return this.limit !== undefined && this.collected >= this.limit;
  }

  /** Records still wanted (undefined without a limit). */
  get wanted(): number | undefined {
    return this.limit === undefined ? undefined : Math.max(0, this.limit - this.collected);
  }

  /**
   * True when another page cannot add a record: the budget was cut, or what is left is smaller than
   * the largest record seen. Checked before fetching, so a page is not requested only to be cut
   * before its first record.
   */
  get budgetSpent(): boolean {
    const b = this.budget;
    return b !== undefined && (b.spent || (this.collected > 0 && b.left < b.largest));
  }

  /**
   * This page's records for the caller: filtered, without the first `skip` (already returned),
   * shaped, no more than the limit, and no more than fit the budget. `cut` is set when the limit
   * or the budget stopped inside the page. The first record of a call is returned even when it is
   * alone over the budget (the budget then notes it), so a cursor walk always moves on.
   */
  take(records: unknown[], skip: number): { records: unknown[]; raw: unknown[]; cut?: WindowCut } {
    let items = records;
    if (this.keep) {
      items = items.filter(this.keep.test);
      this.filteredOut += records.length - items.length;
    }
    if (skip > 0) {
      if (skip >= items.length) {
        // Issued only when a limit or the budget stopped inside this page: the page changed since, or the cursor is forged.
        throw new InvalidInputError({
          message: `${this.tool}: cursor points past the end of its page (${items.length} records now); the data changed since it was issued.`,
          tool: this.tool, field: 'cursor', hint: 'Call again without cursor (or with a later from_date_time) to start over.',
        });
      }
      items = items.slice(skip);
    }
    const wanted = this.wanted;
    const byLimit = wanted !== undefined && items.length > wanted;
    if (byLimit) items = items.slice(0, wanted);
    const out: unknown[] = [];
    for (const item of items) {
      const shaped = this.shaper ? this.shaper.record(item) : item;
      if (this.budget && !this.fits(shaped)) {
        this.collected += out.length;
        return { records: out, raw: items.slice(0, out.length), cut: { resumeAt: skip + out.length, byBudget: true } };
      }
      out.push(shaped);
    }
    this.collected += out.length;
    return byLimit ? { records: out, raw: items, cut: { resumeAt: skip + out.length, byBudget: false } } : { records: out, raw: items };
  }

  /** Count a record against the budget; false (and the budget spent) when it does not fit. */
  private fits(shaped: unknown): boolean {
    const b = this.budget!;
    const size = JSON.stringify(shaped).length + 1;
    b.largest = Math.max(b.largest, size);
    if (size > b.left) {
      // Nothing returned yet in this call: the record goes out whole, with a note, never an empty page.
      if (this.collected === 0 && b.used === 0) {
        b.oversized = size;
        b.used += size;
        return true;
      }
      b.spent = true;
      return false;
    }
    b.used += size;
    return true;
  }
}
