// The result budget (max_chars) and the answer's shape (response_format, fields) on the sandbox's
// data: cuts fall on record boundaries, a cursor walk returns every record exactly once and asks
// Gong for no page twice, one record over the budget still goes out, concise/detailed/fields keep
// what they say, no id loses a digit, and bad inputs name their field (src/dispatch/window.ts,
// src/dispatch/shape.ts, src/dispatch/page-memory.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import { InvalidInputError } from '../../../src/http/errors.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { testConnector } from '../../support/connector.js';

type Json = Record<string, any>;

let sb: Sandbox;
let connector: Connector;
const credentials = () => ({ accessKey: sb.credentials.accessKey, accessKeySecret: sb.credentials.accessKeySecret });
const ALL_TIME = { from_date_time: '2020-01-01T00:00:00Z' };

beforeAll(async () => {
  sb = await startSandbox({ seed: 5, rateLimit: false });
  connector = testConnector(sb.baseUrl, credentials());
});
afterAll(async () => {
  await connector.close();
  await sb.close();
});

const size = (r: unknown) => JSON.stringify(r).length;
const requestsOf = (r: Json) => (r.rate_limit as { requests: number }).requests;

/** Follow next_cursor to the end: every result, and the Gong requests they took. */
async function walk(run: (input: Json) => Promise<Json>, tool: string, input: Json, listKey: string): Promise<{ results: Json[]; records: Json[]; requests: number }> {
  const results: Json[] = [];
  let cursor: string | undefined;
  do {
    const r = await run({ ...input, ...(cursor ? { cursor } : {}) });
    results.push(r);
    cursor = r.next_cursor as string | undefined;
    expect(results.length).toBeLessThan(500);
  } while (cursor);
  return { results, records: results.flatMap((r) => r[listKey] as Json[]), requests: results.reduce((n, r) => n + requestsOf(r), 0) };
}

