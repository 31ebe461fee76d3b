// gong_calls_search: keyword and phrase search over live transcripts (pitfalls.md §10.4). It lists
// the calls in range with their parties (one request per 100 calls), fetches their transcripts
// (one request per 100 calls), and returns each hit with speaker, offset and context. It states its
// cost before it starts, never sends more than max_requests, and hands back a cursor that resumes
// exactly where it stopped — in this turn, or another day once the quota has refilled.
import { InvalidInputError } from '../../http/errors.js';
import { findHits, type Hit } from '../../render/hits.js';
import { parseQuery } from '../../render/query.js';
import type { SliceSpec } from '../../render/slice.js';
import type { CallInfo } from '../../render/types.js';
import { callInfos, callsPage, ID_BATCH, transcriptPage, type CallFilter } from './call-data.js';
import { estimateCost } from './search-cost.js';
import { decodePosition, encodePosition, fingerprint, type SearchPosition } from './search-position.js';
import type { Handler } from './types.js';

type Stop = 'done' | 'max_requests' | 'max_hits' | 'daily_budget';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function filterOf(input: Readonly<Record<string, unknown>>, pos: SearchPosition): CallFilter {
  const filter: CallFilter = {};
  if (pos.from) filter.fromDateTime = pos.from;
  if (pos.to) filter.toDateTime = pos.to;
  const ws = str(input.workspace_id);
  if (ws) filter.workspaceId = ws;
  if (Array.isArray(input.primary_user_ids)) filter.primaryUserIds = input.primary_user_ids.map(String);
  return filter;
}

