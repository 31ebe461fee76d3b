// The Gong reads the agent tools share: transcripts and calls-with-parties, each one request per
// page of at most 100 ids (Gong's cap), with "No calls found" 404s read as empty pages.
import { callInfoOf } from '../call-cache.js';
import type { CallInfo, CallTranscript } from '../../render/types.js';
import { isNoResults, NO_RESULTS_PATTERN } from '../empty.js';
import { pages, type Pager, type PagedRequest } from '../pager.js';
import type { HandlerContext } from './types.js';

export const ID_BATCH = 100;

export interface Page<T> {
  items: T[];
  nextCursor?: string;
  total?: number;
}

const TRANSCRIPT_PATH = '/v2/calls/transcript';
const CALLS_PATH = '/v2/calls/extensive';

type Json = Record<string, unknown>;

async function post(ctx: HandlerContext, path: string, body: Json): Promise<Json | undefined> {
  try {
    const response = await ctx.request({ method: 'POST', path, query: [], json: body }, { readOnly: true });
    if (!response) return undefined;
    const data = response.data;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Json) : {};
  } catch (error) {
    if (isNoResults(error, NO_RESULTS_PATTERN)) return {};
    throw error;
  }
}

function pageInfo(data: Json): { nextCursor?: string; total?: number } {
  const records = (data.records ?? {}) as Json;
  const out: { nextCursor?: string; total?: number } = {};
  if (typeof records.cursor === 'string' && records.cursor !== '') out.nextCursor = records.cursor;
  const total = Number(records.totalRecords);
  if (Number.isFinite(total)) out.total = total;
  return out;
}

/** The paged requests, for the pager's loop guard (src/dispatch/pager.ts). */
const transcriptsRequest = (ctx: HandlerContext): PagedRequest => ({ tool: ctx.tool.name, method: 'POST', path: TRANSCRIPT_PATH });
const callsRequest = (ctx: HandlerContext): PagedRequest => ({ tool: ctx.tool.name, method: 'POST', path: CALLS_PATH });

/** Paging options every handler shares: the call's deadline, and optionally a request budget. */
export interface PageLimits {
  first?: string | undefined;
  mayFetch?: (() => boolean) | undefined;
}

function pagerOf<T>(ctx: HandlerContext, where: PagedRequest, fetch: (cursor: string | undefined) => Promise<Page<T> | undefined>, limits: PageLimits): Pager<Page<T>> {
  return pages({
    where, fetch, cursorOf: (page) => page.nextCursor, first: limits.first, mayFetch: limits.mayFetch,
    deadlineAt: ctx.run.call.deadlineAt, now: ctx.run.convert.now,
  });
}

/** The pages of transcripts for up to 100 call ids, following Gong's cursor; none in a dry run. */
export function transcriptPages(ctx: HandlerContext, callIds: readonly string[], limits: PageLimits = {}): Pager<Page<CallTranscript>> {
  return pagerOf(ctx, transcriptsRequest(ctx), (cursor) => transcriptPage(ctx, callIds, cursor), limits);
}

/** The pages of calls (metadata and parties) matching a filter; none in a dry run. */
export function callsPages(ctx: HandlerContext, filter: CallFilter, limits: PageLimits = {}): Pager<Page<CallInfo>> {
  return pagerOf(ctx, callsRequest(ctx), (cursor) => callsPage(ctx, filter, cursor), limits);
}

/** One page of transcripts for up to 100 call ids; undefined in a dry run. */
async function transcriptPage(ctx: HandlerContext, callIds: readonly string[], cursor?: string): Promise<Page<CallTranscript> | undefined> {
  const body: Json = { filter: { callIds: [...callIds] } };
  if (cursor !== undefined) body.cursor = cursor;
  const data = await post(ctx, TRANSCRIPT_PATH, body);
  if (!data) return undefined;
  const items = Array.isArray(data.callTranscripts) ? (data.callTranscripts as CallTranscript[]) : [];
  return { items: items.map((t) => ({ callId: String(t.callId), transcript: Array.isArray(t.transcript) ? t.transcript : [] })), ...pageInfo(data) };
}

export interface CallFilter {
  callIds?: string[];
  fromDateTime?: string;
  toDateTime?: string;
  workspaceId?: string;
  primaryUserIds?: string[];
}

/** One page of calls with metadata and parties only (the smallest selector that names speakers). */
async function callsPage(ctx: HandlerContext, filter: CallFilter, cursor?: string): Promise<Page<CallInfo> | undefined> {
  const body: Json = { filter: { ...filter }, contentSelector: { exposedFields: { parties: true } } };
  if (cursor !== undefined) body.cursor = cursor;
  const data = await post(ctx, CALLS_PATH, body);
  if (!data) return undefined;
  const items: CallInfo[] = [];
  const now = ctx.run.convert.now();
  for (const raw of Array.isArray(data.calls) ? (data.calls as Json[]) : []) {
    const info = callInfoOf(raw);
    if (!info) continue;
    ctx.calls.set(info, now);
    items.push(info);
  }
  return { items, ...pageInfo(data) };
}

/**
 * Metadata and parties of these calls: from the connector's cache, the rest from Gong in
 * batches of 100 ids. Calls Gong does not return are simply absent from the map.
 */
export async function callInfos(ctx: HandlerContext, ids: readonly string[]): Promise<Map<string, CallInfo>> {
  const now = ctx.run.convert.now();
  const out = new Map<string, CallInfo>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = ctx.calls.get(id, now);
    if (hit) out.set(id, hit);
    else if (!missing.includes(id)) missing.push(id);
  }
  for (let i = 0; i < missing.length; i += ID_BATCH) {
    const calls = callsPages(ctx, { callIds: missing.slice(i, i + ID_BATCH) });
    for await (const page of calls) for (const info of page.items) out.set(info.id, info);
    if (calls.stopped === 'dry_run') return out;
  }
  return out;
}
