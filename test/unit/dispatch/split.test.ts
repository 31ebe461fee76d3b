// A long call's raw transcript under the result budget (the route's `split: transcript`,
// src/dispatch/split.ts and src/dispatch/window.ts) on the sandbox: one call larger than max_chars
// goes out in parts cut between sentences, each result within max_chars, a next_cursor resuming
// at the next sentence; a walk returns every sentence exactly once, in order, with no more Gong
// requests than a walk without cuts; several calls are still cut by whole calls; both formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { sandboxConnector } from '../../support/sandbox.js';

type Json = Record<string, any>;

let sb: Sandbox;
let connector: Connector;
const TOOL = 'gong_calls_transcript_get';

beforeAll(async () => {
  // Four transcripts a page, so a walk over ten calls crosses Gong pages too.
  sb = await startSandbox({ seed: 5, rateLimit: false, pageSizes: { getCallTranscripts: 4 } });
  connector = sandboxConnector(sb);
});
afterAll(async () => {
  await connector.close();
  await sb.close();
});

const size = (r: unknown) => JSON.stringify(r).length;
const requestsOf = (r: Json) => (r.rate_limit as { requests: number }).requests;
const ids = (n: number, from = 0) => sb.data.calls.slice(from, from + n).map((c) => c.metaData.id);

/** Follow next_cursor to the end. */
async function walk(input: Json): Promise<{ results: Json[]; records: Json[]; requests: number }> {
  const results: Json[] = [];
  let cursor: string | undefined;
  do {
    const r = await connector.executeTool(TOOL, { ...input, ...(cursor ? { cursor } : {}) });
    results.push(r);
    cursor = r.next_cursor as string | undefined;
    expect(results.length).toBeLessThan(500);
  } while (cursor);
  return { results, records: results.flatMap((r) => r.callTranscripts as Json[]), requests: results.reduce((n, r) => n + requestsOf(r), 0) };
}

/** Every sentence of the records in order, with its call, speaker and topic. */
const sentences = (records: Json[]) => records.flatMap((t) => (t.transcript as Json[]).flatMap((m) =>
  (m.sentences as Json[]).map((s) => ({ callId: t.callId, speakerId: m.speakerId, topic: m.topic, ...s }))));

