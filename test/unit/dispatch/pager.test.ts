// The one cursor loop (src/dispatch/pager.ts): pages in order, the end of the cursor, the loop
// guards (a cursor that does not move, or comes back A→B→A), the request budget and the deadline —
// in the pager itself and in every tool that pages.
import { describe, expect, it } from 'vitest';
import { createConnector } from '../../../src/connector.js';
import { pages, type Pager } from '../../../src/dispatch/pager.js';
import { MalformedResponseError, TimeoutError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import type { Transport, TransportRequest, TransportResponse } from '../../../src/transport/types.js';

const WHERE = { tool: 'gong_x', method: 'POST', path: '/v2/x' };
const LOOP_MESSAGE = 'Gong returned the same cursor again for POST /v2/x; stopped paging to avoid a loop.';

interface TestPage { data: string; nextCursor?: string | undefined }

async function collect<P>(pager: Pager<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pager) out.push(page);
  return out;
}

/** A pager over a table cursor → next cursor, recording what it sent. */
function table(next: Record<string, string | undefined>, extra: Partial<Parameters<typeof pages<TestPage>>[0]> = {}) {
  const sent: Array<string | undefined> = [];
  const pager = pages<TestPage>({
    where: WHERE,
    fetch: async (cursor) => {
      sent.push(cursor);
      return { data: cursor ?? 'start', nextCursor: next[cursor ?? 'start'] };
    },
    cursorOf: (p) => p.nextCursor,
    ...extra,
  });
  return { pager, sent };
}

describe('pages()', () => {
  it('sends each cursor Gong gives, in order, and stops at a page without one', async () => {
    const { pager, sent } = table({ start: 'a', a: 'b', b: '' });
    const got = await collect(pager);
    expect(sent).toEqual([undefined, 'a', 'b']);
    expect(got.map((p) => p.data)).toEqual(['start', 'a', 'b']);
    expect(pager.stopped).toBe('end');
    expect(pager.next).toBeUndefined();
    expect(pager.fetched).toBe(3);
  });

  it('starts from a given cursor, and stops at once when nothing was sent (a dry run)', async () => {
    const sent: Array<string | undefined> = [];
    const pager = pages<TestPage>({ where: WHERE, first: 'resume', fetch: async (cursor) => { sent.push(cursor); return undefined; }, cursorOf: (p) => p.nextCursor });
    expect(await collect(pager)).toEqual([]);
    expect(sent).toEqual(['resume']);
    expect(pager.stopped).toBe('dry_run');
  });

  it('throws a MalformedResponseError when Gong returns the cursor it was just sent', async () => {
    const { pager, sent } = table({ start: 'stuck', stuck: 'stuck' });
    const error = await collect(pager).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ message: LOOP_MESSAGE, tool: 'gong_x', method: 'POST', path: '/v2/x' });
    expect(sent).toHaveLength(2);
  });

  it('throws when a cursor comes back (A→B→A), after three requests', async () => {
    const { pager, sent } = table({ start: 'A', A: 'B', B: 'A' });
    await expect(collect(pager)).rejects.toThrow(LOOP_MESSAGE);
    expect(sent).toEqual([undefined, 'A', 'B']);
  });

  it('a resumed pager treats its first cursor as seen', async () => {
    const { pager, sent } = table({ A: 'B', B: 'A' }, { first: 'A' });
    await expect(collect(pager)).rejects.toThrow(LOOP_MESSAGE);
    expect(sent).toEqual(['A', 'B']);
  });

  it('stops with `budget` when the request budget says no, and keeps the cursor to resume from', async () => {
    let allowed = 2;
    const { pager, sent } = table({ start: 'a', a: 'b', b: 'c', c: '' }, { mayFetch: () => allowed-- > 0 });
    const got = await collect(pager);
    expect(got).toHaveLength(3);
    expect(sent).toEqual([undefined, 'a', 'b']);
    expect(pager.stopped).toBe('budget');
    expect(pager.next).toBe('c');
  });

  it('at the deadline: throws a TimeoutError by default, or stops with the cursor when asked', async () => {
    let now = 0;
    const clock = { deadlineAt: 100, now: () => now };
    const throwing = table({ start: 'a', a: '' }, clock);
    const it1 = throwing.pager[Symbol.asyncIterator]();
    await it1.next();
    now = 100;
    await expect(it1.next()).rejects.toBeInstanceOf(TimeoutError);
    expect(throwing.sent).toEqual([undefined]);
    now = 0;
    const stopping = table({ start: 'a', a: '' }, { ...clock, onDeadline: 'stop' });
    const it2 = stopping.pager[Symbol.asyncIterator]();
    await it2.next();
    now = 100;
    expect((await it2.next()).done).toBe(true);
    expect(stopping.pager.stopped).toBe('deadline');
    expect(stopping.pager.next).toBe('a');
  });

  it('a consumer that stops early leaves `caller` and the next cursor', async () => {
    const { pager } = table({ start: 'a', a: 'b', b: '' });
    for await (const page of pager) if (page.data === 'a') break;
    expect(pager.stopped).toBe('caller');
    expect(pager.next).toBe('b');
  });
});

