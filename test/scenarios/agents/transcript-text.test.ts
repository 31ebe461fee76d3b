// gong_calls_transcript_text against the sandbox serving scripted calls: batched requests, the
// parties cache, lossless rendering (parsed back), slicing, and calls without parties or transcripts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connector.js';
import { formatOffset } from '../../../src/render/offsets.js';
import { startSandbox, type Sandbox, type ScriptedCall } from '../../../src/sandbox/index.js';
import { testConnector } from '../../support/connector.js';
import { parseTranscriptText } from './support/parse-text.js';
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
beforeEach(() => {
  sb.clearLog();
  connector = testConnector(sb.baseUrl, { accessKey: sb.credentials.accessKey, accessKeySecret: sb.credentials.accessKeySecret });
});
afterEach(async () => {
  await connector.close();
});

const speakerName = (call: ScriptedCall, speakerId: string) => call.parties.find((p) => p.speakerId === speakerId)?.name;
const paths = () => sb.log.map((e) => e.path);

describe('gong_calls_transcript_text', () => {
  it('keeps every sentence, speaker name and turn offset (parsed back from the text)', async () => {
    const withText = calls.slice(0, 10).filter((c) => c.transcript);
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: withText.map((c) => c.id) });
    const parsed = parseTranscriptText(r.text as string);
    expect(parsed.map((p) => p.callId)).toEqual(withText.map((c) => c.id));
    for (const [k, call] of withText.entries()) {
      const p = parsed[k]!;
      expect(p.title).toBe(call.title);
      expect(p.turns).toHaveLength(call.transcript!.length);
      call.transcript!.forEach((m, i) => {
        const turn = p.turns[i]!;
        expect(turn.offset).toBe(formatOffset(m.sentences[0]!.start));
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
    for (const t of window.turns) expect(t.offset >= '00:00:20' && t.offset < '00:00:40').toBe(true);
    const wanted = call.transcript!.flatMap((m) => m.sentences.filter((s) => s.start >= 20_000 && s.start < 40_000).map((s) => s.text));
    expect(window.turns.map((t) => t.text).join(' ')).toBe(wanted.join(' '));

    const external = await slice({ affiliation: 'External' });
    expect(external.turns.every((t) => external.speakers.get(t.label)!.affiliation === 'External')).toBe(true);
    expect(external.gaps).toBeGreaterThan(0);

    const lee = await slice({ speakers: ['lee@buyer.example'] });
    expect(new Set(lee.turns.map((t) => t.label))).toEqual(new Set(['Lee']));

    const pricing = await slice({ topics: ['pric'] });
    expect(pricing.turns.length).toBe(call.transcript!.filter((m) => m.topic === 'Pricing').length);
    expect(pricing.turns.every((t) => t.topic === 'Pricing')).toBe(true);

    await expect(connector.executeTool('gong_calls_transcript_text', { call_ids: [id], from_offset: '00:10:00', to_offset: '00:05:00' }))
      .rejects.toMatchObject({ code: 'invalid_input', field: 'to_offset' });
  });

  it('shows the requests in a dry run and sends nothing', async () => {
    const r = await connector.executeTool('gong_calls_transcript_text', { call_ids: [calls[0]!.id] }, { dryRun: true });
    expect(r.requests).toEqual([expect.objectContaining({ method: 'POST', url: `${sb.baseUrl}/v2/calls/transcript` })]);
    expect(sb.log).toHaveLength(0);
  });
});
