import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
});
afterAll(() => sb.close());

const JWT_LIKE = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

describe('paging', () => {
  it('GET: follows the query cursor through every page; the last page has no cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api(sb, 'GET', '/v2/calls', { query: cursor ? { cursor } : {} });
      expect(res.status).toBe(200);
      const { records } = res.json;
      expect(records.totalRecords).toBe(2000);
      expect(records.currentPageNumber).toBe(pages);
      expect(records.currentPageSize).toBe(res.json.calls.length);
      seen.push(...res.json.calls.map((c: { id: string }) => c.id));
      cursor = records.cursor;
      if (cursor !== undefined) expect(cursor).toMatch(JWT_LIKE);
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(20);
    expect(new Set(seen).size).toBe(2000);
    expect(seen).toEqual(sb.data.calls.map((c) => c.metaData.id));
  });

  it('POST: reads the cursor from the top level of the JSON body only', async () => {
    const body = { filter: { fromDateTime: '2024-06-01T00:00:00Z', toDateTime: '2025-06-01T00:00:00Z' } };
    const first = await api(sb, 'POST', '/v2/calls/extensive', { body });
    expect(first.json.records.currentPageNumber).toBe(0);
    const cursor = first.json.records.cursor as string;
    expect(cursor).toMatch(JWT_LIKE);

    const second = await api(sb, 'POST', '/v2/calls/extensive', { body: { ...body, cursor } });
    expect(second.json.records.currentPageNumber).toBe(1);
    expect(second.json.calls[0].metaData.id).not.toBe(first.json.calls[0].metaData.id);

    // A cursor in the query string of a POST is ignored: page 1 again (Pipedream #20760).
    const misplaced = await api(sb, 'POST', '/v2/calls/extensive', { body, query: { cursor } });
    expect(misplaced.json.records.currentPageNumber).toBe(0);
    expect(misplaced.json.calls[0].metaData.id).toBe(first.json.calls[0].metaData.id);

    // …and so is one inside `filter`.
    const nested = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { ...body.filter, cursor } } });
    expect(nested.json.records.currentPageNumber).toBe(0);
  });

  it('GET ignores a cursor that is not in the query', async () => {
    const first = await api(sb, 'GET', '/v2/calls');
    const res = await api(sb, 'GET', '/v2/calls', { body: { cursor: first.json.records.cursor } });
    expect(res.json.records.currentPageNumber).toBe(0);
  });

  it('rejects a tampered cursor or one from another operation with 400', async () => {
    const first = await api(sb, 'GET', '/v2/calls');
    const cursor = first.json.records.cursor as string;
    const tampered = `${cursor.slice(0, -2)}xx`;
    expect((await api(sb, 'GET', '/v2/calls', { query: { cursor: tampered } })).status).toBe(400);
    const other = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: {}, cursor } });
    expect(other.status).toBe(400);
    expect(other.json.errors).toEqual(['cursor is invalid']);
  });

  it('pages at the configured page size', async () => {
    const small = await startSandbox({ rateLimit: false, anchor: ANCHOR, pageSize: 15 });
    try {
      const users = await api(small, 'GET', '/v2/users');
      expect(users.json.users).toHaveLength(15);
      expect(users.json.records).toMatchObject({ totalRecords: 40, currentPageSize: 15, currentPageNumber: 0 });
      let page = await api(small, 'POST', '/v2/users/extensive', { body: { filter: {} } });
      while (page.json.records.cursor !== undefined) {
        page = await api(small, 'POST', '/v2/users/extensive', { body: { filter: {}, cursor: page.json.records.cursor } });
      }
      expect(page.json.records).toEqual({ totalRecords: 40, currentPageSize: 10, currentPageNumber: 2 });
    } finally {
      await small.close();
    }
  });

  it('pages one operation at its own size when asked, the others at pageSize', async () => {
    const mixed = await startSandbox({ rateLimit: false, anchor: ANCHOR, pageSizes: { getCallTranscripts: 7 } });
    try {
      const ids = mixed.data.calls.slice(0, 20).map((c) => c.metaData.id);
      const first = await api(mixed, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: ids } } });
      expect(first.json.records).toMatchObject({ totalRecords: 20, currentPageSize: 7, currentPageNumber: 0 });
      let page = first;
      const seen: string[] = first.json.callTranscripts.map((t: { callId: string }) => t.callId);
      while (page.json.records.cursor !== undefined) {
        page = await api(mixed, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: ids }, cursor: page.json.records.cursor } });
        seen.push(...page.json.callTranscripts.map((t: { callId: string }) => t.callId));
      }
      expect(page.json.records).toEqual({ totalRecords: 20, currentPageSize: 6, currentPageNumber: 2 });
      expect(seen).toEqual(ids);
      const users = await api(mixed, 'GET', '/v2/users');
      expect(users.json.records).toMatchObject({ totalRecords: 40, currentPageSize: 40 });
    } finally {
      await mixed.close();
    }
    await expect(startSandbox({ pageSizes: { getCallTranscripts: 0 } })).rejects.toThrow(/pageSizes.getCallTranscripts must be a positive integer/);
  });
});
