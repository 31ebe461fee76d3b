// Parties another tool already fetched are not fetched again by gong_calls_transcript_text
// (docs/contracts.md#fewest-requests: never re-fetch what is held) — on the sandbox, counting Gong requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { sandboxConnector } from '../../support/sandbox.js';

let sb: Sandbox;
let connector: Connector;
let ids: string[];

beforeAll(async () => {
  sb = await startSandbox({ seed: 5, rateLimit: false });
  ids = sb.data.calls.slice(0, 3).map((c) => String(c.metaData.id));
});
afterAll(async () => { await sb.close(); });

const fresh = () => sandboxConnector(sb);
const paths = () => sb.log.map((e) => `${e.method} ${e.path}`);

describe('call records with parties feed the transcript tools', () => {
  it('without a prior gong_calls_get: one transcript request and one parties request', async () => {
    connector = fresh();
    sb.clearLog();
    const result = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids, max_chars: 200_000 });
    expect(result.calls).toBe(3);
    expect(paths()).toEqual(['POST /v2/calls/transcript', 'POST /v2/calls/extensive']);
    await connector.close();
  });

  it('after gong_calls_get of the same calls: the transcript request only, and the same text', async () => {
    const reference = fresh();
    const expected = (await reference.executeTool('gong_calls_transcript_text', { call_ids: ids })).text;
    await reference.close();
    connector = fresh();
    await connector.executeTool('gong_calls_get', { call_ids: ids });
    sb.clearLog();
    const result = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids });
    expect(paths()).toEqual(['POST /v2/calls/transcript']);
    expect(result.text).toBe(expected);
    await connector.close();
  });

  it('streamed records (--all --jsonl) feed it too', async () => {
    connector = fresh();
    const streamed: unknown[] = [];
    for await (const item of connector.iterate('gong_calls_get', { call_ids: ids })) if (item.kind === 'records') streamed.push(...item.records);
    expect(streamed).toHaveLength(3);
    sb.clearLog();
    await connector.executeTool('gong_calls_transcript_text', { call_ids: ids });
    expect(paths()).toEqual(['POST /v2/calls/transcript']);
    await connector.close();
  });
});