describe('a long raw transcript under max_chars', () => {
  for (const format of ['concise', 'detailed'] as const) {
    it(`one call is cut between sentences and a cursor walk returns each sentence once, in order (${format})`, async () => {
      const callIds = ids(1);
      const whole = await connector.executeTool(TOOL, { call_ids: callIds, response_format: format, max_chars: 1_000_000 });
      const all = sentences(whole.callTranscripts as Json[]);
      expect(size(whole)).toBeGreaterThan(24_000);
      for (const max of [24_000, 6_000]) {
        const cut = await walk({ call_ids: callIds, response_format: format, max_chars: max });
        expect(cut.results.length).toBeGreaterThan(1);
        expect(sentences(cut.records)).toEqual(all);
        expect(cut.requests).toBe(requestsOf(whole));
        let next = 1;
        for (const r of cut.results) {
          expect(size(r)).toBeLessThanOrEqual(max);
          expect(r.callTranscripts).toHaveLength(1);
          const shown = sentences(r.callTranscripts as Json[]).length;
          const last = r.next_cursor === undefined;
          expect(r.notes).toContainEqual(last
            ? `call ${callIds[0]}: sentences ${next}–${all.length} of ${all.length}: the rest of the call the previous result cut.`
            : `call ${callIds[0]}: sentences ${next}–${next + shown - 1} of ${all.length} (max_chars ${max}); pass next_cursor for the rest.`);
          next += shown;
        }
        expect(next).toBe(all.length + 1);
      }
    });
  }

  it('the default budget keeps one raw transcript within 24,000 characters', async () => {
    const r = await connector.executeTool(TOOL, { call_ids: ids(1) });
    expect(size(r)).toBeLessThanOrEqual(24_000);
    expect(r.next_cursor).toMatch(/^gc1\./);
  });

  it('several calls are cut by whole calls, and a long one inside; the walk repeats no Gong request', async () => {
    const callIds = ids(10, 3);
    for (const format of ['concise', 'detailed'] as const) {
      const whole = await connector.executeTool(TOOL, { call_ids: callIds, response_format: format, max_chars: 1_000_000 });
      const all = sentences(whole.callTranscripts as Json[]);
      const largest = Math.max(...(whole.callTranscripts as Json[]).map(size));
      // Room for two whole calls or more: cuts fall between calls; then a budget every call is over.
      for (const max of [largest * 2 + 3_000, 8_000]) {
        const cut = await walk({ call_ids: callIds, response_format: format, max_chars: max });
        for (const r of cut.results) expect(size(r)).toBeLessThanOrEqual(max);
        expect(sentences(cut.records)).toEqual(all);
        expect(cut.requests).toBe(requestsOf(whole));
        expect([...new Set(cut.records.map((t) => t.callId))]).toEqual((whole.callTranscripts as Json[]).map((t) => t.callId));
        const partial = cut.results.filter((r) => (r.notes as string[] | undefined)?.some((n) => / sentences \d+–\d+ of \d+/.test(n)));
        if (max > largest * 2) {
          expect(partial).toHaveLength(0);
          expect(cut.records).toEqual(whole.callTranscripts);
          expect(cut.results.some((r) => (r.callTranscripts as Json[]).length > 1)).toBe(true);
        } else {
          // Most calls are over this budget (a short one may still go whole).
          expect(partial.length).toBeGreaterThan(cut.results.length / 2);
        }
      }
    }
  });

  it('without the page memory (a new connector per call) a resume re-requests only the page it resumes inside', async () => {
    const callIds = ids(1);
    const first = await connector.executeTool(TOOL, { call_ids: callIds, max_chars: 6_000 });
    const fresh = sandboxConnector(sb);
    try {
      const second = await fresh.executeTool(TOOL, { call_ids: callIds, max_chars: 6_000, cursor: first.next_cursor as string });
      expect(requestsOf(second)).toBe(1);
      const whole = await fresh.executeTool(TOOL, { call_ids: callIds, max_chars: 1_000_000 });
      const all = sentences(whole.callTranscripts as Json[]);
      const got = sentences([...(first.callTranscripts as Json[]), ...(second.callTranscripts as Json[])]);
      expect(got).toEqual(all.slice(0, got.length));
    } finally {
      await fresh.close();
    }
  });

  it('a cursor inside a call is bound to its inputs and range-checked', async () => {
    const callIds = ids(1);
    const first = await connector.executeTool(TOOL, { call_ids: callIds, max_chars: 6_000 });
    const cursor = first.next_cursor as string;
    const raw = JSON.parse(Buffer.from(cursor.slice(4), 'base64url').toString()) as Json;
    expect(raw.p).toBeGreaterThan(0);
    const forge = (patch: Json) => `gc1.${Buffer.from(JSON.stringify({ ...raw, ...patch })).toString('base64url')}`;
    await expect(connector.executeTool(TOOL, { call_ids: ids(2), max_chars: 6_000, cursor })).rejects.toThrow(/different inputs/);
    await expect(connector.executeTool(TOOL, { call_ids: callIds, cursor: forge({ p: -1 }) })).rejects.toThrow(/out of range/);
    await expect(connector.executeTool(TOOL, { call_ids: callIds, cursor: forge({ p: 1.5 }) })).rejects.toThrow(/not a cursor/);
    await expect(connector.executeTool(TOOL, { call_ids: callIds, cursor: forge({ p: 999_999 }) })).rejects.toThrow(/past the end of its page/);
    // The position counts Gong's sentences, so another format or budget resumes at the same place.
    const detailed = await connector.executeTool(TOOL, { call_ids: callIds, max_chars: 6_000, response_format: 'detailed', cursor });
    const all = sentences((await connector.executeTool(TOOL, { call_ids: callIds, response_format: 'detailed', max_chars: 1_000_000 })).callTranscripts as Json[]);
    expect(sentences(detailed.callTranscripts as Json[])[0]).toEqual(all[raw.p as number]);
  });
});