describe('max_chars', () => {
  it('cuts at a record boundary: what is returned fits, and the next record would not have', async () => {
    const whole = await connector.executeTool('gong_calls_list', { ...ALL_TIME, max_chars: 1_000_000 });
    const all = whole.calls as Json[];
    for (const max of [2_000, 5_000, 24_000]) {
      const r = await connector.executeTool('gong_calls_list', { ...ALL_TIME, max_chars: max });
      const got = r.calls as Json[];
      expect(size(r)).toBeLessThanOrEqual(max);
      expect(got).toEqual(all.slice(0, got.length));
      expect(got.length).toBeLessThan(all.length);
      // One record more would have crossed the budget.
      expect(size({ ...r, calls: all.slice(0, got.length + 1) })).toBeGreaterThan(max - 1_200);
      expect(r.next_cursor).toMatch(/^gc1\./);
      expect(r.notes).toContainEqual(expect.stringMatching(new RegExp(`^showed ${got.length} of ${all.length > 0 ? r.total_records : ''} calls \\(max_chars ${max}\\); pass next_cursor`)));
    }
  });

  it('the default budget (24,000) holds for the heaviest default pages', async () => {
    for (const [tool, input] of [['gong_calls_extensive_list', ALL_TIME], ['gong_calls_list', ALL_TIME], ['gong_users_list', {}], ['gong_stats_scorecards_list', { call_from_date: '2020-01-01' }]] as const) {
      const r = await connector.executeTool(tool, input);
      expect(size(r), tool).toBeLessThanOrEqual(24_000);
    }
  });

  it('a cursor walk returns every record exactly once, with as many Gong requests as a walk without cuts', async () => {
    const run = (i: Json) => connector.executeTool('gong_calls_extensive_list', i);
    const uncut = await walk(run, 'gong_calls_extensive_list', { ...ALL_TIME, max_chars: 1_000_000, fields: ['metaData.id'] }, 'calls');
    const cut = await walk(run, 'gong_calls_extensive_list', { ...ALL_TIME, max_chars: 20_000 }, 'calls');
    const ids = (rs: Json[]) => rs.map((c) => c.metaData.id as string);
    expect(cut.results.length).toBeGreaterThan(uncut.results.length * 5);
    expect(ids(cut.records)).toEqual(ids(uncut.records));
    expect(new Set(ids(cut.records)).size).toBe(sb.data.calls.length);
    expect(cut.requests).toBe(uncut.requests);
  });

  it('across id batches and with a limit, the walk still returns each record once and repeats no request', async () => {
    const callIds = sb.data.calls.slice(0, 150).map((c) => c.metaData.id);
    const run = (i: Json) => connector.executeTool('gong_calls_get', i);
    const cut = await walk(run, 'gong_calls_get', { call_ids: callIds, max_chars: 12_000 }, 'calls');
    expect(cut.records.map((c) => c.metaData.id)).toEqual(callIds);
    expect(cut.requests).toBe(2); // one per batch of 100
    const limited = await walk((i) => connector.executeTool('gong_calls_list', i), 'gong_calls_list', { ...ALL_TIME, limit: 250, max_chars: 9_000 }, 'calls');
    expect(new Set(limited.records.map((c) => c.id)).size).toBe(limited.records.length);
    expect(limited.records.map((c) => c.id)).toEqual(sb.data.calls.map((c) => c.metaData.id).slice(0, limited.records.length));
  });

  it('without the page memory (a new process per call, as on the command line) a resume re-requests only the page it resumes inside', async () => {
    const input = { ...ALL_TIME, max_chars: 30_000 };
    const results: Json[] = [];
    let cursor: string | undefined;
    do {
      const fresh = testConnector(sb.baseUrl, credentials());
      try {
        results.push(await fresh.executeTool('gong_calls_list', { ...input, ...(cursor ? { cursor } : {}) }));
      } finally {
        await fresh.close();
      }
      cursor = results.at(-1)!.next_cursor as string | undefined;
    } while (cursor);
    const records = results.flatMap((r) => r.calls as Json[]);
    expect(records.map((c) => c.id)).toEqual(sb.data.calls.map((c) => c.metaData.id));
    // The exact rule: each call asks for one page; a call that resumes inside a page asks for it again.
    const pages = Math.ceil(sb.data.calls.length / 100);
    const skipOf = (cursor: string) => (cursor.startsWith('gc1.') ? (JSON.parse(Buffer.from(cursor.slice(4), 'base64url').toString()) as { s: number }).s : 0);
    const resumedInside = results.slice(0, -1).filter((r) => skipOf(String(r.next_cursor)) > 0).length;
    expect(results.reduce((n, r) => n + requestsOf(r), 0)).toBe(pages + resumedInside);
    expect(resumedInside).toBeGreaterThan(0);
  });

  it('one record larger than the budget is returned whole with a note, and the walk moves on', async () => {
    // Records a route cannot cut inside (raw transcripts can: test/unit/dispatch/split.test.ts).
    const callIds = sb.data.calls.slice(0, 3).map((c) => c.metaData.id);
    const input = { call_ids: callIds, response_format: 'detailed', max_chars: 2_000 };
    const first = await connector.executeTool('gong_calls_get', input);
    expect(first.calls).toHaveLength(1);
    expect(size((first.calls as Json[])[0])).toBeGreaterThan(2_000);
    expect(first.notes).toContainEqual(expect.stringMatching(/one record of calls alone is \d+ characters, over max_chars 2000; it was returned whole/));
    const all = await walk((i) => connector.executeTool('gong_calls_get', i), 'gong_calls_get', input, 'calls');
    expect(all.records.map((t) => t.metaData.id).sort()).toEqual([...callIds].sort());
    expect(all.results).toHaveLength(3);
    expect(all.requests).toBe(1);
  });

  it('a list Gong sends whole (no paging) is cut and resumed the same way, from the page memory', async () => {
    const whole = await connector.executeTool('gong_trackers_list', { max_chars: 1_000_000 });
    const all = whole.keywordTrackers as Json[];
    const cut = await walk((i) => connector.executeTool('gong_trackers_list', i), 'gong_trackers_list', { max_chars: 2_000 }, 'keywordTrackers');
    expect(cut.results.length).toBeGreaterThan(1);
    expect(cut.records).toEqual(all);
    expect(cut.requests).toBe(1);
    for (const r of cut.results) expect(size(r)).toBeLessThanOrEqual(2_000);
  });

  it('is not applied to streams (constant memory) nor to --all without max_chars', async () => {
    let streamed = 0;
    for await (const item of connector.iterate('gong_calls_list', { ...ALL_TIME, max_chars: 2_000 })) if (item.kind === 'records') streamed += item.records.length;
    expect(streamed).toBe(sb.data.calls.length);
    const all = await connector.executeTool('gong_calls_list', ALL_TIME, { all: true });
    expect(all.calls).toHaveLength(sb.data.calls.length);
    const capped = await connector.executeTool('gong_calls_list', { ...ALL_TIME, max_chars: 5_000 }, { all: true });
    expect(size(capped)).toBeLessThanOrEqual(5_000);
  });
});

