// Context cost: a transcript rendered for an agent (gong_calls_transcript_text: every sentence,
// speaker name and offset) against Gong's raw JSON for the same calls (/v2/calls/transcript, as
// sent), on 200 sandbox calls. Also against transcripts + the parties JSON needed for names.
import { request } from 'undici';
import { createConnector } from '../dist/connector.js';
import { MemoryLimiterStore } from '../dist/pipeline/limiter.js';
import { figure, round, type Section } from './lib.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-child.js';

/** Bytes of every sentence's text in raw transcript pages: what no rendering can drop. */
function sentenceTextBytes(page: string): number {
  const data = JSON.parse(page) as { callTranscripts?: Array<{ transcript: Array<{ sentences: Array<{ text: string }> }> }> };
  let bytes = 0;
  for (const call of data.callTranscripts ?? []) for (const m of call.transcript) for (const s of m.sentences) bytes += Buffer.byteLength(s.text);
  return bytes;
}

async function rawBytes(sandbox: SandboxProcess, path: string, body: Record<string, unknown>): Promise<{ bytes: number; text: string; textOnly: number }> {
  const auth = `Basic ${Buffer.from(`${sandbox.credentials.accessKey}:${sandbox.credentials.accessKeySecret}`).toString('base64')}`;
  let bytes = 0;
  let text = '';
  let textOnly = 0;
  let cursor: string | undefined;
  do {
    const res = await request(`${sandbox.baseUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(cursor ? { ...body, cursor } : body) });
    const page = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${page.slice(0, 200)}`);
    bytes += Buffer.byteLength(page);
    if (path === '/v2/calls/transcript') textOnly += sentenceTextBytes(page);
    text = text || page;
    cursor = (JSON.parse(page) as { records?: { cursor?: string } }).records?.cursor;
  } while (cursor);
  return { bytes, text, textOnly };
}

export async function measureTranscriptBytes(opts: { calls?: number } = {}): Promise<Section & { samplePage: string }> {
  const n = opts.calls ?? 200;
  const sandbox = await startSandboxProcess({ seed: 1, rateLimit: false });
  const connector = createConnector({
    accessKey: sandbox.credentials.accessKey, accessKeySecret: sandbox.credentials.accessKeySecret, baseUrl: sandbox.baseUrl,
    env: {}, rateLimitPerSecond: 1000, limiterStore: new MemoryLimiterStore(),
  });
  try {
    // Every 10th call, so short and long calls of the whole year are both in.
    const ids = sandbox.calls.filter((_, i) => i % 10 === 0).slice(0, n).map((c) => c.id);
    let raw = 0;
    let textOnly = 0;
    let parties = 0;
    let samplePage = '';
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const t = await rawBytes(sandbox, '/v2/calls/transcript', { filter: { callIds: batch } });
      raw += t.bytes;
      textOnly += t.textOnly;
      samplePage ||= t.text;
      parties += (await rawBytes(sandbox, '/v2/calls/extensive', { filter: { callIds: batch }, contentSelector: { exposedFields: { parties: true } } })).bytes;
    }
    let rendered = 0;
    let sentences = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const result = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids.slice(i, i + 100) });
      rendered += Buffer.byteLength(String(result.text));
      sentences += Number(result.sentences);
      if (result.sentences !== result.sentences_shown) throw new Error('a sentence was left out');
    }
    return {
      name: 'transcript bytes',
      samplePage,
      figures: [
        figure({
          id: 'transcript.bytes_ratio', label: `transcript text ÷ raw JSON bytes (${ids.length} calls)`,
          value: round(rendered / raw, 3), unit: '×', goal: '≤ 0.35', check: (v) => v <= 0.35,
          detail: {
            calls: ids.length, sentences, rendered_bytes: rendered, raw_transcript_json_bytes: raw, raw_parties_json_bytes: parties,
            ratio_vs_transcripts_plus_parties: round(rendered / (raw + parties), 3),
            sentence_text_only_ratio: round(textOnly / raw, 3),
          },
          note: `The sentences' text alone is ${round((textOnly / raw) * 100, 1)}% of the raw JSON on this data, so no rendering that keeps every sentence verbatim can reach 35%; the rest is one offset and speaker label per turn and a header per call.`,
        }),
      ],
    };
  } finally {
    await connector.close();
    await sandbox.close();
  }
}
