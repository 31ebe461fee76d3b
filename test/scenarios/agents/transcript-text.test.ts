// gong_calls_transcript_text against the sandbox serving scripted calls: batched requests, the
// parties cache, lossless rendering (parsed back by minute), slicing, calls without parties or
// transcripts, and max_chars budgets cut by whole calls or inside one call with a resumable cursor.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import { startSandbox, type Sandbox, type ScriptedCall } from '../../../src/sandbox/index.js';
import { sandboxConnector } from '../../support/sandbox.js';
import { joinMinutes, minuteSegments, parseTranscriptText, type ParsedCall } from './support/parse-text.js';
import { cursorTarget, makeCalls } from './support/scripted-calls.js';

const calls = makeCalls(150);
let sb: Sandbox;
let connector: Connector;

beforeAll(async () => {
  // Transcripts come 60 to a page here, so 100 ids take two transcript requests.
  sb = await startSandbox({ seed: 1, rateLimit: false, calls, pageSizes: { getCallTranscripts: 60 } });
});
afterAll(async () => {
  await sb.close();
});
/** A connector with its own caches, signed in to the sandbox (a new CLI process is one of these). */
const newConnector = () => sandboxConnector(sb);
beforeEach(() => {
  sb.clearLog();
  connector = newConnector();
});
afterEach(async () => {
  await connector.close();
});

const speakerName = (call: ScriptedCall, speakerId: string) => call.parties.find((p) => p.speakerId === speakerId)?.name;
const paths = () => sb.log.map((e) => e.path);

