// A manifest tool's request plan as a stream of pages: pick the route, split capped id lists into
// batches, and for each batch pull Gong's pages from the one pager (src/dispatch/pager.ts) as far
// as asked (one page, `limit` records, or all), each page's records passed through the record
// window (src/dispatch/window.ts). Consumers merge (run.ts) or stream (execute.ts) what it yields;
// it returns where a next call would resume.
import type { Route, ToolEntry } from '../catalog/types.js';
import { buildRequest, selectRoute } from './build.js';
import type { RunContext } from './context.js';
import { splitCsvIds } from './convert.js';
import { decodeCursor, encodeCursor, inputFingerprint, type Position } from './cursor.js';
import { countsOf, describeWork, pagesRemaining } from './forecast.js';
import { compileKeep, type CompiledKeep } from './keep.js';
import { gongCursorOf, pages, type PagedRequest } from './pager.js';
import { rememberCalls } from './call-cache.js';
import { reportProgress, sendPlanned } from './send.js';
import { RecordWindow } from './window.js';

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
  /** The connector's cursor for the rest, when a limit or the deadline stopped early. */
  nextCursor: string | undefined;
}

export interface Plan {
  route: Route;
  /** The local filter, and how many records it left out so far. */
  keep: CompiledKeep | undefined;
  filteredOut(): number;
  pages: AsyncGenerator<PlanPage, PlanEnd, undefined>;
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

export function plan(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext): Plan {
  const route = selectRoute(tool, input);
  const keep = route.keep ? compileKeep(route.keep, input) : undefined;
  const limit = typeof input.limit === 'number' ? input.limit : undefined;
  const window = new RecordWindow(tool.name, keep, limit);
  return { route, keep, filteredOut: () => window.filteredOut, pages: planPages(tool, route, window, input, ctx) };
}

async function* planPages(tool: ToolEntry, route: Route, window: RecordWindow, input: Readonly<Json>, ctx: RunContext): AsyncGenerator<PlanPage, PlanEnd, undefined> {
  const batches = batchesOf(route, input);
  const limit = window.limit;
  // Batched calls answer every id they were given; other paged calls return one page unless asked.
  const followAll = ctx.all || (batches !== undefined && limit === undefined);
  const batchCount = batches?.length ?? 1;
  // Hashed only when a connector cursor is read or issued: most calls need neither.
  let inputHash: string | undefined;
  const boundTo = (): string => (inputHash ??= inputFingerprint(input));
  const start = decodeCursor(typeof input.cursor === 'string' ? input.cursor : undefined, tool.name, boundTo, batchCount);
  const end = (next: Position | undefined, listKey: string | undefined, fetched: number): PlanEnd => ({
    pages: fetched, batches: batchCount, listKey, records: window.collected, nextCursor: next ? encodeCursor(next, boundTo) : undefined,
  });

  if (ctx.gong && !ctx.dryRun) {
    // The fewest requests this work can take: one per remaining id batch (each batch is sent even
    // when a limit might stop early, so only without a limit), else one. Refined after the first
    // page, when Gong's totalRecords tells how many pages remain.
    const minimum = followAll && limit === undefined ? batchCount - start.batch : 1;
    // One request needs no forecast: the limiter refuses it itself when the budget is spent.
    if (minimum > 1) await ctx.gong.quota.ensureBudget(minimum, describeWork(tool.name, batchCount - start.batch, undefined, ''));
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
    let sent: string | undefined;
    const where: PagedRequest = { tool: tool.name, method: route.method, path: route.path };
    const pager = pages<Json>({
      where,
      first: b === start.batch ? start.gongCursor : undefined,
      cursorOf,
      deadlineAt: ctx.call.deadlineAt,
      now: ctx.convert.now,
      onDeadline: 'stop',
      fetch: async (cursor) => {
        const built = await buildRequest(tool, route, input, { overrides, cursor, convert: ctx.convert });
        if (ctx.dryRun) {
          ctx.planned.push(built);
          return undefined;
        }
        // Remembered for the cursor a limit leaves inside this page, and for the loop guard's error
        // (the path with its parameters filled in).
        sent = cursor;
        where.path = built.path;
        try {
          return await sendPlanned(tool, route, built, ctx);
        } catch (error) {
          if (!readOnly && batches && route.batch && b > start.batch) reportProgress(error, route.batch.input, batches, start.batch, b);
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
      const taken = list ? window.take(list, skip) : undefined;
      skip = 0;
      if (gongNext !== undefined && !forecastDone && ctx.gong && (followAll || limit !== undefined)) {
        forecastDone = true;
        const pagesLeft = pagesRemaining(response, list?.length ?? 0, window.wanted);
        if (pagesLeft !== undefined) {
          const later = followAll && limit === undefined ? batchCount - b - 1 : 0;
          await ctx.gong.quota.ensureBudget(pagesLeft + later, describeWork(tool.name, later, countsOf(response), 'more '));
        }
      }
      if (taken && route.feeds === 'call_cache') rememberCalls(ctx.calls, taken.records, ctx.convert.now());
      yield { response, listKey, records: taken?.records };
      if (taken?.cut) return end({ batch: b, gongCursor: sent, skip: taken.cut.resumeAt }, listKey, fetched);
      if (gongNext === undefined) break;
      if (limit !== undefined ? window.full : !followAll) return end({ batch: b, gongCursor: gongNext, skip: 0 }, listKey, fetched);
    }
    if (pager.stopped === 'dry_run') continue; // one planned request per batch
    if (pager.stopped === 'deadline') {
      ctx.note(`${tool.name}: stopped at the tool call's deadline after ${fetched} page(s); call again with cursor = next_cursor to continue.`);
      return end({ batch: b, gongCursor: pager.next, skip: 0 }, listKey, fetched);
    }
    if (window.full && b + 1 < batchCount) return end({ batch: b + 1, gongCursor: undefined, skip: 0 }, listKey, fetched);
  }
  return end(undefined, listKey, fetched);
}
