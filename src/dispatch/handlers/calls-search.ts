// gong_calls_search: keyword and phrase search over live transcripts (docs/contracts.md#resumable-search). It lists
// the calls in range with their parties (one request per 100 calls), fetches their transcripts
// (one request per 100 calls), and returns each hit with speaker, offset and context. It states its
// cost before it starts, never sends more than max_requests, keeps the result within max_chars, and
// hands back a cursor that resumes exactly where it stopped — in this turn, or another day once the
// quota has refilled. Calls are searched in listing order, which is what makes a short cursor exact.
// What a stopped search already holds stays in this connector's memory: the listing page in hand
// (src/dispatch/page-memory.ts) and the transcripts fetched (src/dispatch/transcript-cache.ts), so
// following next_cursor asks Gong only for what it no longer holds (a new process holds nothing).
import { InvalidInputError } from '../../http/errors.js';
import { findHits, type Hit } from '../../render/hits.js';
import { parseQuery } from '../../render/query.js';
import type { SliceSpec } from '../../render/slice.js';
import type { CallInfo, Monologue } from '../../render/types.js';
import { fingerprint } from '../../util/fingerprint.js';
import { gongOf } from '../context.js';
import type { PageKey } from '../page-memory.js';
import { transcriptMemory } from '../transcript-cache.js';
import { DEFAULT_MAX_CHARS } from '../window.js';
import { callInfos, callsPages, ID_BATCH, transcriptPages, type CallFilter, type Page } from './call-data.js';
import { estimateCost } from './search-cost.js';
import { searchCursor, type SearchPosition } from './search-position.js';
import { HitBudget } from './search-size.js';
import type { Handler } from './types.js';

type Stop = 'done' | 'max_requests' | 'max_hits' | 'max_chars' | 'daily_budget';

