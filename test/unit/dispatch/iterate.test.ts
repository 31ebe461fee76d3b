// connector.iterate: a list tool's records pulled page by page, then the envelope — and nothing a
// plain executeTool call returns is lost (src/dispatch/execute.ts). On the sandbox.
import { describe, expect, it } from 'vitest';
import type { Connector, StreamItem } from '../../../src/connector.js';
import { InvalidInputError } from '../../../src/http/errors.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { useSandbox } from '../../support/sandbox.js';

let sb: Sandbox;
let connector: Connector;
useSandbox({ seed: 3, rateLimit: false }, (s, c) => { sb = s; connector = c; });

async function pull(name: string, input: Record<string, unknown>, options = {}): Promise<{ records: unknown[]; pages: number[]; envelope: Record<string, unknown> }> {
  const records: unknown[] = [];
  const pages: number[] = [];
  let envelope: Record<string, unknown> | undefined;
  for await (const item of connector.iterate(name, input, options) as AsyncIterable<StreamItem>) {
    if (item.kind === 'records') {
      expect(envelope).toBeUndefined();
      records.push(...item.records);
      pages.push(item.page);
    } else {
      envelope = item.envelope;
    }
  }
  if (!envelope) throw new Error('no envelope');
  return { records, pages, envelope };
}

describe('connector.iterate', () => {
  it('yields every record of every page in order, then the envelope of executeTool without the records', async () => {
    const input = { from_date_time: '2020-01-01T00:00:00Z', response_format: 'detailed' };
    const whole = await connector.executeTool('gong_calls_list', input, { all: true });
    expect(Number(whole.pages)).toBeGreaterThan(3);
    const streamed = await pull('gong_calls_list', input);
    expect(streamed.records).toEqual(whole.calls);
    expect(streamed.pages).toEqual(Array.from({ length: Number(whole.pages) }, (_, i) => i + 1));
    const { calls: _calls, rate_limit: wholeRate, ...rest } = whole;
    const { rate_limit: streamRate, ...envelope } = streamed.envelope;
    // Every field but the records, with Gong's values (each request has its own requestId).
    expect(envelope).toEqual({ ...rest, requestId: expect.stringMatching(/\w+/) });
    expect(streamRate).toMatchObject({ requests: (wholeRate as { requests: number }).requests });
  });

  it('a one-page list keeps Gong\'s records block, and adds the counts', async () => {
    const whole = await connector.executeTool('gong_users_list', { response_format: 'detailed', max_chars: 1_000_000 });
    const streamed = await pull('gong_users_list', { response_format: 'detailed', max_chars: 1_000_000 });
    const { users, rate_limit: _r1, ...rest } = whole;
    const { rate_limit: _r2, ...envelope } = streamed.envelope;
    expect(envelope).toEqual({ ...rest, requestId: expect.stringMatching(/\w+/), pages: 1, record_count: (users as unknown[]).length });
  });

  it('concise (the default) streams the records shaped as executeTool returns them, and is never budgeted', async () => {
    const whole = await connector.executeTool('gong_calls_list', { from_date_time: '2020-01-01T00:00:00Z' }, { all: true });
    const streamed = await pull('gong_calls_list', { from_date_time: '2020-01-01T00:00:00Z', max_chars: 2000 });
    expect(streamed.records).toEqual(whole.calls);
    expect(streamed.records.length).toBe(whole.record_count);
    const { calls: _calls, rate_limit: _r1, ...rest } = whole;
    const { rate_limit: _r2, ...envelope } = streamed.envelope;
    expect(envelope).toEqual(rest);
    expect(envelope).not.toHaveProperty('requestId');
    expect(envelope).not.toHaveProperty('records');
  });

  it('keeps the notes: records the connector filtered out itself', async () => {
    const task = sb.data.tasks[0]!;
    const email = sb.data.users.find((u) => u.id === task.userId)!.emailAddress;
    const input = { assignee_email: email, status: ['OPEN', 'DONE', 'DISMISSED'], from_date: new Date(task.dueMs).toISOString().slice(0, 10), to_date: new Date(task.dueMs).toISOString().slice(0, 10) };
    const whole = await connector.executeTool('gong_engage_tasks_list', input);
    const streamed = await pull('gong_engage_tasks_list', input);
    expect(streamed.records).toEqual(whole.tasks);
    expect(streamed.envelope.notes).toEqual(whole.notes);
    expect(String((streamed.envelope.notes as string[]).join(' '))).toContain('left out by the connector itself');
  });

  it('a limit stops early: the envelope carries next_cursor, and executeTool resumes at the next record', async () => {
    const first = await pull('gong_users_list', { limit: 3 });
    expect(first.records).toHaveLength(3);
    expect(first.envelope.record_count).toBe(3);
    const rest = await connector.executeTool('gong_users_list', { limit: 4, cursor: first.envelope.next_cursor });
    const all = await connector.executeTool('gong_users_list', { limit: 7 });
    expect([...first.records, ...(rest.users as unknown[])]).toEqual(all.users);
  });

  it('`all: false` streams only the first page', async () => {
    const one = await pull('gong_calls_list', { from_date_time: '2020-01-01T00:00:00Z' }, { all: false });
    expect(one.pages).toEqual([1]);
    expect(typeof one.envelope.next_cursor).toBe('string');
  });

  it('refuses, in the connector and before sending anything, tools that do not list records', async () => {
    sb.clearLog();
    for (const [name, input] of [['gong_call_get', { id: '1' }], ['gong_calls_transcript_text', { call_ids: ['1'] }], ['gong_calls_create', { actual_start: '2026-03-01T10:00:00Z', direction: 'Outbound', parties: [{ email_address: 'a@b.example' }] }]] as const) {
      const error = await pull(name, input).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(`${name} returns one result, not a list of records`);
      expect((error as InvalidInputError).hint).toContain('executeTool');
    }
    expect(sb.log).toHaveLength(0);
  });

  it('validates the input first, like executeTool', async () => {
    const error = await pull('gong_users_list', { limit: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'limit', tool: 'gong_users_list' });
  });
});
