// A manifest tool's request plan as a stream of pages: pick the route, split capped id lists into
// batches, and for each batch pull Gong's pages from the one pager (src/dispatch/pager.ts) as far
// as asked (one page, `limit` records, or all), each page's records passed through the record
// window (src/dispatch/window.ts), which shapes them and holds the result budget. Paging stops
// once the budget is spent, so a cut falls only inside the last page fetched; that page is kept in
// the connector's page memory (src/dispatch/page-memory.ts) for the call that resumes inside it.
// Consumers merge (run.ts) or stream (execute.ts) what it yields; it returns where a next call
// would resume.
import type { Route, ToolEntry } from '../catalog/types.js';
import { buildRequest, selectRoute } from './build.js';
import { leaseOf, type RunContext } from './context.js';
import { splitCsvIds } from './convert.js';
import { decodeCursor, encodeCursor, inputFingerprint, type Position } from './cursor.js';
import { countsOf, describeWork, pagesRemaining } from './forecast.js';
import { compileKeep, type CompiledKeep } from './keep.js';
import type { PageKey } from './page-memory.js';
import { gongCursorOf, pages, type PagedRequest } from './pager.js';
import { rememberCalls } from './call-cache.js';
import { sendPlanned } from './send.js';
import { Shaper, shapeOf } from './shape.js';
import { splitterFor } from './split.js';
import { DEFAULT_MAX_CHARS, RecordWindow, ResultBudget, type PartShown } from './window.js';
import { stateBatches } from './write-outcome.js';

type Json = Record<string, unknown>;

/** One Gong response and the records of it the caller gets (undefined: the route has no list). */
export interface PlanPage {
  response: Json;
  listKey: string | undefined;
  records: unknown[] | undefined;
}

/** How the plan ended. */
export interface PlanEnd {
  pages: number;
  batches: number;
  listKey: string | undefined;
  records: number;
  /** The connector's cursor for the rest, when a limit, the budget or the deadline stopped early. */
  nextCursor: string | undefined;
  /** The result budget stopped the call with records left that it would otherwise have returned. */
  budgetCut: boolean;
  /** Gong's totalRecords of the first page, when it counts exactly what the call lists (one batch, no local filter). */
  totalRecords: number | undefined;
  /** A record the caller got only part of (a long transcript cut between sentences). */
  partShown: PartShown | undefined;
}

export interface Plan {
  route: Route;
  /** The local filter, and how many records it left out so far. */
  keep: CompiledKeep | undefined;
  filteredOut(): number;
  /** How records and the rest of the result reach the caller (undefined: as Gong sent them). */
  shaper: Shaper | undefined;
  /** The result budget of a list (undefined: none, e.g. for streams). */
  budget: ResultBudget | undefined;
  /** max_chars in force for this call, list or not (undefined: none). */
  maxChars: number | undefined;
  pages: AsyncGenerator<PlanPage, PlanEnd, undefined>;
}

export interface PlanOptions {
  /** Records go to a stream, not into one result: no budget (the stream's memory is constant). */
  streaming?: boolean | undefined;
}

/** Tools that read take response_format / fields / max_chars (src/generator/manifest.ts adds them). */
function shaperFor(tool: ToolEntry, route: Route, input: Readonly<Json>): Shaper | undefined {
  const props = tool.inputSchema.properties as Record<string, unknown> | undefined;
  return props?.response_format ? new Shaper(shapeOf(input, tool.name), new Set([...(route.merge ?? []), ...(route.failures ?? [])])) : undefined;
}

/** The budget: max_chars, else the default, except for streams and --all (which asked for everything). */
function maxCharsFor(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext, options: PlanOptions): number | undefined {
  const props = tool.inputSchema.properties as Record<string, unknown> | undefined;
  // Tools without a record list have no max_chars input, but still say when they are over the default.
  if (!(props?.max_chars || props?.response_format) || options.streaming) return undefined;
  if (typeof input.max_chars === 'number') return input.max_chars;
  return ctx.all ? undefined : DEFAULT_MAX_CHARS;
}

/**
 * Characters kept free for what is not a record: Gong's other fields of the first page (shaped),
 * the notes so far, a next_cursor wrapping Gong's cursor, and room for the connector's own keys
 * (counts, rate_limit, the budget's and the local filter's notes).
 */
const CONNECTOR_KEYS_RESERVE = 900;

