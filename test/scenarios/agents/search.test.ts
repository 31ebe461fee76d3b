// gong_calls_search against the sandbox serving scripted calls: hits with context, the cost stated
// up front, the request budget, and cursors that resume exactly (the hits of many small turns equal
// one big one).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorOptions } from '../../../src/connection/options.js';
import type { Connector } from '../../../src/connector.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { testConnector } from '../../support/connector.js';
import { makeCalls } from './support/scripted-calls.js';

type Hit = { call_id: string; offset: string; text: string; speaker: string; affiliation: string; before: string[]; after: string[]; matched: string[] };
type Cost = { calls_to_search: number; estimated_requests: number; share_of_daily_budget: number };
type Result = Record<string, unknown> & { hits: Hit[]; next_cursor?: string; stopped: string; requests_used: number; cost: Cost };

const calls = makeCalls(250);
let sb: Sandbox;
let connector: Connector;
const RANGE = { date_range: { from: '2026-01-01', to: '2026-06-30' } };
/** max_chars at its maximum: the whole answer in one result. */
const ONE_SHOT = 1_000_000;

beforeAll(async () => {
  // Transcripts come 40 to a page here, call listings 100.
  sb = await startSandbox({ seed: 1, rateLimit: false, calls, pageSizes: { getCallTranscripts: 40 } });
});
afterAll(async () => {
  await sb.close();
});
const sandboxConnector = (extra: ConnectorOptions = {}) =>
  testConnector(sb.baseUrl, { accessKey: sb.credentials.accessKey, accessKeySecret: sb.credentials.accessKeySecret, ...extra });
beforeEach(() => {
  sb.clearLog();
  connector = sandboxConnector();
});
afterEach(async () => {
  await connector.close();
});

const search = async (input: Record<string, unknown>) => (await connector.executeTool('gong_calls_search', input)) as Result;

/** Run a search to the end in turns of the given size; returns every hit and the turns taken. */
async function drain(input: Record<string, unknown>): Promise<{ hits: Hit[]; turns: Result[] }> {
  const turns: Result[] = [];
  let r = await search(input);
  turns.push(r);
  while (r.next_cursor) {
    r = await search({ ...input, cursor: r.next_cursor });
    turns.push(r);
    if (turns.length > 500) throw new Error('no progress');
  }
  return { hits: turns.flatMap((t) => t.hits), turns };
}

