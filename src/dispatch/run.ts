// Runs a manifest tool: pick the route, split capped id lists into batches, follow cursors as far
// as asked (one page, `limit` records, or all), turn Gong's "no … found" 404s into empty lists,
// and merge everything into one Gong-shaped result.
import type { LocalFilter, Route, ToolEntry } from '../catalog/types.js';
import { GongError, InvalidInputError } from '../http/errors.js';
import type { GongClient, CallContext } from '../http/client.js';
import type { ConvertContext } from './convert.js';
import { CONVERTERS } from './convert.js';
import { bodyOf, buildRequest, selectRoute, type BuiltRequest } from './build.js';
import { isNoResults } from './empty.js';
import { sameCursorError } from './paging.js';
import { decodeCursor, encodeCursor, inputFingerprint, type Position } from './cursor.js';

export interface RunContext {
  client: GongClient;
  call: CallContext;
  convert: Omit<ConvertContext, 'inputName'>;
  note(message: string): void;
  dryRun: boolean;
  all: boolean;
  onRecords?: ((records: unknown[]) => void | Promise<void>) | undefined;
  onProgress?: ((progress: { pages: number; records: number }) => void) | undefined;
  planned: BuiltRequest[];
}

type Json = Record<string, unknown>;

function batchesOf(route: Route, input: Readonly<Json>): unknown[][] | undefined {
  if (!route.batch) return undefined;
  let values = input[route.batch.input];
  if (typeof values === 'string') values = CONVERTERS.csv_ids!(values, undefined as never);
  if (!Array.isArray(values)) return undefined;
  const out: unknown[][] = [];
  for (let i = 0; i < values.length; i += route.batch.size) out.push(values.slice(i, i + route.batch.size));
  return out;
}

function listKeyOf(route: Route, data: Json): string | undefined {
  if (!route.list) return undefined;
  return route.list.find((k) => Array.isArray(data[k])) ?? route.list[0];
}

export async function runPlan(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext): Promise<Json> {
  const route = selectRoute(tool, input);
  const batches = batchesOf(route, input);
  const limit = typeof input.limit === 'number' ? input.limit : undefined;
  // Batched calls answer every id they were given; other paged calls return one page unless asked.
  const followAll = ctx.all || (batches !== undefined && limit === undefined);
  const batchCount = batches?.length ?? 1;
  // Hashed only when a connector cursor is read or issued: most calls need neither.
  let inputHash: string | undefined;
  const boundTo = (): string => (inputHash ??= inputFingerprint(input));
  const start = decodeCursor(typeof input.cursor === 'string' ? input.cursor : undefined, tool.name, boundTo, batchCount);

  if (!ctx.dryRun) {
    // The fewest requests this work can take: one per remaining id batch (each batch is sent even
    // when a limit might stop early, so only without a limit), else one. Refined after the first
    // page, when Gong's totalRecords tells how many pages remain.
    const minimum = followAll && limit === undefined ? batchCount - start.batch : 1;
    // One request needs no forecast: the limiter refuses it itself when the budget is spent.
    if (minimum > 1) await ctx.client.limiter.ensureBudget(minimum, describeWork(tool.name, batchCount - start.batch, undefined, ''));
  }

  const merged: Json = {};
  const mergeKeys = new Set<string>([...(route.merge ?? []), ...(route.failures ?? [])]);
  const readOnly = route.readOnly ?? tool.annotations.readOnlyHint;
  const keep = route.keep ? compileKeep(route.keep, input) : undefined;
  let listKey: string | undefined;
  let collected = 0;
  let pages = 0;
  let filteredOut = 0;
  let next: Position | undefined;
  const budgetChecked = new Set<number>();

  outer: for (let b = start.batch; b < batchCount; b++) {
    const overrides: Json = {};
    if (batches && route.batch) {
      const chunk = batches[b]!;
      overrides[route.batch.input] = route.batch.scalar ? chunk[0] : chunk;
    }
    let cursor = b === start.batch ? start.gongCursor : undefined;
    const seenCursors = new Set<string>();
    let skip = b === start.batch ? start.skip : 0;
    for (;;) {
      const built = await buildRequest(tool, route, input, { overrides, cursor, convert: ctx.convert });
      if (ctx.dryRun) {
        ctx.planned.push(built);
        break;
      }
      let data: Json;
      try {
        data = await send(tool, route, built, ctx);
      } catch (error) {
        if (error instanceof GongError && !readOnly && batches && route.batch && b > start.batch) {
          reportProgress(error, route.batch.input, batches, start.batch, b);
        }
        throw error;
      }
      pages += 1;
      if (route.collect) {
        ((merged[route.collect] ??= []) as unknown[]).push(data);
        if (route.paginate && cursorOf(data) !== undefined) ctx.note(`${tool.name}: Gong returned a cursor; only the first page of each request was kept.`);
        break;
      }
      listKey ??= listKeyOf(route, data);
      let items = listKey && Array.isArray(data[listKey]) ? (data[listKey] as unknown[]) : undefined;
      if (items && keep) {
        const before = items.length;
        items = items.filter(keep.test);
        filteredOut += before - items.length;
      }
      if (items && skip > 0) {
        if (skip >= items.length) {
          // Issued only when a limit stopped inside this page: the page changed since, or the cursor is forged.
          throw new InvalidInputError({
            message: `${tool.name}: cursor points past the end of its page (${items.length} records now); the data changed since it was issued.`,
            tool: tool.name, field: 'cursor', hint: 'Call again without cursor (or with a later from_date_time) to start over.',
          });
        }
        items = items.slice(skip);
      }
      const gongNext = route.paginate ? cursorOf(data) : undefined;
      if (gongNext !== undefined && !budgetChecked.has(b) && (followAll || limit !== undefined)) {
        budgetChecked.add(b);
        const pagesLeft = pagesRemaining(data, items?.length ?? 0, limit === undefined ? undefined : limit - collected - Math.min(items?.length ?? 0, limit - collected));
        if (pagesLeft !== undefined) {
          const later = followAll && limit === undefined ? batchCount - b - 1 : 0;
          await ctx.client.limiter.ensureBudget(pagesLeft + later, describeWork(tool.name, later, recordsOf(data), 'more '));
        }
      }
      if (items && limit !== undefined && collected + items.length > limit) {
        const taken = limit - collected;
        items = items.slice(0, taken);
        next = { batch: b, gongCursor: cursor, skip: skip + taken };
      }
      collected += items?.length ?? 0;
      absorb(merged, data, listKey, items, mergeKeys, ctx.onRecords !== undefined);
      if (items && ctx.onRecords) await ctx.onRecords(items);
      ctx.onProgress?.({ pages, records: collected });
      if (next) break outer;
      if (gongNext === undefined) break;
      if (limit !== undefined ? collected >= limit : !followAll) {
        next = { batch: b, gongCursor: gongNext, skip: 0 };
        break outer;
      }
      // A cursor that does not move, or comes back (A→B→A), would page forever and spend the budget.
      if (gongNext === cursor || seenCursors.has(gongNext)) throw sameCursorError({ tool: tool.name, method: built.method, path: built.path });
      seenCursors.add(gongNext);
      cursor = gongNext;
      skip = 0;
    }
    if (limit !== undefined && collected >= limit && b + 1 < batchCount) {
      next = { batch: b + 1, gongCursor: undefined, skip: 0 };
      break;
    }
  }

  if (ctx.dryRun) return {};
  if (pages > 1 || batchCount > 1 || ctx.onRecords) {
    delete merged.records;
    merged.pages = pages;
    if (listKey) merged.record_count = collected;
  }
  if (keep && filteredOut > 0) {
    ctx.note(`${filteredOut} record(s) Gong returned were left out by the connector itself (Gong has no such filter): only records ${keep.describe} are kept.`);
  }
  if (route.failures) summarise(merged, route.failures, listKey, collected, pages, ctx);
  if (next) {
    // Only next_cursor resumes exactly: Gong's own cursor would skip what a limit left unread.
    if (merged.records && typeof merged.records === 'object') delete (merged.records as Json).cursor;
    merged.next_cursor = encodeCursor(next, boundTo);
  }
  return merged;
}