describe('response_format and fields', () => {
  const firstCalls = () => sb.data.calls.slice(0, 5).map((c) => c.metaData.id);

  it('detailed returns Gong\'s fields as they come; concise keeps what an agent acts on and drops the rest', async () => {
    const ids = firstCalls();
    const detailed = await connector.executeTool('gong_calls_get', { call_ids: ids, response_format: 'detailed', max_chars: 1_000_000 });
    const concise = await connector.executeTool('gong_calls_get', { call_ids: ids, max_chars: 1_000_000 });
    expect(detailed.requestId).toEqual(expect.any(String));
    expect(detailed.records).toBeDefined();
    expect(concise.requestId).toBeUndefined();
    expect(concise.records).toBeUndefined();
    expect(concise.record_count).toBe(5);
    const d = detailed.calls as Json[];
    const c = concise.calls as Json[];
    c.forEach((call, i) => {
      const raw = d[i]!;
      for (const key of ['id', 'url', 'title', 'started', 'duration', 'primaryUserId']) expect(call.metaData[key], key).toEqual(raw.metaData[key]);
      expect(call.parties.map((p: Json) => [p.name, p.affiliation])).toEqual(raw.parties.map((p: Json) => [p.name, p.affiliation]));
      expect(call.context).toBeUndefined();
      // Nulls and empties go; zeros stay unless they count something (a 0 value or score is data).
      expect(JSON.stringify(call)).not.toMatch(/:null|:""|:\[\]|:\{\}|[cC]ount":0[,}]/);
    });
    expect(size(concise)).toBeLessThan(size(detailed) * 0.6);
  });

  it('fields keeps only the named paths, through arrays', async () => {
    const r = await connector.executeTool('gong_calls_get', { call_ids: firstCalls(), fields: ['metaData.id', 'metaData.title', 'parties.name'] });
    for (const call of r.calls as Json[]) {
      expect(Object.keys(call).sort()).toEqual(['metaData', 'parties']);
      expect(Object.keys(call.metaData).sort()).toEqual(['id', 'title']);
      for (const p of call.parties) expect(Object.keys(p)).toEqual(['name']);
    }
    const typo = await connector.executeTool('gong_calls_get', { call_ids: firstCalls(), fields: ['metaData.id', 'metadata.title'] });
    expect(typo.notes).toContainEqual(expect.stringContaining('fields "metadata.title" matched nothing'));
  });

  it('keeps every digit of int64 ids in every format', async () => {
    const ids = firstCalls();
    expect(ids.every((id) => /^\d{16,20}$/.test(id) && !Number.isSafeInteger(Number(id)))).toBe(true);
    for (const format of ['concise', 'detailed'] as const) {
      const r = await connector.executeTool('gong_calls_get', { call_ids: ids, response_format: format, fields: ['metaData.id', 'metaData.primaryUserId'] });
      const got = r.calls as Json[];
      expect(got.map((c) => c.metaData.id)).toEqual(ids);
      expect(got.map((c) => c.metaData.primaryUserId)).toEqual(sb.data.calls.slice(0, 5).map((c) => c.metaData.primaryUserId));
    }
  });

  it('a one-document result is shaped as a whole (Gong\'s request id left out when concise)', async () => {
    const r = await connector.executeTool('gong_call_get', { id: firstCalls()[0]! });
    expect((r.call as Json).id).toBe(firstCalls()[0]);
    expect(r.requestId).toBeUndefined();
  });

  it('bad max_chars, response_format or fields are refused naming the field, before anything is sent', async () => {
    const cases: Array<[Json, RegExp]> = [
      [{ max_chars: 10 }, /max_chars/],
      [{ max_chars: 24_000.5 }, /max_chars/],
      [{ max_chars: '24000' }, /max_chars/],
      [{ response_format: 'short' }, /response_format/],
      [{ fields: 'metaData.id' }, /fields/],
      [{ fields: ['metaData..id'] }, /fields/],
      [{ fields: [] }, /fields/],
    ];
    for (const [extra, field] of cases) {
      const error = await connector.executeTool('gong_calls_list', { ...ALL_TIME, ...extra }).then(() => undefined, (e: unknown) => e);
      expect(error, JSON.stringify(extra)).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field, JSON.stringify(extra)).toMatch(field);
    }
  });
});
