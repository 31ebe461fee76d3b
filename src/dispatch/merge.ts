// Folds the responses of one tool call into one Gong-shaped result: the first response's fields,
// the list records concatenated (or, when streaming, counted and left to the stream), the
// manifest's `merge` and `failures` keys combined across batches, whole responses kept under
// `collect`. The result's other fields are shaped here (src/dispatch/shape.ts; the records were
// shaped by the record window). Nothing here sends anything.
import type { Route } from '../catalog/types.js';
import type { Shaper } from './shape.js';

type Json = Record<string, unknown>;

export interface MergeTotals {
  pages: number;
  batches: number;
  listKey: string | undefined;
  records: number;
  /** Gong's count of every record the call lists, when known exactly. */
  totalRecords?: number | undefined;
}

export class MergedResult {
  readonly data: Json = {};
  private readonly mergeKeys: Set<string>;

  /** `streaming`: the records go to the caller page by page, not into the result. */
  constructor(private readonly route: Route, private readonly streaming: boolean) {
    this.mergeKeys = new Set([...(route.merge ?? []), ...(route.failures ?? [])]);
  }

  /** One response and the records of it the caller gets (undefined: the route has no list). */
  absorb(response: Json, listKey: string | undefined, records: unknown[] | undefined): void {
    const merged = this.data;
    if (this.route.collect) {
      ((merged[this.route.collect] ??= []) as unknown[]).push(response);
      return;
    }
    const first = Object.keys(merged).length === 0;
    for (const [key, value] of Object.entries(response)) {
      if (key === listKey) {
        if (this.streaming) continue;
        const acc = (merged[key] as unknown[] | undefined) ?? [];
        for (const item of records ?? []) acc.push(item);
        merged[key] = acc;
      } else if (this.mergeKeys.has(key) && Array.isArray(value)) {
        merged[key] = [...((merged[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
      } else if (this.mergeKeys.has(key) && value !== null && typeof value === 'object') {
        const acc = merged[key];
        merged[key] = { ...(acc !== null && typeof acc === 'object' && !Array.isArray(acc) ? acc : {}), ...(value as Json) };
      } else if (first || !(key in merged)) {
        merged[key] = value;
      }
    }
    if (listKey && !this.streaming && !(listKey in merged)) merged[listKey] = [];
  }

  /**
   * The result: counts when more than one response went into it (Gong's own `records` block then
   * describes only one page), the failures summary, and the connector's cursor when more remain.
   */
  finish(totals: MergeTotals, nextCursor: string | undefined, note: (message: string) => void, shaper?: Shaper): Json {
    const merged = this.shaped(totals, shaper);
    if (shaper && shaper.shape.format === 'concise' && totals.listKey && !this.route.collect) {
      // Gong's paging block is left out; these counts say what the caller got.
      merged.record_count = totals.records;
      if (totals.totalRecords !== undefined) merged.total_records = totals.totalRecords;
      if (totals.pages > 1 || totals.batches > 1 || this.streaming) merged.pages = totals.pages;
    } else if (totals.pages > 1 || totals.batches > 1) {
      delete merged.records;
      merged.pages = totals.pages;
      if (totals.listKey) merged.record_count = totals.records;
    } else if (this.streaming) {
      // Gong's `records` block still describes the one page; the stream's reader gets the counts too.
      merged.pages = totals.pages;
      if (totals.listKey) merged.record_count = totals.records;
    }
    if (this.route.failures) this.summarise(merged, this.route.failures, totals, note);
    if (nextCursor !== undefined) {
      // Only next_cursor resumes exactly: Gong's own cursor would skip what a limit left unread.
      // A copy: Gong's block may be the page the page memory keeps (src/dispatch/page-memory.ts).
      if (merged.records && typeof merged.records === 'object') {
        const { cursor: _gongCursor, ...rest } = merged.records as Json;
        merged.records = rest;
      }
      merged.next_cursor = nextCursor;
    }
    return merged;
  }

  /** The merged fields as the caller gets them: the rest of a list result, or a whole document. */
  private shaped(totals: MergeTotals, shaper: Shaper | undefined): Json {
    if (!shaper) return this.data;
    if (totals.listKey && !this.route.collect) return shaper.envelope(this.data, totals.listKey);
    return shaper.document(this.data);
  }

  /** Counts of what Gong did and did not process; a note when anything failed. */
  private summarise(merged: Json, failureKeys: string[], totals: MergeTotals, note: (message: string) => void): void {
    const summary: Json = { requests: totals.pages };
    if (totals.listKey) summary[totals.listKey] = totals.records;
    let failed = 0;
    for (const key of failureKeys) {
      const n = Array.isArray(merged[key]) ? (merged[key] as unknown[]).length : 0;
      summary[key] = n;
      failed += n;
    }
    merged.summary = summary;
    if (failed > 0) {
      note(`Partial success: Gong did not process ${failed} item(s); ${failureKeys.join(' and ')} give(s) each one's error code and message.`);
    }
  }
}
