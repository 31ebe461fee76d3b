// gong_calls_search: keyword and phrase search over live transcripts (pitfalls.md §10.4). It lists
// the calls in range with their parties (one request per 100 calls), fetches their transcripts
// (one request per 100 calls), and returns each hit with speaker, offset and context. It states its
// cost before it starts, never sends more than max_requests, and hands back a cursor that resumes
// exactly where it stopped — in this turn, or another day once the quota has refilled. Calls are
// searched in listing order, which is what makes a short cursor exact.
import { InvalidInputError } from '../../http/errors.js';
import { findHits, type Hit } from '../../render/hits.js';
import { parseQuery } from '../../render/query.js';
import type { SliceSpec } from '../../render/slice.js';
import type { CallInfo, CallTranscript } from '../../render/types.js';
import { callInfos, callsPage, callsRequest, ID_BATCH, transcriptPage, transcriptsRequest, type CallFilter } from './call-data.js';
import { nextCursor } from '../paging.js';
import { estimateCost } from './search-cost.js';
import { decodePosition, encodePosition, fingerprint, type SearchPosition } from './search-position.js';
import type { Handler } from './types.js';

type Stop = 'done' | 'max_requests' | 'max_hits' | 'daily_budget';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const callsSearch: Handler = async (ctx, input) => {
  const tool = ctx.tool.name;
  const terms = parseQuery(String(input.query));
  if (terms.length === 0) throw new InvalidInputError({ message: `${tool}: query has no words to search for.`, tool, field: 'query' });
  const matchAll = input.match === 'all';
  const context = typeof input.context_sentences === 'number' ? input.context_sentences : 2;
  const maxHits = typeof input.max_hits === 'number' ? input.max_hits : 50;
  const maxRequests = typeof input.max_requests === 'number' ? input.max_requests : 30;
  const ids = Array.isArray(input.call_ids) ? [...new Set(input.call_ids.map(String))] : undefined;
  const who: SliceSpec = {};
  if (Array.isArray(input.speakers)) who.speakers = input.speakers.map(String);
  if (typeof input.affiliation === 'string') who.affiliation = input.affiliation;
  const fp = fingerprint([input.query, input.match ?? 'any', ids ?? null, input.workspace_id ?? null, input.primary_user_ids ?? null, who]);

  let pos: SearchPosition;
  const token = str(input.cursor);
  if (token) {
    pos = decodePosition(token, fp, tool);
    if ((str(input.from_date_time) ?? pos.from) !== pos.from || (str(input.to_date_time) ?? pos.to) !== pos.to) {
      ctx.note(`Resumed with the search's original range ${pos.from ?? 'start'} to ${pos.to ?? 'now'} (a relative range is not recomputed on resume).`);
    }
  } else {
    pos = { fp, page: null, before: 0, index: 0, skip: 0, searched: 0, hits: 0 };
    const from = str(input.from_date_time);
    const to = str(input.to_date_time);
    if (from) pos.from = from;
    if (to) pos.to = to;
    if (ids) pos.total = ids.length;
  }
  if (ids && (pos.from || pos.to)) ctx.note('call_ids given: every listed call is searched; the date range does not apply.');
  const filter: CallFilter = {};
  if (pos.from) filter.fromDateTime = pos.from;
  if (pos.to) filter.toDateTime = pos.to;
  if (typeof input.workspace_id === 'string') filter.workspaceId = input.workspace_id;
  if (Array.isArray(input.primary_user_ids)) filter.primaryUserIds = input.primary_user_ids.map(String);

  const startedAt = ctx.run.call.requests;
  const used = () => ctx.run.call.requests - startedAt;
  // The page in hand (listing mode): its calls in order, and the cursor of the page after it.
  let pageCalls: CallInfo[] | undefined;
  let nextPage: string | undefined;
  const loadPage = async (): Promise<boolean> => {
    const sent = pos.page ?? undefined;
    const page = await callsPage(ctx, filter, sent);
    if (!page) return false;
    pageCalls = page.items;
    nextPage = nextCursor(sent, page.nextCursor, callsRequest(ctx));
    if (page.total !== undefined) pos.total = page.total;
    return true;
  };

  // A date-range search lists its first page before anything else: that page counts the calls.
  if (!ids && !(await loadPage())) {
    ctx.note('Dry run: the transcript requests depend on the listing and are not shown.');
    return {};
  }
  if (ctx.run.dryRun) {
    ctx.note('Dry run: the search would fetch parties and transcripts for these calls, 100 per request.');
    return {};
  }
  const limiter = ctx.run.client.limiter;
  const state = await limiter.state();
  const now = ctx.run.convert.now();
  // Gong states totalRecords on every page; without it, count what has been listed.
  const leftCalls = () => (ids ? ids.length - pos.index : Math.max(0, (pos.total ?? pos.before + (pageCalls?.length ?? 0)) - pos.before - pos.index));
  const inHand = ids ? Math.min(ID_BATCH, leftCalls()) : Math.max(0, (pageCalls?.length ?? 0) - pos.index);
  const perTranscriptRequest = Math.min(ID_BATCH, pos.tp ?? ID_BATCH);
  const unknownParties = ids ? ids.slice(pos.index, pos.index + ID_BATCH).filter((id) => !ctx.calls.get(id, now)).length : 0;
  const cost = estimateCost({ calls: leftCalls(), inHand, listing: !ids, unknownParties, perTranscriptRequest }, { state, intervalMs: limiter.intervalMs }, used());
  const result: Record<string, unknown> = {
    query: { terms: terms.map((t) => t.text), match: matchAll ? 'all' : 'any' },
    range: ids ? null : { from_date_time: pos.from ?? null, to_date_time: pos.to ?? null },
    cost,
  };
  if (used() > 0) ctx.note(`Listing the first ${pageCalls?.length ?? 0} call(s) to count them took ${used()} request(s), included in requests_used.`);
  if (input.estimate_only === true) {
    result.stopped = 'estimate_only';
    result.requests_used = used();
    result.next_cursor = encodePosition(pos);
    return result;
  }

  const budget = Math.min(maxRequests, used() + state.remaining_today);
  const hits: Hit[] = [];
  let stopped = 'done' as Stop;
  let searchedNow = 0;
  let withoutTranscript = 0;
  const outOfBudget = (): boolean => {
    if (used() < budget) return false;
    stopped = budget < maxRequests ? 'daily_budget' : 'max_requests';
    return true;
  };
  const finished = (): boolean => (ids ? pos.index >= ids.length : pageCalls !== undefined && pos.index >= pageCalls.length && nextPage === undefined);

  const batch = () => Math.min(ID_BATCH, pos.tp ?? ID_BATCH);
  search: while (!finished()) {
    let chunk: CallInfo[];
    if (ids) {
      const chunkIds = ids.slice(pos.index, pos.index + batch());
      const infos = new Map<string, CallInfo>();
      const unknown: string[] = [];
      for (const id of chunkIds) {
        const info = ctx.calls.get(id, ctx.run.convert.now());
        if (info) infos.set(id, info);
        else unknown.push(id);
      }
      if (unknown.length > 0) {
        if (outOfBudget()) break;
        for (const [id, info] of await callInfos(ctx, unknown)) infos.set(id, info);
      }
      chunk = chunkIds.map((id) => infos.get(id) ?? { id, parties: [] });
    } else {
      if (pageCalls === undefined) {
        if (outOfBudget()) break;
        await loadPage();
      }
      if (pos.index >= pageCalls!.length) {
        pos.before += pageCalls!.length;
        pos.page = nextPage ?? null;
        pos.index = 0;
        pageCalls = undefined;
        continue;
      }
      chunk = pageCalls!.slice(pos.index, pos.index + batch());
    }

    // Transcripts arrive page by page; calls are searched in order as soon as theirs is in hand,
    // so a max_hits stop sends no transcript request it does not need.
    const transcripts = new Map<string, CallTranscript>();
    let cursor: string | undefined;
    let complete: boolean;
    let i = 0;
    while (i < chunk.length) {
      if (outOfBudget()) break search;
      const page = await transcriptPage(ctx, chunk.map((c) => c.id), cursor);
      for (const t of page?.items ?? []) transcripts.set(t.callId, t);
      cursor = nextCursor(cursor, page?.nextCursor, transcriptsRequest(ctx));
      complete = cursor === undefined;
      if (!complete && page && page.items.length > 0) pos.tp = Math.min(pos.tp ?? ID_BATCH, page.items.length);
      for (; i < chunk.length; i++) {
        const call = chunk[i]!;
        const t = transcripts.get(call.id);
        if (!t && !complete) break; // its transcript may be on the next page
        if (!t) {
          withoutTranscript += 1;
        } else {
          const found = findHits(call.id, call, t.transcript, terms, { context, matchAll, speakers: who }).slice(pos.skip);
          const room = maxHits - hits.length;
          hits.push(...found.slice(0, room));
          if (found.length > room) {
            pos.skip += room; // the cursor resumes at this call's next hit
            stopped = 'max_hits';
            break search;
          }
        }
        pos.index += 1;
        pos.skip = 0;
        searchedNow += 1;
        if (hits.length >= maxHits && !finished()) {
          stopped = 'max_hits';
          break search;
        }
      }
    }
  }

  pos.searched += searchedNow;
  pos.hits += hits.length;
  const done = finished();
  result.hits = hits;
  result.hit_count = hits.length;
  result.progress = {
    searched_this_call: searchedNow,
    searched_total: pos.searched,
    calls_in_range: pos.total ?? null,
    remaining_calls: done ? 0 : leftCalls(),
    hits_total: pos.hits,
  };
  if (withoutTranscript > 0) ctx.note(`${withoutTranscript} call(s) had no transcript (not recorded, not processed yet, or not visible to these credentials).`);
  if (!done && stopped === 'max_requests' && searchedNow === 0) {
    ctx.note(`max_requests ${maxRequests} is too small to search even one more call (a resumed listing search re-lists its page first): raise it.`);
  }
  result.stopped = done ? 'done' : stopped;
  result.requests_used = used();
  if (!done) {
    result.next_cursor = encodePosition(pos);
    ctx.note(stopped === 'max_hits'
      ? 'Stopped at max_hits: call again with the same inputs plus cursor = next_cursor for the next hits.'
      : stopped === 'daily_budget'
        ? "Stopped: today's Gong request quota is used up. Call again with cursor = next_cursor after it resets at 00:00 UTC to continue exactly here."
        : `Stopped at max_requests (${maxRequests}): call again with cursor = next_cursor (raise max_requests to go further per call) to continue exactly here.`);
  }
  return result;
};
