// gong_calls_search's result budget: max_chars of the JSON the caller receives, hits included one by
// one while the whole result still fits. The parts that are not hits (query, range, cost, progress,
// notes, next_cursor, rate_limit) are measured as they will be sent, with room kept for the notes
// and counters written after the last hit (src/dispatch/handlers/calls-search.ts).
import type { Hit } from '../../render/hits.js';

/** Room for what the connector adds after the handler (rate_limit) and notes written after the last hit. */
const AFTER_HITS = 650;

export class HitBudget {
  /** Characters of the hits taken, with their separating commas. */
  private used = 0;
  private count = 0;
  /** Set when the first hit of a result alone was over the budget (it is returned anyway). */
  oversized: number | undefined;

  /**
   * `fixed`: the characters of the result without hits, as it would be sent now (called before
   * each hit: the cursor and the notes grow as the search goes).
   */
  constructor(readonly maxChars: number, private readonly fixed: () => number) {}

  /** Takes the hit when the result stays within max_chars; the first hit is always taken, so every result moves on. */
  take(hit: Hit): boolean {
    const size = JSON.stringify(hit).length + (this.count > 0 ? 1 : 0);
    if (Number.isFinite(this.maxChars)) {
      const total = this.fixed() + AFTER_HITS + this.used + size;
      if (total > this.maxChars) {
        if (this.count > 0) return false;
        this.oversized = total;
      }
    }
    this.used += size;
    this.count += 1;
    return true;
  }
}