/** A Gong that answers every request with an empty page and the next cursor from a table ('' = none sent). */
function circularGong(next: Record<string, string>): { transport: Transport; requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  const transport: Transport = {
    kind: 'test',
    describe: () => 'circular cursor test transport',
    companyKey: () => 'circular',
    async send(req): Promise<TransportResponse> {
      requests.push(req);
      const fromQuery = req.query.find(([k]) => k === 'cursor')?.[1];
      const fromBody = req.body?.kind === 'json' ? (JSON.parse(req.body.text) as { cursor?: string }).cursor : undefined;
      const cursor = next[fromQuery ?? fromBody ?? '']!;
      const body = { requestId: 'r', records: { totalRecords: 3, currentPageSize: 1, currentPageNumber: 0, cursor }, calls: [], callTranscripts: [], users: [] };
      return { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) };
    },
  };
  return { transport, requests };
}
const stuckGong = () => circularGong({ '': 'stuck', stuck: 'stuck' });
/** none → A → B → A → … */
const cyclingGong = () => circularGong({ '': 'A', A: 'B', B: 'A' });

describe('tools that page by themselves stop on a cursor that does not move', () => {
  it.each([
    ['gong_calls_transcript_text', { call_ids: ['1'] }, '/v2/calls/transcript'],
    ['gong_calls_search', { query: 'pricing', from_date_time: '2026-01-01T00:00:00Z', to_date_time: '2026-02-01T00:00:00Z' }, '/v2/calls/extensive'],
    ['gong_engage_tasks_list', { assignee_email: 'dana@seller.example' }, '/v2/users'],
  ])('%s', async (tool, input, path) => {
    const gong = stuckGong();
    const connector = createConnector({ transport: gong.transport, env: {}, rateLimitPerSecond: 10_000, limiterStore: new MemoryLimiterStore() });
    try {
      const error = await connector.executeTool(tool, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toContain(`same cursor again for ${path === '/v2/users' ? 'GET' : 'POST'} ${path}`);
      expect(gong.requests.length).toBeLessThanOrEqual(3);
    } finally {
      await connector.close();
    }
  });
});

describe('every paging tool stops within a few requests on an A→B→A cursor', () => {
  const RANGE = { from_date_time: '2026-01-01T00:00:00Z', to_date_time: '2026-02-01T00:00:00Z' };
  it.each([
    ['gong_calls_transcript_text', { call_ids: ['1'] }, 'POST /v2/calls/transcript'],
    ['gong_calls_search', { query: 'pricing', ...RANGE, max_requests: 5 }, 'POST /v2/calls/extensive'],
    ['gong_calls_search', { query: 'pricing', call_ids: ['1'], max_requests: 5 }, 'POST /v2/calls/extensive'],
    ['gong_calls_transcript_text', { call_ids: ['1', '2', '3'] }, 'POST /v2/calls/transcript'],
    ['gong_engage_tasks_list', { assignee_email: 'dana@seller.example' }, 'GET /v2/users'],
    ['gong_users_list', { limit: 1000 }, 'GET /v2/users'],
    ['gong_calls_transcript_get', { call_ids: ['1', '2'] }, 'POST /v2/calls/transcript'],
    ['gong_calls_list', RANGE, 'GET /v2/calls', { all: true }],
  ].map(([tool, input, request, options]) => [tool, input, request, options ?? {}] as [string, Record<string, unknown>, string, { all?: boolean }]))('%s %j', async (tool, input, request, options) => {
    const gong = cyclingGong();
    const connector = createConnector({ transport: gong.transport, env: {}, rateLimitPerSecond: 10_000, limiterStore: new MemoryLimiterStore() });
    try {
      const error = await connector.executeTool(tool, input, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).message).toContain(`same cursor again for ${request}`);
      expect(gong.requests.length).toBeLessThanOrEqual(4);
    } finally {
      await connector.close();
    }
  });

  it('connector.iterate stops too', async () => {
    const gong = cyclingGong();
    const connector = createConnector({ transport: gong.transport, env: {}, rateLimitPerSecond: 10_000, limiterStore: new MemoryLimiterStore() });
    try {
      const pulled: number[] = [];
      const error = await (async () => { for await (const item of connector.iterate('gong_users_list', {})) if (item.kind === 'records') pulled.push(item.page); })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect(pulled).toEqual([1, 2]);
      expect(gong.requests).toHaveLength(3);
    } finally {
      await connector.close();
    }
  });
});