/** Counters in `progress` at their widest, so the result's size is measured before they are known. */
const WIDE_PROGRESS = { searched_this_call: 99_999, searched_total: 9_999_999, calls_in_range: 9_999_999, remaining_calls: 9_999_999, hits_total: 9_999_999 };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const callsSearch: Handler = async (ctx, input) => {
  const tool = ctx.tool.name;
  const terms = parseQuery(String(input.query));
  if (terms.length === 0) throw new InvalidInputError({ message: `${tool}: query has no words to search for.`, tool, field: 'query' });
  const matchAll = input.match === 'all';
  const context = typeof input.context_sentences === 'number' ? input.context_sentences : 2;
  const maxHits = typeof input.max_hits === 'number' ? input.max_hits : 50;
  const maxRequests = typeof input.max_requests === 'number' ? input.max_requests : 30;
  // --all asked for everything: no budget unless max_chars says so (as every other read tool).
  const maxChars = typeof input.max_chars === 'number' ? input.max_chars : ctx.run.all ? Number.POSITIVE_INFINITY : DEFAULT_MAX_CHARS;
  const ids = Array.isArray(input.call_ids) ? [...new Set(input.call_ids.map(String))] : undefined;
  const who: SliceSpec = {};
  if (Array.isArray(input.speakers)) who.speakers = input.speakers.map(String);
  if (typeof input.affiliation === 'string') who.affiliation = input.affiliation;
  const fp = fingerprint([input.query, input.match ?? 'any', ids ?? null, input.workspace_id ?? null, input.primary_user_ids ?? null, who]);

  let pos: SearchPosition;
  const token = str(input.cursor);
  const resumed = token !== undefined;
  if (token) {
    pos = searchCursor.decode(token, fp, tool);
    if ((str(input.from_date_time) ?? pos.from) !== pos.from || (str(input.to_date_time) ?? pos.to) !== pos.to) {
      ctx.note(`Resumed with the search's original range ${pos.from ?? 'start'} to ${pos.to ?? 'now'} (a relative range is not recomputed on resume).`);
    }
  } else {
    pos = { page: null, before: 0, index: 0, skip: 0, searched: 0, hits: 0 };
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
  // Listing pages come from the one pager, asked for one at a time; every later page costs a
  // request and is asked for only within the budget. A resumed search takes the page it stopped
  // in from the connector's page memory when it is still there.
  let pageCalls: CallInfo[] | undefined;
  let nextPage: string | undefined;
  let outOfBudget: () => boolean = () => false;
  const pageKey = (): PageKey => ({ tool, inputs: `${fp}|${pos.from ?? ''}|${pos.to ?? ''}`, batch: 0, gongCursor: pos.page ?? undefined });
  let held = resumed && !ids ? (ctx.run.pages?.recall(pageKey()) as Page<CallInfo> | undefined) : undefined;
  let listing: ReturnType<typeof callsPages> | undefined;
  let listed: AsyncIterator<Page<CallInfo>> | undefined;
  const loadPage = async (): Promise<boolean> => {
    let page: Page<CallInfo>;
    if (held) {
      page = held;
      nextPage = held.nextCursor;
      held = undefined;
    } else {
      // The pager asks mayFetch only between its own pages: its first request is checked here (a
      // resume that started from the kept page must not overrun max_requests when it moves on).
      if (!listing && outOfBudget()) return false;
      listing ??= callsPages(ctx, filter, { first: pos.page ?? undefined, mayFetch: () => !outOfBudget() });
      listed ??= listing[Symbol.asyncIterator]();
      const step = await listed.next();
      if (step.done) return false;
      page = step.value;
      nextPage = listing.next;
    }
    pageCalls = page.items;
    if (page.total !== undefined) pos.total = page.total;
    return true;
  };
  /** A stopped listing search keeps its page for the call that follows next_cursor. */
  const keepPage = (): void => {
    if (pageCalls === undefined) return;
    const page: Page<CallInfo> = { items: pageCalls, ...(nextPage !== undefined ? { nextCursor: nextPage } : {}), ...(pos.total !== undefined ? { total: pos.total } : {}) };
    ctx.run.pages?.keep(pageKey(), page as unknown as Record<string, unknown>);
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
  const quota = gongOf(ctx.run, tool).quota;
  const state = await quota.state();
  const now = ctx.run.convert.now();
  // Gong states totalRecords on every page; without it, count what has been listed.
  const leftCalls = () => (ids ? ids.length - pos.index : Math.max(0, (pos.total ?? pos.before + (pageCalls?.length ?? 0)) - pos.before - pos.index));
  const inHand = ids ? Math.min(ID_BATCH, leftCalls()) : Math.max(0, (pageCalls?.length ?? 0) - pos.index);
  const perTranscriptRequest = Math.min(ID_BATCH, pos.tp ?? ID_BATCH);
  const unknownParties = ids ? ids.slice(pos.index, pos.index + ID_BATCH).filter((id) => !ctx.calls.get(id, now)).length : 0;
  const cost = estimateCost({ calls: leftCalls(), inHand, listing: !ids, unknownParties, perTranscriptRequest }, { state, intervalMs: quota.intervalMs }, used());
  const result: Record<string, unknown> = {
    query: { terms: terms.map((t) => t.text), match: matchAll ? 'all' : 'any' },
    range: ids ? null : { from_date_time: pos.from ?? null, to_date_time: pos.to ?? null },
    cost,
  };
  if (used() > 0) ctx.note(`Listing the first ${pageCalls?.length ?? 0} call(s) to count them took ${used()} request(s), included in requests_used.`);
  if (input.estimate_only === true) {
    result.stopped = 'estimate_only';
    result.requests_used = used();
    result.next_cursor = searchCursor.encode(pos, fp);
    keepPage();
    return result;
  }

  const budget = Math.min(maxRequests, used() + state.remaining_today);
  const memory = transcriptMemory(ctx.calls);
  // The result as it would be sent without hits: the cursor and the notes grow as the search goes.
  const shell = JSON.stringify({ ...result, hits: [], hit_count: 99_999, progress: WIDE_PROGRESS, stopped: 'max_requests', requests_used: 99_999 }).length;
  const size = new HitBudget(maxChars, () => shell + searchCursor.encode(pos, fp).length + 40 + (ctx.run.noteChars?.() ?? 0));
  const hits: Hit[] = [];
  let stopped = 'done' as Stop;
  let searchedNow = 0;
  let withoutTranscript = 0;
  outOfBudget = (): boolean => {
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
      if (pageCalls === undefined && !(await loadPage())) break; // the pager stopped at the budget
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
    // so a max_hits or max_chars stop sends no transcript request it does not need. A resumed
    // search first takes what this connector already holds.
    const transcripts = new Map<string, readonly Monologue[] | null>();
    const now = ctx.run.convert.now();
    if (resumed) {
      for (const call of chunk) {
        const t = memory.get(call.id, now);
        if (t !== undefined) transcripts.set(call.id, t);
      }
      if (pos.skip > 0 && !transcripts.has(chunk[0]!.id)) {
        ctx.note('Fetched the transcript of the call this search stopped in again: this connector no longer held it (each new process, such as a CLI command, starts with an empty memory).');
      }
    }
    const wanted = chunk.filter((c) => !transcripts.has(c.id)).map((c) => c.id);
    let i = 0;
    /** Searches the calls whose transcripts are in hand, in order; true when the search stops. */
    const searchInHand = (complete: boolean): boolean => {
      for (; i < chunk.length; i++) {
        const call = chunk[i]!;
        const t = transcripts.get(call.id);
        if (t === undefined && !complete) return false; // its transcript may be on the next page
        if (!t) {
          withoutTranscript += 1;
        } else {
          const found = findHits(call.id, call, t, terms, { context, matchAll, speakers: who }).slice(pos.skip);
          let taken = 0;
          for (const hit of found) {
            if (hits.length >= maxHits) stopped = 'max_hits';
            else if (!size.take(hit)) stopped = 'max_chars';
            else {
              hits.push(hit);
              taken += 1;
              continue;
            }
            break;
          }
          if (taken < found.length) {
            pos.skip += taken; // the cursor resumes at this call's next hit
            return true;
          }
        }
        pos.index += 1;
        pos.skip = 0;
        searchedNow += 1;
        if (hits.length >= maxHits && !finished()) {
          stopped = 'max_hits';
          return true;
        }
      }
      return false;
    };
    if (wanted.length === 0) {
      if (searchInHand(true)) break;
      continue;
    }
    if (outOfBudget()) break;
    const chunkPages = transcriptPages(ctx, wanted, { mayFetch: () => !outOfBudget() });
    for await (const page of chunkPages) {
      const at = ctx.run.convert.now();
      for (const t of page.items) {
        transcripts.set(t.callId, t.transcript);
        memory.put(t.callId, t.transcript, at);
      }
      const complete = chunkPages.next === undefined;
      if (!complete && page.items.length > 0) pos.tp = Math.min(pos.tp ?? ID_BATCH, page.items.length);
      if (complete) for (const id of wanted) if (!transcripts.has(id)) memory.put(id, null, at);
      if (searchInHand(complete)) break search;
      if (i >= chunk.length) break; // every call of the chunk is searched: no further transcript page
    }
    if (chunkPages.stopped === 'budget') break;
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
    ctx.note(`max_requests ${maxRequests} is too small to search even one more call (a resumed listing search re-lists its page first unless this connector still holds it): raise it.`);
  }
  if (size.oversized !== undefined) {
    ctx.note(`One hit alone makes this result ${size.oversized} characters, over max_chars ${maxChars}; it was returned whole. Lower context_sentences or raise max_chars.`);
  }
  result.stopped = done ? 'done' : stopped;
  result.requests_used = used();
  if (!done) {
    result.next_cursor = searchCursor.encode(pos, fp);
    keepPage();
    ctx.note(stopped === 'max_hits'
      ? 'Stopped at max_hits: call again with the same inputs plus cursor = next_cursor for the next hits.'
      : stopped === 'max_chars'
        ? `Showed ${hits.length} hit(s) within max_chars ${maxChars}: call again with the same inputs plus cursor = next_cursor for the next hits, or raise max_chars.`
        : stopped === 'daily_budget'
        ? "Stopped: today's Gong request quota is used up. Call again with cursor = next_cursor after it resets at 00:00 UTC to continue exactly here."
        : `Stopped at max_requests (${maxRequests}): call again with cursor = next_cursor (raise max_requests to go further per call) to continue exactly here.`);
  }
  return result;
};
