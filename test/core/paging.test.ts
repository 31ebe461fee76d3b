// Cursor paging decided once (src/dispatch/paging.ts): pages in order, the end of the cursor,
// and the same-cursor loop guard — in the helper and in the tools that page by themselves.
import { describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector.js';
import { eachPage, nextCursor } from '../../src/dispatch/paging.js';
import { MalformedResponseError } from '../../src/http/errors.js';
import { MemoryLimiterStore } from '../../src/pipeline/limiter.js';
import type { Transport, TransportRequest, TransportResponse } from '../../src/transport/types.js';

const WHERE = { tool: 'gong_x', method: 'POST', path: '/v2/x' };
const LOOP_MESSAGE = 'Gong returned the same cursor again for POST /v2/x; stopped paging to avoid a loop.';

async function collect<P>(pages: AsyncGenerator<P, void, undefined>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('eachPage', () => {
  it('sends each cursor Gong gives, in order, and stops at a page without one', async () => {
    const sent: Array<string | undefined> = [];
    const next: Record<string, string | undefined> = { start: 'a', a: 'b', b: '' };
    const pages = await collect(eachPage(WHERE, async (cursor) => {
      sent.push(cursor);
      return { data: cursor ?? 'start', nextCursor: next[cursor ?? 'start'] };
    }));
    expect(sent).toEqual([undefined, 'a', 'b']);
    expect(pages.map((p) => p.data)).toEqual(['start', 'a', 'b']);
  });

  it('starts from a given cursor, and stops after an undefined page (nothing was sent: a dry run)', async () => {
    const sent: Array<string | undefined> = [];
    const pages = await collect(eachPage(WHERE, async (cursor) => {
      sent.push(cursor);
      return undefined;
    }, 'resume'));
    expect(sent).toEqual(['resume']);
    expect(pages).toEqual([undefined]);
  });

  it('throws a MalformedResponseError when Gong returns the cursor it was just sent', async () => {
    let calls = 0;
    const pages = eachPage(WHERE, async () => {
      calls += 1;
      return { nextCursor: 'stuck' };
    });
    const error = await collect(pages).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ message: LOOP_MESSAGE, tool: 'gong_x', method: 'POST', path: '/v2/x' });
    expect(calls).toBe(2);
  });

  it('nextCursor: undefined at the end, the cursor otherwise', () => {
    expect(nextCursor('a', undefined, WHERE)).toBeUndefined();
    expect(nextCursor('a', '', WHERE)).toBeUndefined();
    expect(nextCursor(undefined, 'a', WHERE)).toBe('a');
    expect(() => nextCursor('a', 'a', WHERE)).toThrow(LOOP_MESSAGE);
  });
});

/** A Gong that answers every request with an empty page and the same cursor. */
function stuckGong(): { transport: Transport; requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  const transport: Transport = {
    kind: 'test',
    describe: () => 'stuck cursor test transport',
    companyKey: () => 'stuck',
    async send(req): Promise<TransportResponse> {
      requests.push(req);
      const body = { requestId: 'r', records: { totalRecords: 1000, currentPageSize: 0, currentPageNumber: 0, cursor: 'stuck' }, calls: [], callTranscripts: [], users: [] };
      return { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) };
    },
  };
  return { transport, requests };
}

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