describe('gong_calls_search', () => {
  it('finds phrases and words with speaker, offset and context', async () => {
    const r = await search({ query: '"security review"', call_ids: [calls[0]!.id], context_sentences: 1 });
    expect(r.hits.length).toBeGreaterThan(0);
    const hit = r.hits[0]!;
    expect(hit).toMatchObject({ call_id: calls[0]!.id, text: 'We need a security review before signing.', matched: ['security review'] });
    expect(hit.offset).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(hit.before).toHaveLength(1);
    expect(hit.after[0]).toMatch(/^\d{2}:\d{2}:\d{2} [A-Z][a-z]+ [A-Z][a-z]+: /);
    expect(r.stopped).toBe('done');
    const prefix = await search({ query: 'pric*', call_ids: [calls[0]!.id] });
    expect(prefix.hits.every((h) => /pricing/i.test(h.text))).toBe(true);
    const none = await search({ query: 'securit', call_ids: [calls[0]!.id] });
    expect(none.hits).toHaveLength(0);
  });

  it('filters by side and needs every term with match all', async () => {
    const ids = calls.slice(0, 30).map((c) => c.id);
    const external = await search({ query: 'budget', call_ids: ids, affiliation: 'External', max_hits: 500 });
    expect(external.hits.length).toBeGreaterThan(0);
    expect(external.hits.every((h) => h.affiliation === 'External')).toBe(true);
    const all = await search({ query: 'budget contract', match: 'all', call_ids: ids, max_hits: 500 });
    const byCall = new Map<string, Set<string>>();
    for (const h of all.hits) for (const m of h.matched) byCall.set(h.call_id, (byCall.get(h.call_id) ?? new Set()).add(m));
    expect([...byCall.values()].every((s) => s.size === 2)).toBe(true);
  });

  it('states its cost before starting, and the estimate matches what a full run sends', async () => {
    const estimate = await search({ query: 'pricing', ...RANGE, estimate_only: true });
    expect(estimate.stopped).toBe('estimate_only');
    expect(sb.log).toHaveLength(1); // the listing page that counts the calls
    expect(estimate.cost).toMatchObject({ calls_to_search: 181, daily_limit: 10_000 });
    expect(estimate.cost.share_of_daily_budget).toBeCloseTo(estimate.cost.estimated_requests / 10_000, 4);
    sb.clearLog();
    const full = await search({ query: 'pricing', ...RANGE, max_hits: 500, max_requests: 100, max_chars: ONE_SHOT, cursor: estimate.next_cursor });
    expect(full.stopped).toBe('done');
    // Gong pages transcripts 40 at a time here, which the first estimate could not know.
    expect(full.requests_used).toBe(sb.log.length);
    expect(full.requests_used).toBeGreaterThanOrEqual(estimate.cost.estimated_requests);
    // Calls outside the range: their parties are not held yet (one request), then one for transcripts.
    const withIds = await search({ query: 'pricing', call_ids: calls.slice(200, 205).map((c) => c.id), estimate_only: true });
    expect(withIds.requests_used).toBe(0);
    expect(withIds.cost).toMatchObject({ calls_to_search: 5, estimated_requests: 2 });
    const listed = await search({ query: 'pricing', call_ids: calls.slice(0, 5).map((c) => c.id), estimate_only: true });
    expect(listed.cost).toMatchObject({ calls_to_search: 5, estimated_requests: 1 });
  });

  it('never sends more than max_requests, and small turns resume to exactly the one-shot result', async () => {
    const input = { query: 'salesforce', ...RANGE, context_sentences: 1 };
    const oneShot = await search({ ...input, max_hits: 500, max_requests: 1000, max_chars: ONE_SHOT });
    expect(oneShot.stopped).toBe('done');
    expect(oneShot.hits.length).toBeGreaterThan(200);

    sb.clearLog();
    const small = await drain({ ...input, max_hits: 500, max_requests: 2 });
    for (const t of small.turns) expect(t.requests_used).toBeLessThanOrEqual(2);
    expect(small.turns.length).toBeGreaterThan(3);
    expect(small.hits).toEqual(oneShot.hits);
    expect(sb.log.length).toBe(small.turns.reduce((n, t) => n + t.requests_used, 0));

    // One request a turn: a resume that starts from the page it holds must not list the next one too.
    sb.clearLog();
    const single = await drain({ ...input, max_hits: 500, max_requests: 1 });
    for (const t of single.turns) expect(t.requests_used).toBeLessThanOrEqual(1);
    expect(single.hits).toEqual(oneShot.hits);
    expect(sb.log.length).toBe(single.turns.reduce((n, t) => n + t.requests_used, 0));

    const byHits = await drain({ ...input, max_hits: 7, max_requests: 1000 });
    for (const t of byHits.turns.slice(0, -1)) expect(t.stopped).toBe('max_hits');
    expect(byHits.hits).toEqual(oneShot.hits);
  });

  it('keeps each result within max_chars, and its cursors return every hit once without asking Gong twice', async () => {
    const input = { query: 'salesforce', ...RANGE, context_sentences: 1, max_hits: 500, max_requests: 1000 };
    const oneShot = await search({ ...input, max_chars: ONE_SHOT });
    expect(oneShot.stopped).toBe('done');
    const oneShotRequests = sb.log.length;

    sb.clearLog();
    const cut = await drain({ ...input, max_chars: 3_000 });
    expect(cut.turns.length).toBeGreaterThan(20);
    for (const t of cut.turns) {
      expect(JSON.stringify(t).length).toBeLessThanOrEqual(3_000);
      expect(t.hits.length).toBeGreaterThan(0);
    }
    for (const t of cut.turns.slice(0, -1)) {
      expect(t.stopped).toBe('max_chars');
      expect((t.notes as string[]).join(' ')).toMatch(/within max_chars 3000: call again with the same inputs plus cursor = next_cursor/);
    }
    expect(cut.turns.at(-1)!.stopped).toBe('done');
    expect(cut.hits).toEqual(oneShot.hits);
    // The listing page and the transcripts a cut result stopped in stay with the connector: no
    // listing page and no call's transcript is asked for twice, and the walk costs what one result does.
    expect(sb.log.length).toBe(cut.turns.reduce((n, t) => n + t.requests_used, 0));
    expect(sb.log.length).toBeLessThanOrEqual(oneShotRequests);
    const listings = sb.log.filter((e) => e.path === '/v2/calls/extensive').map((e) => JSON.stringify((e.body as { cursor?: string }).cursor ?? null));
    expect(new Set(listings).size).toBe(listings.length);
    const transcriptIds = sb.log.filter((e) => e.path === '/v2/calls/transcript' && (e.body as { cursor?: string }).cursor === undefined)
      .flatMap((e) => (e.body as { filter: { callIds: string[] } }).filter.callIds);
    expect(new Set(transcriptIds).size).toBe(transcriptIds.length);

    // The default budget: 24,000 characters.
    const byDefault = await search({ query: 'salesforce', ...RANGE, max_hits: 500 });
    expect(byDefault.stopped).toBe('max_chars');
    expect(JSON.stringify(byDefault).length).toBeLessThanOrEqual(24_000);
  });

  it('returns one hit larger than max_chars whole, and says so', async () => {
    const r = await search({ query: 'salesforce', ...RANGE, context_sentences: 10, max_chars: 2_000 });
    expect(r.hits).toHaveLength(1);
    expect(r.stopped).toBe('max_chars');
    expect((r.notes as string[]).join(' ')).toMatch(/One hit alone makes this result \d+ characters, over max_chars 2000/);
  });

  it('resumes over call ids the same way', async () => {
    const ids = calls.slice(0, 120).map((c) => c.id);
    const oneShot = await search({ query: 'contract', call_ids: ids, max_hits: 500, max_chars: ONE_SHOT });
    const small = await drain({ query: 'contract', call_ids: ids, max_hits: 13, max_requests: 2 });
    expect(small.hits).toEqual(oneShot.hits);
  });

  it('refuses a cursor from another search', async () => {
    const first = await search({ query: 'pricing', ...RANGE, max_hits: 1 });
    await expect(search({ query: 'budget', ...RANGE, cursor: first.next_cursor })).rejects.toMatchObject({ code: 'invalid_input', field: 'cursor' });
    await expect(search({ query: 'pricing', ...RANGE, cursor: 'gs1.bm9wZQ' })).rejects.toMatchObject({ field: 'cursor' });
  });

  it("stops at today's remaining quota and says how to continue", async () => {
    const store = new MemoryLimiterStore();
    const tight = sandboxConnector({ dailyLimit: 3, limiterStore: store });
    const r = (await tight.executeTool('gong_calls_search', { query: 'pricing', ...RANGE, max_requests: 50 })) as Result;
    expect(r.stopped).toBe('daily_budget');
    expect(r.requests_used).toBe(3);
    expect(r.next_cursor).toBeDefined();
    expect((r.rate_limit as { remaining_today: number }).remaining_today).toBe(0);
    expect((r.notes as string[]).join(' ')).toMatch(/resets at 00:00 UTC/);
    await tight.close();
  });
});