function reserveFor(response: Json, listKey: string, shaper: Shaper | undefined, ctx: RunContext): number {
  const rest = { ...response, [listKey]: [] };
  const envelope = JSON.stringify(shaper ? shaper.envelope(rest, listKey) : rest).length;
  const cursor = Math.ceil((gongCursorOf(response)?.length ?? 0) * 1.4) + 80;
  return envelope + (ctx.noteChars?.() ?? 0) + cursor + CONNECTOR_KEYS_RESERVE;
}

function batchesOf(route: Route, input: Readonly<Json>): unknown[][] | undefined {
  if (!route.batch) return undefined;
  let values = input[route.batch.input];
  if (typeof values === 'string') values = splitCsvIds(values);
  if (!Array.isArray(values)) return undefined;
  const out: unknown[][] = [];
  for (let i = 0; i < values.length; i += route.batch.size) out.push(values.slice(i, i + route.batch.size));
  return out;
}

function listKeyOf(route: Route, data: Json): string | undefined {
  if (!route.list) return undefined;
  return route.list.find((k) => Array.isArray(data[k])) ?? route.list[0];
}

export function plan(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext, options: PlanOptions = {}): Plan {
  const route = selectRoute(tool, input);
  const keep = route.keep ? compileKeep(route.keep, input) : undefined;
  const limit = typeof input.limit === 'number' ? input.limit : undefined;
  const shaper = shaperFor(tool, route, input);
  const maxChars = maxCharsFor(tool, input, ctx, options);
  const budget = maxChars !== undefined && route.list && !route.collect ? new ResultBudget(maxChars) : undefined;
  const split = route.split ? splitterFor(route.split) : undefined;
  const window = new RecordWindow(tool.name, { keep, limit, shaper, budget, split });
  return { route, keep, filteredOut: () => window.filteredOut, shaper, budget, maxChars, pages: planPages(tool, route, window, input, ctx, shaper) };
}