function recordsOf(data: Json): { total: number; pageSize: number; page: number | undefined } | undefined {
  const records = data.records as Json | undefined;
  if (records === null || typeof records !== 'object') return undefined;
  const total = Number(records.totalRecords);
  const pageSize = Number(records.currentPageSize);
  if (!Number.isFinite(total) || !Number.isFinite(pageSize) || pageSize <= 0) return undefined;
  const page = Number(records.currentPageNumber);
  return { total, pageSize, page: Number.isInteger(page) && page >= 0 ? page : undefined };
}

/**
 * Requests still needed after this page, from Gong's `records` block: the pages left for the
 * records not yet fetched, no more than a limit still asks for. Undefined when Gong gave no counts.
 */
function pagesRemaining(data: Json, pageItems: number, stillWanted: number | undefined): number | undefined {
  const r = recordsOf(data);
  if (!r) return undefined;
  const fetched = r.page !== undefined ? (r.page + 1) * r.pageSize : pageItems;
  let left = Math.max(0, r.total - fetched);
  if (stillWanted !== undefined) left = Math.min(left, Math.max(0, stillWanted));
  return Math.ceil(left / r.pageSize);
}

function describeWork(tool: string, batches: number, records: { total: number } | undefined, more: string): string {
  const parts: string[] = [];
  if (records) parts.push(`${records.total} records in all`);
  if (batches > 1 || (more && batches > 0)) parts.push(`${batches} ${more}id batch${batches === 1 ? '' : 'es'}`);
  return parts.length > 0 ? `${tool} (${parts.join(', ')})` : tool;
}

/**
 * A write spread over several requests failed part-way: the earlier requests were applied in Gong
 * and cannot be hidden, so the error says exactly which inputs went through.
 */
