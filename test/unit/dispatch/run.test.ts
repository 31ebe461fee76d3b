import { describe, expect, it } from 'vitest';
import type { ReplyServer } from '../../support/server.js';
import { TEST_KEY, TEST_SECRET, useReplyConnector } from '../../support/connector.js';
import { InvalidInputError, NotFoundError, UnknownToolError } from '../../../src/http/errors.js';
import type { Connector } from '../../../src/connector.js';

let server: ReplyServer;
let connector: Connector;
useReplyConnector((s, c) => { server = s; connector = c; });

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(7782342274025937000n + BigInt(from + i)));

describe('requests built from the manifest', () => {
  it('gong_calls_list: GET /v2/calls with dates and workspace in the query, Basic auth and a User-Agent', async () => {
    server.setHandler(() => ({ body: { requestId: 'r', records: { totalRecords: 1, currentPageSize: 1, currentPageNumber: 0 }, calls: [{ id: '1' }] } }));
    const result = await connector.executeTool('gong_calls_list', {
      from_date_time: '2026-01-01T00:00:00Z', to_date_time: '2026-02-01T00:00:00Z', workspace_id: '123',
    });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/v2/calls' });
    expect([...req!.query]).toEqual([['fromDateTime', '2026-01-01T00:00:00Z'], ['toDateTime', '2026-02-01T00:00:00Z'], ['workspaceId', '123']]);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${TEST_KEY}:${TEST_SECRET}`).toString('base64')}`);
    expect(req!.headers['user-agent']).toMatch(/^gong-connector\/\d+\.\d+\.\d+/);
    expect(result.calls).toEqual([{ id: '1' }]);
    expect(result.next_cursor).toBeUndefined();
    expect(result.rate_limit).toMatchObject({ requests: 1, used_today: 1, daily_limit: 10000 });
  });

  it('gong_calls_list with call_ids switches to POST /v2/calls/extensive with filter.callIds', async () => {
    server.setHandler(() => ({ body: { requestId: 'r', records: { totalRecords: 2 }, calls: [] } }));
    await connector.executeTool('gong_calls_list', { call_ids: '11, 22,11', from_date_time: '2026-01-01T00:00:00Z' });
    expect(server.requests[0]).toMatchObject({
      method: 'POST', path: '/v2/calls/extensive',
      json: { filter: { callIds: ['11', '22'], fromDateTime: '2026-01-01T00:00:00Z' } },
    });
    expect(server.requests[0]!.query.size).toBe(0);
  });

  it('gong_calls_get sends the content selector and splits 250 ids into batches of 100, merged', async () => {
    server.setHandler((req) => {
      const callIds = (req.json as { filter: { callIds: string[] } }).filter.callIds;
      return { body: { requestId: 'r', records: { totalRecords: callIds.length }, calls: callIds.map((id) => ({ metaData: { id } })) } };
    });
    const all = ids(250);
    const result = await connector.executeTool('gong_calls_get', { call_ids: all });
    expect(server.requests.map((r) => (r.json as { filter: { callIds: string[] } }).filter.callIds.length)).toEqual([100, 100, 50]);
    const body = server.requests[0]!.json as Record<string, any>;
    expect(body.contentSelector.exposedFields.parties).toBe(true);
    expect(body.contentSelector.exposedFields.content).toMatchObject({ brief: true, highlights: true, keyPoints: true, callOutcome: true });
    expect(body.contentSelector.context).toBe('Extended');
    expect((result.calls as Array<{ metaData: { id: string } }>).map((c) => c.metaData.id)).toEqual(all);
    expect(result.pages).toBe(3);
    expect(result.record_count).toBe(250);
  });

  it('POST cursors go in the body beside filter; GET cursors in the query', async () => {
    server.setHandler(() => ({ body: { requestId: 'r', records: { cursor: 'NEXT' }, calls: [], users: [] } }));
    const t = await connector.executeTool('gong_calls_extensive_list', { from_date_time: '2026-01-01T00:00:00Z', cursor: 'eyJabc' });
    expect(server.requests[0]!.json).toMatchObject({ filter: { fromDateTime: '2026-01-01T00:00:00Z' }, cursor: 'eyJabc' });
    expect(server.requests[0]!.query.size).toBe(0);
    expect(t.next_cursor).toBe('NEXT');
    await connector.executeTool('gong_users_list', { cursor: 'eyJdef', include_avatars: true });
    expect(server.requests[1]).toMatchObject({ method: 'GET', path: '/v2/users' });
    expect(Object.fromEntries(server.requests[1]!.query)).toMatchObject({ cursor: 'eyJdef', includeAvatars: 'true' });
    expect(server.requests[1]!.text).toBe('');
  });

  it('a batched call follows every page of every batch, and stops on a cursor that does not move', async () => {
    server.setHandler((req) => {
      const cursor = (req.json as { cursor?: string }).cursor;
      return { body: { requestId: 'r', records: cursor ? {} : { cursor: 'P2' }, callTranscripts: [{ callId: cursor ?? 'first' }] } };
    });
    const t = await connector.executeTool('gong_calls_transcript_get', { call_ids: ['1'] });
    expect((t.callTranscripts as Array<{ callId: string }>).map((c) => c.callId)).toEqual(['first', 'P2']);
    server.setHandler(() => ({ body: { requestId: 'r', records: { cursor: 'STUCK' }, callTranscripts: [] } }));
    await expect(connector.executeTool('gong_calls_transcript_get', { call_ids: ['1'] })).rejects.toThrow(/same cursor again/);
    // A cycle A → B → A is caught too.
    server.setHandler((req) => ({ body: { requestId: 'r', records: { cursor: (req.json as { cursor?: string }).cursor === 'A' ? 'B' : 'A' }, callTranscripts: [] } }));
    await expect(connector.executeTool('gong_calls_transcript_get', { call_ids: ['1'] })).rejects.toThrow(/same cursor again/);
  });

  it('limit follows cursors, trims inside a page, and the cursor it returns resumes exactly', async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ id: String(i) }));
    server.setHandler((req) => {
      const page = Number(req.query.get('cursor') ?? '0');
      const slice = users.slice(page * 100, page * 100 + 100);
      const records: Record<string, unknown> = { totalRecords: 250, currentPageSize: slice.length, currentPageNumber: page };
      if (page < 2) records.cursor = String(page + 1);
      return { body: { requestId: 'r', records, users: slice } };
    });
    const first = await connector.executeTool('gong_users_list', { limit: 150 });
    expect((first.users as unknown[]).length).toBe(150);
    expect(server.requests.map((r) => r.query.get('cursor'))).toEqual([null, '1']);
    const second = await connector.executeTool('gong_users_list', { limit: 150, cursor: first.next_cursor as string });
    const got = [...(first.users as Array<{ id: string }>), ...(second.users as Array<{ id: string }>)].map((u) => u.id);
    expect(got).toEqual(users.map((u) => u.id));
    expect(second.next_cursor).toBeUndefined();
  });

  it('a connector cursor is bound to its inputs and range-checked; nothing is sent for a forged one', async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ id: String(i) }));
    server.setHandler((req) => {
      const page = Number(req.query.get('cursor') ?? '0');
      return { body: { requestId: 'r', records: { totalRecords: 250, ...(page < 2 ? { cursor: String(page + 1) } : {}) }, users: users.slice(page * 100, page * 100 + 100) } };
    });
    const first = await connector.executeTool('gong_users_list', { limit: 37, response_format: 'detailed' });
    expect((first.records as Record<string, unknown>).cursor).toBeUndefined();
    const cursor = first.next_cursor as string;
    expect(cursor).toMatch(/^gc1\./);
    server.requests.length = 0;
    const forge = (patch: Record<string, unknown>) => {
      const raw = JSON.parse(Buffer.from(cursor.slice(4), 'base64url').toString()) as Record<string, unknown>;
      return `gc1.${Buffer.from(JSON.stringify({ ...raw, ...patch })).toString('base64url')}`;
    };
    await expect(connector.executeTool('gong_users_list', { limit: 5, cursor: forge({ s: 500 }) })).rejects.toThrow(/past the end of its page/);
    server.requests.length = 0;
    for (const [bad, why] of [[forge({ b: -1 }), /out of range/], [forge({ s: -3 }), /out of range/], [forge({ s: 1e9 }), /out of range/], [forge({ b: 9 }), /out of range/], [forge({ f: 'x' }), /different inputs/], ['gc1.%%%', /not a cursor/]] as const) {
      await expect(connector.executeTool('gong_users_list', { limit: 5, cursor: bad })).rejects.toThrow(why);
    }
    await expect(connector.executeTool('gong_users_list', { include_avatars: true, cursor })).rejects.toThrow(/different inputs/);
    expect(server.requests).toHaveLength(0);
  });

  it('404 "No … found" on a list is an empty list with a note; 404 on an id stays not found', async () => {
    server.setHandler(() => ({ status: 404, body: { requestId: 'r404', errors: ['No calls found corresponding to the provided filters'] } }));
    const empty = await connector.executeTool('gong_calls_list', { from_date_time: '2020-01-01T00:00:00Z' });
    expect(empty.calls).toEqual([]);
    expect(String((empty.notes as string[])[0])).toContain('No calls found');
    server.setHandler(() => ({ status: 404, body: { requestId: 'r404', errors: ['Call ID 123 was not found'] } }));
    const err = await connector.executeTool('gong_call_get', { id: '123' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).requestId).toBe('r404');
  });

  it('a 404 on a list that is not "No … found" (e.g. an unknown workspace) stays an error', async () => {
    server.setHandler(() => ({ status: 404, body: { requestId: 'r', errors: ['Workspace not found'] } }));
    await expect(connector.executeTool('gong_library_folders_list', { workspace_id: '5' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('path parameters are validated and encoded; nothing is sent for bad ids', async () => {
    for (const bad of ['../users', '1/2', '12a', '', '123456789012345678901']) {
      await expect(connector.executeTool('gong_call_get', { id: bad })).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(server.requests).toHaveLength(0);
    await connector.executeTool('gong_user_get', { id: '00123' });
    expect(server.requests[0]!.path).toBe('/v2/users/00123');
  });

  it('large Gong integers keep every digit in results', async () => {
    server.setHandler(() => ({ text: '{"requestId":"r","user":{"id":"1","managerId":2271307570613351879}}' }));
    const result = await connector.executeTool('gong_user_get', { id: '1' });
    expect((result.user as Record<string, unknown>).managerId).toBe('2271307570613351879');
  });
});

describe('validation and lookup', () => {
  it('an unknown tool suggests the closest names', async () => {
    const err = await connector.executeTool('gong_call_transcript', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownToolError);
    expect((err as Error).message).toContain('gong_calls_transcript_get');
  });

  it('errors name the field and the rule, suggest near names, and nothing is sent', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['gong_calls_transcript_get', {}, /call_ids is required/],
      ['gong_calls_transcript_get', { call_ids: [] }, /call_ids must NOT have fewer than 1 items/],
      ['gong_calls_transcript_get', { call_ids: ['x1'] }, /call_ids\[0\] must be a Gong id: 1–20 digits/],
      ['gong_calls_transcript_get', { callIds: ['1'] }, /callIds is not an input .*did you mean 'call_ids'/],
      ['gong_calls_list', { from_date_time: '2026-13-01' }, /from_date_time must be an ISO 8601 date-time/],
      ['gong_users_list', { include_avatars: 'yes' }, /include_avatars must be boolean/],
      ['gong_users_list', { limit: 0 }, /limit must be >= 1/],
      ['gong_calls_extensive_list', {}, /needs at least one of/],
      ['gong_api_request', { method: 'GET', path: '/v1/../x' }, /path/],
      ['gong_calls_list', [], /must be a JSON object/],
    ];
    for (const [tool, input, pattern] of cases) {
      const err = await connector.executeTool(tool, input).catch((e: unknown) => e);
      expect(err, `${tool} ${JSON.stringify(input)}`).toBeInstanceOf(InvalidInputError);
      expect((err as Error).message).toMatch(pattern);
      expect((err as InvalidInputError).hint).toContain('Nothing was sent');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('gong_api_request reaches any /v2 path on the configured host only', async () => {
    await connector.executeTool('gong_api_request', { method: 'POST', path: '/v2/calls/extensive', body: { filter: {} }, query: { a: 1 }, confirm: true });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v2/calls/extensive', json: { filter: {} } });
    expect(Object.fromEntries(server.requests[0]!.query)).toMatchObject({ a: '1' });
    for (const path of ['/v2/../v1/x', '//evil.example/v2/x', '/v2/x?y=1', 'https://evil.example/v2/x', '/v2/%2e%2e/x/..']) {
      await expect(connector.executeTool('gong_api_request', { method: 'GET', path })).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(server.requests).toHaveLength(1);
  });
});

describe('dry run', () => {
  it('shows the requests without credentials and sends nothing', async () => {
    const result = await connector.executeTool('gong_calls_get', { call_ids: ids(101) }, { dryRun: true });
    expect(result.dry_run).toBe(true);
    expect((result.requests as unknown[]).length).toBe(2);
    expect(JSON.stringify(result)).not.toContain(TEST_SECRET);
    expect(JSON.stringify(result)).not.toContain(Buffer.from(`${TEST_KEY}:${TEST_SECRET}`).toString('base64'));
    expect(String(result.transport)).toContain('basic');
    expect(server.requests).toHaveLength(0);
  });
});