describe('gong_calls_transcript_text', () => {
  it('keeps every sentence, speaker name and the minute of every sentence (parsed back from the text)', async () => {
    const withText = calls.slice(0, 10).filter((c) => c.transcript);
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: withText.map((c) => c.id) }, { all: true });
    expect(r.next_cursor).toBeUndefined();
    const parsed = parseTranscriptText(r.text as string);
    expect(parsed.map((p) => p.callId)).toEqual(withText.map((c) => c.id));
    for (const [k, call] of withText.entries()) {
      const p = parsed[k]!;
      expect(p.title).toBe(call.title);
      expect(p.turns).toHaveLength(call.transcript!.length);
      const minutes = minuteSegments(call.transcript!);
      call.transcript!.forEach((m, i) => {
        const turn = p.turns[i]!;
        expect(turn.segments).toEqual(minutes[i]);
        expect(turn.text).toBe(m.sentences.map((s) => s.text).join(' '));
        expect(turn.topic).toBe(m.topic);
        const name = speakerName(call, m.speakerId);
        const speaker = p.speakers.get(turn.label)!;
        if (name) expect(speaker.name).toBe(name);
        else expect(turn.label).toMatch(/^Speaker \d+$/);
        expect(speaker.affiliation).toBe(call.parties.find((x) => x.speakerId === m.speakerId)!.affiliation);
      });
    }
    expect(r.sentences).toBe(r.sentences_shown);
  });

  it('asks Gong for 100 ids per request and never twice for the same parties', async () => {
    const ids = calls.slice(0, 130).map((c) => c.id);
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids.slice(0, 100) });
    // 100 ids: transcripts come in two pages of 60, then one parties request for the calls that have one.
    expect(paths()).toEqual(['/v2/calls/transcript', '/v2/calls/transcript', '/v2/calls/extensive']);
    const transcriptBodies = sb.log.filter((q) => q.path === '/v2/calls/transcript').map((q) => q.body as { cursor?: string; filter: { callIds: string[] } });
    expect(transcriptBodies[0]!.filter.callIds).toHaveLength(100);
    expect(transcriptBodies[0]!.cursor).toBeUndefined();
    // The second asks for the page after the first 60.
    expect(transcriptBodies[1]!.filter.callIds).toEqual(transcriptBodies[0]!.filter.callIds);
    expect(cursorTarget(transcriptBodies[1]!.cursor)).toEqual({ op: 'getCallTranscripts', page: 1 });
    const partiesBody = sb.log[2]!.body as { filter: { callIds: string[] }; contentSelector: unknown };
    expect(partiesBody.contentSelector).toEqual({ exposedFields: { parties: true } });
    expect(partiesBody.filter.callIds).toHaveLength(100 - (r.missing_call_ids as string[]).length);
    expect((r.rate_limit as { requests: number }).requests).toBe(3);

    sb.clearLog();
    await connector.executeTool('gong_calls_transcript_text', { call_ids: ids.slice(90, 110) });
    const parties = sb.log.filter((q) => q.path === '/v2/calls/extensive');
    expect(parties).toHaveLength(1);
    // Only the calls this connector has not seen yet.
    expect((parties[0]!.body as { filter: { callIds: string[] } }).filter.callIds.every((id) => ids.indexOf(id) >= 100)).toBe(true);
  });

  it('lists calls without a transcript and labels speakers without a party', async () => {
    const silent = calls.find((c) => !c.transcript)!;
    const unnamed = calls.find((c, i) => i % 7 === 3 && c.transcript)!;
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: [silent.id, unnamed.id] });
    expect(r.missing_call_ids).toEqual([silent.id]);
    const [p] = parseTranscriptText(r.text as string);
    expect(p!.callId).toBe(unnamed.id);
    expect([...p!.speakers.keys()]).toContain('Speaker 1');
    expect((r.notes as string[]).join(' ')).toMatch(/No transcript for 1 call/);
  });

  it('slices by time window, side, speaker and topic', async () => {
    const call = calls[0]!;
    const id = call.id;
    const slice = async (extra: Record<string, unknown>) => parseTranscriptText((await connector.executeTool('gong_calls_transcript_text', { call_ids: [id], ...extra })).text as string)[0]!;
    const window = await slice({ from_offset: '00:00:20', to_offset: '0:40' });
    expect(window.turns.length).toBeGreaterThan(0);
    for (const t of window.turns) expect(t.segments.every((seg) => seg.minute === 0)).toBe(true);
    const wanted = call.transcript!.flatMap((m) => m.sentences.filter((s) => s.start >= 20_000 && s.start < 40_000).map((s) => s.text));
    expect(window.turns.map((t) => t.text).join(' ')).toBe(wanted.join(' '));

    const external = await slice({ affiliation: 'External' });
    expect(external.turns.every((t) => external.speakers.get(t.label)!.affiliation === 'External')).toBe(true);
    expect(external.gaps).toBeGreaterThan(0);

    const lee = await slice({ speakers: ['lee@buyer.example'] });
    expect(new Set(lee.turns.map((t) => t.label))).toEqual(new Set(['LP']));
    expect(lee.speakers.get('LP')!.name).toBe('Lee Park');

    const pricing = await slice({ topics: ['pric'] });
    expect(pricing.turns.length).toBe(call.transcript!.filter((m) => m.topic === 'Pricing').length);
    expect(pricing.turns.every((t) => t.topic === 'Pricing')).toBe(true);

    await expect(connector.executeTool('gong_calls_transcript_text', { call_ids: [id], from_offset: '00:10:00', to_offset: '00:05:00' }))
      .rejects.toMatchObject({ code: 'invalid_input', field: 'to_offset' });
  });

  /** Every result of a read that follows next_cursor to the end, with the calls parsed from its text. */
  async function readAll(c: Connector, input: Record<string, unknown>): Promise<Array<{ result: Record<string, unknown>; parsed: ParsedCall[] }>> {
    const out: Array<{ result: Record<string, unknown>; parsed: ParsedCall[] }> = [];
    let cursor: string | undefined;
    do {
      const result = await c.executeTool('gong_calls_transcript_text', cursor ? { ...input, cursor } : input);
      out.push({ result, parsed: parseTranscriptText(result.text as string) });
      cursor = result.next_cursor as string | undefined;
      expect(out.length).toBeLessThan(200);
    } while (cursor);
    return out;
  }

  /** Every sentence of every call exactly once, in order, each in its minute, across all the parts. */
  function expectEverySentenceOnce(wanted: ScriptedCall[], parts: ParsedCall[]): void {
    expect([...new Set(parts.map((p) => p.callId))]).toEqual(wanted.map((c) => c.id));
    for (const call of wanted) {
      const mine = parts.filter((p) => p.callId === call.id);
      expect(mine[0]!.continuedFrom).toBeUndefined();
      const shown = mine.flatMap((p) => p.turns.map((t) => t.text)).join(' ');
      expect(shown).toBe(call.transcript!.flatMap((m) => m.sentences.map((s) => s.text)).join(' '));
      expect(joinMinutes(mine.flatMap((p) => p.turns.map((t) => t.segments)))).toEqual(joinMinutes(minuteSegments(call.transcript!)));
    }
  }

  it('keeps each result within max_chars by whole calls; next_cursor returns every sentence once and fetches nothing again', async () => {
    const withText = calls.slice(0, 20).filter((c) => c.transcript);
    const maxChars = 5000;
    const pages = await readAll(connector, { call_ids: withText.map((c) => c.id), max_chars: maxChars });
    expect(pages.length).toBeGreaterThan(3);
    for (const { result, parsed } of pages) {
      expect(JSON.stringify(result).length).toBeLessThanOrEqual(maxChars);
      expect(parsed.every((p) => p.continuedFrom === undefined)).toBe(true);
      expect(result.calls).toBe(parsed.length);
      expect(result.sentences).toBe(result.sentences_shown);
    }
    expect((pages[0]!.result.notes as string[]).join(' ')).toMatch(/Showed \d+ call\(s\) within max_chars 5000; \d+ more follow: pass next_cursor/);
    expectEverySentenceOnce(withText, pages.flatMap((p) => p.parsed));
    expect(pages.reduce((n, p) => n + (p.result.sentences as number), 0)).toBe(withText.reduce((n, c) => n + c.transcript!.reduce((k, m) => k + m.sentences.length, 0), 0));
    // One transcript request and one parties request, both for the first result: the rest came from memory.
    expect(paths()).toEqual(['/v2/calls/transcript', '/v2/calls/extensive']);
    expect(pages.slice(1).every((p) => (p.result.rate_limit as { requests: number }).requests === 0)).toBe(true);
  });

  it('the ids of calls without a transcript count against max_chars too', async () => {
    const unknown = Array.from({ length: 90 }, (_, i) => String(1_000_000_000_000_000_000n + BigInt(i)));
    const result = await connector.executeTool('gong_calls_transcript_text', { call_ids: [calls[0]!.id, ...unknown], max_chars: 2000 });
    // The first of them listed (a quarter of max_chars), the count in the note.
    expect((result.missing_call_ids as string[]).length).toBeGreaterThan(0);
    expect(unknown.slice(0, (result.missing_call_ids as string[]).length)).toEqual(result.missing_call_ids);
    expect(String((result.notes as string[]).join(' '))).toContain('No transcript for 90 call(s)');
    expect(JSON.stringify(result).length).toBeLessThanOrEqual(2000);
  });

  it('cuts one call longer than max_chars at a sentence and resumes at the next one', async () => {
    const call = calls[0]!;
    const pages = await readAll(connector, { call_ids: [call.id], max_chars: 2000 });
    expect(pages.length).toBeGreaterThan(2);
    let next = 0;
    for (const { result, parsed } of pages) {
      expect(JSON.stringify(result).length).toBeLessThanOrEqual(2000);
      expect(parsed).toHaveLength(1);
      expect(parsed[0]!.continuedFrom ?? 0).toBe(next);
      // Each part starts with a minute mark and repeats the legend, so it reads on its own.
      expect(parsed[0]!.turns[0]!.segments[0]!.minute).toBe(Math.floor(call.transcript!.flatMap((m) => m.sentences)[next]!.start / 60_000));
      expect(parsed[0]!.speakers.size).toBe(3);
      next += result.sentences as number;
    }
    expect((pages[0]!.result.notes as string[]).join(' ')).toMatch(/is longer than max_chars 2000: this result stops before 00:00:\d\d \(sentence \d+\)/);
    expectEverySentenceOnce([call], pages.flatMap((p) => p.parsed));
    expect(paths()).toEqual(['/v2/calls/transcript', '/v2/calls/extensive']);
  });

  it('resumes in a new connector (a new CLI process) by fetching only the calls not yet shown, and says so', async () => {
    const withText = calls.slice(0, 12).filter((c) => c.transcript);
    const first = await connector.executeTool('gong_calls_transcript_text', { call_ids: withText.map((c) => c.id), max_chars: 5000 });
    const shown = parseTranscriptText(first.text as string).length;
    const fresh = newConnector();
    try {
      sb.clearLog();
      const second = await fresh.executeTool('gong_calls_transcript_text', { call_ids: withText.map((c) => c.id), max_chars: 5000, cursor: first.next_cursor });
      expect(parseTranscriptText(second.text as string)[0]!.callId).toBe(withText[shown]!.id);
      const asked = (sb.log.find((q) => q.path === '/v2/calls/transcript')!.body as { filter: { callIds: string[] } }).filter.callIds;
      expect(asked).toEqual(withText.slice(shown).map((c) => c.id));
      expect((second.notes as string[]).join(' ')).toMatch(/Fetched the transcripts of \d+ call\(s\) again/);
      await expect(fresh.executeTool('gong_calls_transcript_text', { call_ids: withText.slice(1).map((c) => c.id), cursor: first.next_cursor }))
        .rejects.toMatchObject({ code: 'invalid_input', field: 'cursor' });
    } finally {
      await fresh.close();
    }
  });

  it('shows the requests in a dry run and sends nothing', async () => {
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: [calls[0]!.id] }, { dryRun: true });
    expect(r.requests).toEqual([expect.objectContaining({ method: 'POST', url: `${sb.baseUrl}/v2/calls/transcript` })]);
    expect(sb.log).toHaveLength(0);
  });
});