export const callsSearch: Handler = async (ctx, input) => {
  const tool = ctx.tool.name;
  const terms = parseQuery(String(input.query));
  if (terms.length === 0) throw new InvalidInputError({ message: `${tool}: query has no words to search for.`, tool, field: 'query' });
  const matchAll = input.match === 'all';
  const context = typeof input.context_sentences === 'number' ? input.context_sentences : 2;
  const maxHits = typeof input.max_hits === 'number' ? input.max_hits : 50;
  const maxRequests = typeof input.max_requests === 'number' ? input.max_requests : 30;
  const callIds = Array.isArray(input.call_ids) ? [...new Set(input.call_ids.map(String))] : undefined;
  const who: SliceSpec = {};
  if (Array.isArray(input.speakers)) who.speakers = input.speakers.map(String);
  if (typeof input.affiliation === 'string') who.affiliation = input.affiliation;
  const fp = fingerprint([input.query, input.match ?? 'any', callIds ?? null, input.workspace_id ?? null, input.primary_user_ids ?? null, who]);

  let pos: SearchPosition;
  const token = str(input.cursor);
  if (token) {
    pos = decodePosition(token, fp, tool);
    if ((str(input.from_date_time) ?? pos.from) !== pos.from || (str(input.to_date_time) ?? pos.to) !== pos.to) {
      ctx.note(`Resumed with the search's original range ${pos.from ?? 'start'} to ${pos.to ?? 'now'} (a relative range is not recomputed on resume).`);
    }
  } else {
    pos = { fp, list: callIds ? false : null, pending: callIds ?? [], skip: {}, listed: callIds?.length ?? 0, searched: 0, hits: 0 };
    const from = str(input.from_date_time);
    const to = str(input.to_date_time);
    if (from) pos.from = from;
    if (to) pos.to = to;
    if (callIds) pos.total = callIds.length;
  }
  const filter = filterOf(input, pos);
  if (callIds) {
    // Dates narrow given ids only through the listing; with ids there is none, so say so.
    if (pos.from || pos.to) ctx.note('call_ids given: the date range is not applied; every listed id is searched.');
  }

  const startedAt = ctx.run.call.requests;
  const used = () => ctx.run.call.requests - startedAt;
  const known = new Map<string, CallInfo>();
  const listNext = async (): Promise<boolean> => {
    const page = await callsPage(ctx, filter, pos.list === null || pos.list === false ? undefined : pos.list);
    if (!page) return false;
    for (const c of page.items) known.set(c.id, c);
    pos.pending.push(...page.items.map((c) => c.id));
    pos.listed += page.items.length;
    if (page.total !== undefined) pos.total = page.total;
    pos.list = page.next ?? false;
    return true;
  };

  // Counting: a fresh listing needs its first page to know how many calls are in range.
  if (pos.list === null && !(await listNext())) {
    ctx.note('Dry run: later requests depend on the listing and are not shown.');
    return {};
  }
  if (ctx.run.dryRun) {
    ctx.note('Dry run: the search would fetch parties and transcripts for these calls, 100 per request.');
    return {};
  }
  const limiter = ctx.run.client.limiter;
  const state = await limiter.state();
  const now = ctx.run.convert.now();
  const uncached = pos.pending.filter((id) => !known.has(id) && !ctx.calls.get(id, now)).length;
  const cost = estimateCost(pos, uncached, { state, intervalMs: limiter.intervalMs });
  const budget = Math.min(maxRequests, used() + state.remaining_today);
  const result: Record<string, unknown> = {
    query: { terms: terms.map((t) => t.text), match: matchAll ? 'all' : 'any' },
    range: { from_date_time: pos.from ?? null, to_date_time: pos.to ?? null },
    cost,
  };
  if (used() > 0) ctx.note(`Counting the calls in range took ${used()} request(s), included in requests_used.`);
  if (input.estimate_only === true) {
    result.requests_used = used();
    result.next_cursor = encodePosition(pos);
    result.stopped = 'estimate_only';
    return result;
  }

  const hits: Hit[] = [];
  let stopped = 'done' as Stop;
  let searchedNow = 0;
  let withoutTranscript = 0;
  const outOfBudget = (): boolean => {
    if (used() < budget) return false;
    stopped = budget < maxRequests ? 'daily_budget' : 'max_requests';
    return true;
  };

  search: for (;;) {
    if (pos.pending.length === 0) {
      if (pos.list === false) break;
      if (outOfBudget()) break;
      await listNext();
      continue;
    }
    const chunk = pos.pending.slice(0, ID_BATCH);
    const infos = new Map<string, CallInfo>();
    const unknown: string[] = [];
    for (const id of chunk) {
      const info = known.get(id) ?? ctx.calls.get(id, ctx.run.convert.now());
      if (info) infos.set(id, info);
      else unknown.push(id);
    }
    if (unknown.length > 0) {
      if (outOfBudget()) break;
      for (const [id, info] of await callInfos(ctx, unknown)) infos.set(id, info);
    }
    const done = new Set<string>();
    let cursor: string | undefined;
    let complete = false;
    do {
      if (outOfBudget()) break;
      const page = await transcriptPage(ctx, chunk, cursor);
      if (!page) break search;
      for (const t of page.items) {
        if (!chunk.includes(t.callId) || done.has(t.callId)) continue;
        let found = findHits(t.callId, infos.get(t.callId), t.transcript, terms, { context, matchAll, speakers: who });
        const skip = pos.skip[t.callId] ?? 0;
        found = found.slice(skip);
        const room = maxHits - hits.length;
        hits.push(...found.slice(0, room));
        if (found.length > room) {
          // Stop inside this call; the cursor resumes at its next hit.
          pos.pending = [t.callId, ...pos.pending.filter((id) => id !== t.callId)];
          pos.skip[t.callId] = skip + room;
          stopped = 'max_hits';
          break search;
        }
        done.add(t.callId);
        pos.pending = pos.pending.filter((id) => id !== t.callId);
        delete pos.skip[t.callId];
        searchedNow += 1;
        if (hits.length >= maxHits && (pos.pending.length > 0 || pos.list !== false)) {
          stopped = 'max_hits';
          break search;
        }
      }
      cursor = page.next;
      complete = cursor === undefined;
    } while (!complete);
    if (!complete) break;
    // Calls Gong returned no transcript for are searched too: there is nothing in them.
    const silent = chunk.filter((id) => !done.has(id));
    withoutTranscript += silent.length;
    searchedNow += silent.length;
    pos.pending = pos.pending.filter((id) => !silent.includes(id));
    for (const id of silent) delete pos.skip[id];
  }

  pos.searched += searchedNow;
  pos.hits += hits.length;
  const finished = pos.pending.length === 0 && pos.list === false;
  if (finished) stopped = 'done';
  result.hits = hits;
  result.hit_count = hits.length;
  result.progress = {
    searched_this_call: searchedNow,
    searched_total: pos.searched,
    calls_in_range: pos.total ?? null,
    remaining_calls: finished ? 0 : pos.pending.length + Math.max(0, (pos.total ?? pos.listed) - pos.listed),
    hits_total: pos.hits,
  };
  if (withoutTranscript > 0) ctx.note(`${withoutTranscript} call(s) had no transcript (not recorded, not processed yet, or not visible to these credentials).`);
  result.stopped = stopped;
  result.requests_used = used();
  if (!finished) {
    result.next_cursor = encodePosition(pos);
    ctx.note(stopped === 'max_hits'
      ? 'Stopped at max_hits: pass next_cursor (same query and filters) to get the next hits.'
      : `Stopped at the request budget (${stopped === 'daily_budget' ? "today's remaining Gong quota" : `max_requests ${maxRequests}`}): pass next_cursor to continue exactly here${stopped === 'daily_budget' ? ' after the daily quota resets at 00:00 UTC' : ''}.`);
  }
  return result;
};
