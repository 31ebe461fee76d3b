// Which records of each Gong page the caller gets: the local filter (`keep`), the records a
// resumed cursor already returned (`skip`), the caller's `limit`, and the result budget
// (`max_chars` of the JSON the caller receives, measured after shaping, src/dispatch/shape.ts).
// Kept apart from the cursor loop (src/dispatch/pager.ts) so each rule is one small step; a cut
// inside a page says where the next call resumes, at the next record; for a route whose records
// can be cut inside (src/dispatch/split.ts), one record too large to go out whole is cut into
// parts, and the next call resumes at the next unit (sentence) of that record.
import { InvalidInputError } from '../http/errors.js';
import type { CompiledKeep } from './keep.js';
import type { Shaper } from './shape.js';
import type { RecordSplitter } from './split.js';

/** The result budget's default and bounds, in characters of the JSON the caller receives (about 4 per token). */
export const DEFAULT_MAX_CHARS = 24_000;
export const MIN_MAX_CHARS = 2_000;
export const MAX_MAX_CHARS = 1_000_000;

export interface WindowCut {
  /** Records of this page the caller got whole, counting those a resumed cursor skipped. */
  resumeAt: number;
  /** Units of the record at resumeAt the caller already got (0: none, it starts whole). */
  part: number;
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
  /** How one record too large for the budget is cut inside (absent: it goes out whole, with a note); also how a cursor resumes inside one. */
  split?: RecordSplitter | undefined;
}

/** A record the caller got only part of: which units, for the notes. */
export interface PartShown {
  /** e.g. `call 123: sentences 1–180 of 420`. */
  text: string;
  /** The part ends before the record does (the next call resumes inside it). */
  cutInside: boolean;
}

export class RecordWindow {
  /** Records handed to the caller so far. */
  collected = 0;
  /** Records Gong returned that the local filter left out. */
  filteredOut = 0;
  readonly limit: number | undefined;
  readonly budget: ResultBudget | undefined;
  /** Set when a record went out in part (at most one per call: a cut inside ends it, a resumed part starts it). */
  partShown: PartShown | undefined;
  private readonly keep: CompiledKeep | undefined;
  private readonly shaper: Shaper | undefined;
  private readonly split: RecordSplitter | undefined;

  constructor(private readonly tool: string, options: WindowOptions = {}) {
    this.keep = options.keep;
    this.limit = options.limit;
    this.shaper = options.shaper;
    this.budget = options.budget;
    this.split = options.split;
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
   * This page's records for the caller: filtered, without the first `skip` (already returned) and
   * the first `part` units of the next (already returned in part), shaped, no more than the limit,
   * and no more than fit the budget. `cut` is set when the limit or the budget stopped inside the
   * page. The first record of a call is returned even when it is alone over the budget: cut inside
   * when the route says how, else whole with a note, so a cursor walk always moves on.
   */
  take(records: unknown[], skip: number, part = 0): { records: unknown[]; raw: unknown[]; cut?: WindowCut } {
    let items = records;
    if (this.keep) {
      items = items.filter(this.keep.test);
      this.filteredOut += records.length - items.length;
    }
    // The record a resumed cursor stopped inside, whole, and the units of it already returned.
    let resumed: { record: unknown; from: number } | undefined;
    if (skip > 0 || part > 0) {
      const total = part > 0 && skip < items.length ? this.split?.units(items[skip]) ?? 0 : 0;
      if (skip >= items.length || (part > 0 && part >= total)) {
        // Issued only when a limit or the budget stopped inside this page: the page changed since, or the cursor is forged.
        throw new InvalidInputError({
          message: `${this.tool}: cursor points past the end of its page (${items.length} records now); the data changed since it was issued.`,
          tool: this.tool, field: 'cursor', hint: 'Call again without cursor (or with a later from_date_time) to start over.',
        });
      }
      items = items.slice(skip);
      if (part > 0) {
        resumed = { record: items[0], from: part };
        this.partShown = { text: this.split!.describe(items[0], part, total, total), cutInside: false };
        items = [this.split!.part(items[0], part, total), ...items.slice(1)];
      }
    }
    const wanted = this.wanted;
    const byLimit = wanted !== undefined && items.length > wanted;
    if (byLimit) items = items.slice(0, wanted);
    const out: unknown[] = [];
    for (const item of items) {
      const shaped = this.shaper ? this.shaper.record(item) : item;
      if (this.budget) {
        const size = JSON.stringify(shaped).length + 1;
        if (this.split && size > this.budget.left && this.collected === 0 && this.budget.used === 0) {
          // The call's first record, too large: as many of its units as fit go out, the rest next call.
          const cut = this.cutInside(resumed?.record ?? item, resumed?.from ?? 0);
          if (cut) {
            this.collected += 1;
            return { records: [cut.shaped], raw: [cut.raw], cut: { resumeAt: skip, part: cut.end, byBudget: true } };
          }
        }
        if (!this.fits(size)) {
          this.collected += out.length;
          return { records: out, raw: items.slice(0, out.length), cut: { resumeAt: skip + out.length, part: 0, byBudget: true } };
        }
      }
      out.push(shaped);
    }
    this.collected += out.length;
    return byLimit ? { records: out, raw: items, cut: { resumeAt: skip + out.length, part: 0, byBudget: false } } : { records: out, raw: items };
  }

  /**
   * The longest part of `record` from unit `start` on whose shaped JSON fits what is left of the
   * budget (one unit at least, noted as oversized when even that is over). Undefined when the
   * record cannot be cut (not of the route's kind, or what is left is one unit).
   */
  private cutInside(record: unknown, start: number): { raw: unknown; shaped: unknown; end: number } | undefined {
    const split = this.split!;
    const b = this.budget!;
    const total = split.units(record);
    if (total - start < 2) return undefined;
    const shapedPart = (end: number) => {
      const raw = split.part(record, start, end);
      const shaped = this.shaper ? this.shaper.record(raw) : raw;
      return { raw, shaped, end, size: JSON.stringify(shaped).length + 1 };
    };
    // Sizes grow with the units kept: the largest count that fits, by halving [1, total - start - 1].
    let lo = 1;
    let hi = total - start - 1;
    let best = shapedPart(start + 1);
    if (best.size <= b.left) {
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        const candidate = shapedPart(start + mid);
        if (candidate.size <= b.left) {
          lo = mid;
          best = candidate;
        } else hi = mid - 1;
      }
    } else b.oversized = best.size;
    b.used += best.size;
    b.largest = Math.max(b.largest, best.size);
    b.spent = true;
    this.partShown = { text: split.describe(record, start, best.end, total), cutInside: true };
    return best;
  }

  /** Count a record against the budget; false (and the budget spent) when it does not fit. */
  private fits(size: number): boolean {
    const b = this.budget!;
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
