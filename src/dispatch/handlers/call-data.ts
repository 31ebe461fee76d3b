// The Gong reads the agent tools share: transcripts and calls-with-parties, each one request per
// page of at most 100 ids (Gong's cap), with "No calls found" 404s read as empty pages.
import type { CallInfoCache } from '../../render/call-cache.js';
import type { CallInfo, CallTranscript, Party } from '../../render/types.js';
import { isNoResults, NO_RESULTS_PATTERN } from '../empty.js';
import { eachPage, type PagedRequest } from '../paging.js';
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

/** The paged requests, for the same-cursor check (src/dispatch/paging.ts). */
export const transcriptsRequest = (ctx: HandlerContext): PagedRequest => ({ tool: ctx.tool.name, method: 'POST', path: TRANSCRIPT_PATH });
export const callsRequest = (ctx: HandlerContext): PagedRequest => ({ tool: ctx.tool.name, method: 'POST', path: CALLS_PATH });

/** Every page of transcripts for up to 100 call ids, following Gong's cursor; one undefined page in a dry run. */
export function transcriptPages(ctx: HandlerContext, callIds: readonly string[]): AsyncGenerator<Page<CallTranscript> | undefined, void, undefined> {
  return eachPage(transcriptsRequest(ctx), (cursor) => transcriptPage(ctx, callIds, cursor));
}

/** One page of transcripts for up to 100 call ids; undefined in a dry run. */
export async function transcriptPage(ctx: HandlerContext, callIds: readonly string[], cursor?: string): Promise<Page<CallTranscript> | undefined> {
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

/**
 * Remember the parties of Gong call records another tool already fetched (gong_calls_get,
 * gong_calls_extensive_list: /v2/calls/extensive with parties), so gong_calls_transcript_text
 * does not ask Gong for them again (DESIGN §8: never re-fetch what is held). Records without a
 * `parties` array are ignored.
 */
export function rememberCalls(cache: CallInfoCache, records: readonly unknown[], now: number): void {
  for (const raw of records) {
    if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Json).parties)) continue;
    const info = callInfoOf(raw as Json);
    if (info) cache.set(info, now);
  }
}

function callInfoOf(raw: Json): CallInfo | undefined {
  const meta = (raw.metaData ?? {}) as Json;
  if (meta.id === undefined || meta.id === null) return undefined;
  const info: CallInfo = { id: String(meta.id), parties: Array.isArray(raw.parties) ? (raw.parties as Party[]) : [] };
  if (typeof meta.title === 'string') info.title = meta.title;
  if (typeof meta.url === 'string') info.url = meta.url;
  if (typeof meta.started === 'string') info.started = meta.started;
  const duration = Number(meta.duration);
  if (meta.duration !== undefined && Number.isFinite(duration)) info.duration = duration;
  return info;
}

/** One page of calls with metadata and parties only (the smallest selector that names speakers). */
export async function callsPage(ctx: HandlerContext, filter: CallFilter, cursor?: string): Promise<Page<CallInfo> | undefined> {
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
    const filter = { callIds: missing.slice(i, i + ID_BATCH) };
    for await (const page of eachPage(callsRequest(ctx), (cursor) => callsPage(ctx, filter, cursor))) {
      if (!page) return out;
      for (const info of page.items) out.set(info.id, info);
    }
  }
  return out;
}