async function* planPages(tool: ToolEntry, route: Route, window: RecordWindow, input: Readonly<Json>, ctx: RunContext, shaper: Shaper | undefined): AsyncGenerator<PlanPage, PlanEnd, undefined> {
  const batches = batchesOf(route, input);
  const limit = window.limit;
  // Batched calls answer every id they were given; other paged calls return one page unless asked.
  const followAll = ctx.all || (batches !== undefined && limit === undefined);
  const batchCount = batches?.length ?? 1;
  // Hashed only when a connector cursor is read or issued: most calls need neither.
  let inputHash: string | undefined;
  const boundTo = (): string => (inputHash ??= inputFingerprint(input));
  const start = decodeCursor(typeof input.cursor === 'string' ? input.cursor : undefined, tool.name, boundTo, batchCount);
  let budgetCut = false;
  let totalRecords: number | undefined;
  const end = (next: Position | undefined, listKey: string | undefined, fetched: number): PlanEnd => ({
    pages: fetched, batches: batchCount, listKey, records: window.collected, nextCursor: next ? encodeCursor(next, boundTo) : undefined,
    budgetCut: budgetCut && next !== undefined, totalRecords, partShown: window.partShown,
  });
  const memory = ctx.dryRun ? undefined : ctx.pages;
  const pageKey = (batch: number, gongCursor: string | undefined): PageKey => ({ tool: tool.name, inputs: boundTo(), batch, gongCursor });

  if (ctx.gong && !ctx.dryRun) {
    // The fewest requests this work can take: one per remaining id batch (each batch is sent even
    // when a limit might stop early, so only without a limit), else one. Refined after the first
    // page, when Gong's totalRecords tells how many pages remain.
    const minimum = followAll && limit === undefined ? batchCount - start.batch : 1;
    // One request needs no forecast: the limiter refuses it itself when the budget is spent.
    if (minimum > 1) await ctx.gong.quota.reserveBudget(minimum, describeWork(tool.name, batchCount - start.batch, undefined, ''), leaseOf(ctx.call));
  }

  const readOnly = route.readOnly ?? tool.annotations.readOnlyHint;
  const cursorOf = route.paginate && !route.collect ? gongCursorOf : () => undefined;
  let listKey: string | undefined;
  let fetched = 0;
  for (let b = start.batch; b < batchCount; b++) {
    const overrides: Json = {};
    if (batches && route.batch) {
      const chunk = batches[b]!;
      overrides[route.batch.input] = route.batch.scalar ? chunk[0] : chunk;
    }
    let skip = b === start.batch ? start.skip : 0;
    let part = b === start.batch ? start.part : 0;
    let sent: string | undefined;
    // A resume in a page a budget cut (also before its first record, when the records taken from
    // earlier pages left no room for it): the page may still be in memory (no second request).
    let recallFrom = b === start.batch && typeof input.cursor === 'string' ? memory : undefined;
    let recalled = false;
    const where: PagedRequest = { tool: tool.name, method: route.method, path: route.path };
    const pager = pages<Json>({
      where,
      first: b === start.batch ? start.gongCursor : undefined,
      cursorOf,
      deadlineAt: ctx.call.deadlineAt,
      now: ctx.convert.now,
      onDeadline: 'stop',
      fetch: async (cursor) => {
        const built = await buildRequest(tool, route, input, { overrides, cursor, convert: ctx.convert, uploadDir: ctx.uploadDir });
        if (ctx.dryRun) {
          ctx.planned.push(built);
          return undefined;
        }
        // Remembered for the cursor a limit leaves inside this page, and for the loop guard's error
        // (the path with its parameters filled in).
        sent = cursor;
        where.path = built.path;
        const kept = recallFrom?.recall(pageKey(b, cursor));
        recallFrom = undefined;
        if (kept) {
          recalled = true;
          return kept;
        }
        recalled = false;
        try {
          return await sendPlanned(tool, route, built, ctx);
        } catch (error) {
          // A write over several requests: each request's items as applied, not applied or uncertain.
          if (!readOnly && batches && route.batch && batchCount - start.batch > 1) stateBatches(error, tool, input, route.batch.input, batches, start.batch, b);
          throw error;
        }
      },
    });
    let forecastDone = false;
    for await (const response of pager) {
      fetched += 1;
      if (route.collect) {
        if (route.paginate && gongCursorOf(response) !== undefined) ctx.note(`${tool.name}: Gong returned a cursor; only the first page of each request was kept.`);
        yield { response, listKey: undefined, records: undefined };
        continue;
      }
      listKey ??= listKeyOf(route, response);
      const list = listKey && Array.isArray(response[listKey]) ? (response[listKey] as unknown[]) : undefined;
      const gongNext = pager.next;
      if (fetched === 1 && batchCount === 1 && !window.keeps) totalRecords = countsOf(response)?.total;
      if (window.budget && listKey && window.budget.reserve === 0) window.budget.reserve = reserveFor(response, listKey, shaper, ctx);
      const taken = list ? window.take(list, skip, part) : undefined;
      skip = 0;
      part = 0;
      if (gongNext !== undefined && !forecastDone && ctx.gong && (followAll || limit !== undefined)) {
        forecastDone = true;
        const pagesLeft = pagesRemaining(response, list?.length ?? 0, window.wanted);
        if (pagesLeft !== undefined) {
          const later = followAll && limit === undefined ? batchCount - b - 1 : 0;
          await ctx.gong.quota.reserveBudget(pagesLeft + later, describeWork(tool.name, later, countsOf(response), 'more '), leaseOf(ctx.call), ctx.call.requests);
        }
      }
      if (taken && route.feeds === 'call_cache') rememberCalls(ctx.calls, taken.raw, ctx.convert.now());
      yield { response, listKey, records: taken?.records };
      const wantsMore = followAll || (limit !== undefined && !window.full);
      if (taken?.cut) {
        if (taken.cut.byBudget) {
          budgetCut = true;
          memory?.keep(pageKey(b, sent), response);
        }
        return end({ batch: b, gongCursor: sent, skip: taken.cut.resumeAt, part: taken.cut.part }, listKey, fetched);
      }
      if (recalled) memory?.forget(pageKey(b, sent));
      if (gongNext === undefined) break;
      if (window.budgetSpent) {
        budgetCut = wantsMore;
        return end({ batch: b, gongCursor: gongNext, skip: 0, part: 0 }, listKey, fetched);
      }
      if (limit !== undefined ? window.full : !followAll) return end({ batch: b, gongCursor: gongNext, skip: 0, part: 0 }, listKey, fetched);
    }
    if (pager.stopped === 'dry_run') continue; // one planned request per batch
    if (pager.stopped === 'deadline') {
      ctx.note(`${tool.name}: stopped at the tool call's deadline after ${fetched} page(s); call again with cursor = next_cursor to continue.`);
      return end({ batch: b, gongCursor: pager.next, skip: 0, part: 0 }, listKey, fetched);
    }
    if (window.budgetSpent && b + 1 < batchCount) {
      budgetCut = true;
      return end({ batch: b + 1, gongCursor: undefined, skip: 0, part: 0 }, listKey, fetched);
    }
    if (window.full && b + 1 < batchCount) return end({ batch: b + 1, gongCursor: undefined, skip: 0, part: 0 }, listKey, fetched);
  }
  return end(undefined, listKey, fetched);
}