function reportProgress(error: GongError, inputName: string, batches: unknown[][], first: number, failed: number): void {
  const sent = batches.slice(first, failed).reduce((n, chunk) => n + chunk.length, 0);
  const total = batches.slice(first).reduce((n, chunk) => n + chunk.length, 0);
  const done = `Partial success: ${failed - first} of ${batches.length - first} requests succeeded before this failure, so the first ${sent} of ${total} ${inputName} were applied in Gong; the remaining ${total - sent} were not. Retry with only the remaining ones.`;
  error.hint = error.hint ? `${done} ${error.hint}` : done;
}

/** Counts of what Gong did and did not process; a note when anything failed. */
function summarise(merged: Json, failureKeys: string[], listKey: string | undefined, collected: number, requests: number, ctx: RunContext): void {
  const summary: Json = { requests };
  if (listKey) summary[listKey] = collected;
  let failed = 0;
  for (const key of failureKeys) {
    const n = Array.isArray(merged[key]) ? (merged[key] as unknown[]).length : 0;
    summary[key] = n;
    failed += n;
  }
  merged.summary = summary;
  if (failed > 0) {
    ctx.note(`Partial success: Gong did not process ${failed} item(s); ${failureKeys.join(' and ')} give(s) each one's error code and message.`);
  }
}

interface CompiledKeep {
  test: (record: unknown) => boolean;
  describe: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a window bound stands for; a date-only end means the end of that UTC day. */
function boundMs(value: unknown, isEnd: boolean): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) + (isEnd ? 86_400_000 : 0) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function compileKeep(keep: LocalFilter, input: Readonly<Json>): CompiledKeep | undefined {
  const tests: Array<(r: Json) => boolean> = [];
  const parts: string[] = [];
  for (const [field, value] of Object.entries(keep.equals ?? {})) {
    tests.push((r) => r[field] === value);
    parts.push(`with ${field} = ${JSON.stringify(value)}`);
  }
  if (keep.window) {
    const { field } = keep.window;
    const from = keep.window.from !== undefined ? boundMs(input[keep.window.from], false) : undefined;
    const to = keep.window.to !== undefined ? boundMs(input[keep.window.to], true) : undefined;
    if (from !== undefined || to !== undefined) {
      tests.push((r) => {
        const at = typeof r[field] === 'string' ? Date.parse(r[field]) : Number.NaN;
        if (Number.isNaN(at)) return false;
        return (from === undefined || at >= from) && (to === undefined || at < to);
      });
      const range = [from !== undefined ? `from ${new Date(from).toISOString()}` : '', to !== undefined ? `before ${new Date(to).toISOString()}` : '']
        .filter(Boolean).join(' and ');
      parts.push(`whose ${field} is ${range} (records without ${field} are left out)`);
    }
  }
  if (tests.length === 0) return undefined;
  return {
    test: (record) => record !== null && typeof record === 'object' && tests.every((t) => t(record as Json)),
    describe: parts.join(' and '),
  };
}

function cursorOf(data: Json): string | undefined {
  const records = data.records as Json | undefined;
  const c = records?.cursor;
  return typeof c === 'string' && c !== '' ? c : undefined;
}

/** Fold one response into the merged result: first response's fields, list arrays concatenated. */
function absorb(merged: Json, data: Json, listKey: string | undefined, items: unknown[] | undefined, mergeKeys: Set<string>, streaming: boolean): void {
  const first = Object.keys(merged).length === 0;
  for (const [key, value] of Object.entries(data)) {
    if (key === listKey) {
      if (streaming) continue;
      const acc = (merged[key] as unknown[] | undefined) ?? [];
      for (const item of items ?? []) acc.push(item);
      merged[key] = acc;
    } else if (mergeKeys.has(key) && Array.isArray(value)) {
      merged[key] = [...((merged[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
    } else if (mergeKeys.has(key) && value !== null && typeof value === 'object') {
      const acc = merged[key];
      merged[key] = { ...(acc !== null && typeof acc === 'object' && !Array.isArray(acc) ? acc : {}), ...(value as Json) };
    } else if (first || !(key in merged)) {
      merged[key] = value;
    }
  }
  if (listKey && !streaming && !(listKey in merged)) merged[listKey] = [];
}

async function send(tool: ToolEntry, route: Route, built: BuiltRequest, ctx: RunContext): Promise<Json> {
  try {
    const response = await ctx.client.request(
      {
        method: built.method,
        path: built.path,
        query: built.query,
        body: bodyOf(built),
        readOnly: route.readOnly ?? tool.annotations.readOnlyHint,
        replaySafe: route.replaySafe ?? false,
        conflictOnReplayIsSuccess: route.conflictOnReplayIsSuccess ?? false,
        tool: tool.name,
      },
      ctx.call,
    );
    if (response.replayed) ctx.note('An earlier attempt of this write reached Gong (it answered 409 "already reported" on the retry); it was applied once.');
    const data = response.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Json;
    return { result: data, status: response.status };
  } catch (error) {
    if (route.list && isNoResults(error, route.emptyOn404)) {
      const text = error.errors.join(' ');
      ctx.note(`Gong answered 404 "${text}": treated as no results. (Gong gives the same answer when the credentials cannot see the records.)`);
      const empty: Json = { [route.list[0]!]: [] };
      if (error.requestId) empty.requestId = error.requestId;
      return empty;
    }
    throw error;
  }
}
