// Context cost: a transcript rendered for an agent (gong_calls_transcript_text: every sentence,
// speaker labels and minute marks) against Gong's raw JSON for the same calls (/v2/calls/transcript,
// as sent), on 200 sandbox calls: in o200k tokens (what the agent pays; the goal) and in bytes.
// Also against transcripts + the parties JSON needed for names, and per call-minute.
import { request } from 'undici';
import { createConnector } from '../dist/connector.js';
import { MemoryLimiterStore } from '../src/state/limiter/memory.js';
import { figure, round, type Section } from './lib.js';
import { tokens } from './tokens.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-child.js';

/** Bytes of every sentence's text in raw transcript pages: what no rendering can drop. */
function sentenceTextBytes(page: string): number {
  const data = JSON.parse(page) as { callTranscripts?: Array<{ transcript: Array<{ sentences: Array<{ text: string }> }> }> };
  let bytes = 0;
  for (const call of data.callTranscripts ?? []) for (const m of call.transcript) for (const s of m.sentences) bytes += Buffer.byteLength(s.text);
  return bytes;
}

interface RawPages {
  bytes: number;
  tokens: number;
  text: string;
  textOnly: number;
  /** Seconds of the calls listed (from /v2/calls/extensive pages). */
  seconds: number;
}

async function rawBytes(sandbox: SandboxProcess, path: string, body: Record<string, unknown>): Promise<RawPages> {
  const auth = `Basic ${Buffer.from(`${sandbox.credentials.accessKey}:${sandbox.credentials.accessKeySecret}`).toString('base64')}`;
  let bytes = 0;
  let tokenCount = 0;
  let text = '';
  let textOnly = 0;
  let seconds = 0;
  let cursor: string | undefined;
  do {
    const res = await request(`${sandbox.baseUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(cursor ? { ...body, cursor } : body) });
    const page = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${page.slice(0, 200)}`);
    bytes += Buffer.byteLength(page);
    if (path === '/v2/calls/transcript') {
      textOnly += sentenceTextBytes(page);
      tokenCount += tokens(page);
    } else {
      for (const call of (JSON.parse(page) as { calls?: Array<{ metaData: { duration?: number } }> }).calls ?? []) seconds += Number(call.metaData.duration ?? 0);
    }
    text = text || page;
    cursor = (JSON.parse(page) as { records?: { cursor?: string } }).records?.cursor;
  } while (cursor);
  return { bytes, tokens: tokenCount, text, textOnly, seconds };
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
    let rawTokens = 0;
    let textOnly = 0;
    let parties = 0;
    let seconds = 0;
    let samplePage = '';
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const t = await rawBytes(sandbox, '/v2/calls/transcript', { filter: { callIds: batch } });
      raw += t.bytes;
      rawTokens += t.tokens;
      textOnly += t.textOnly;
      samplePage ||= t.text;
      const p = await rawBytes(sandbox, '/v2/calls/extensive', { filter: { callIds: batch }, contentSelector: { exposedFields: { parties: true } } });
      parties += p.bytes;
      seconds += p.seconds;
    }
    let rendered = 0;
    let renderedTokens = 0;
    let sentences = 0;
    for (let i = 0; i < ids.length; i += 100) {
      // all: the whole text at once, as following every next_cursor would give it.
      const result = await connector.executeTool('gong_calls_transcript_text', { call_ids: ids.slice(i, i + 100) }, { all: true });
      rendered += Buffer.byteLength(String(result.text));
      renderedTokens += tokens(String(result.text));
      sentences += Number(result.sentences);
      if (result.sentences !== result.sentences_shown) throw new Error('a sentence was left out');
    }
    return {
      name: 'transcript bytes',
      samplePage,
      figures: [
        figure({
          id: 'transcript.tokens_ratio', label: `transcript text ÷ raw JSON, o200k tokens (${ids.length} calls)`,
          value: round(renderedTokens / rawTokens, 3), unit: '×', goal: '≤ 0.35', check: (v) => v <= 0.35,
          detail: { calls: ids.length, sentences, rendered_tokens: renderedTokens, raw_transcript_json_tokens: rawTokens },
          note: 'Every sentence verbatim (sentences_shown = sentences), speakers by initials keyed in a legend per call, a minute mark before the first sentence of each minute.',
        }),
        figure({
          id: 'transcript.tokens_per_minute', label: 'transcript text, o200k tokens per call-minute',
          value: round(renderedTokens / (seconds / 60), 0), unit: 'tokens', goal: '—',
          detail: { call_minutes: round(seconds / 60, 0), raw_json_tokens_per_minute: round(rawTokens / (seconds / 60), 0) },
          note: 'The figure the tool descriptions state (about 100; the raw JSON about 290).',
        }),
        figure({
          id: 'transcript.bytes_ratio', label: `transcript text ÷ raw JSON bytes (${ids.length} calls)`,
          value: round(rendered / raw, 3), unit: '×', goal: '—',
          detail: {
            calls: ids.length, sentences, rendered_bytes: rendered, raw_transcript_json_bytes: raw, raw_parties_json_bytes: parties,
            ratio_vs_transcripts_plus_parties: round(rendered / (raw + parties), 3),
            sentence_text_only_ratio: round(textOnly / raw, 3),
          },
          note: `Reported, no goal: the sentences' text alone is ${round((textOnly / raw) * 100, 1)}% of the raw JSON's bytes on this data; the goal is on tokens, what the agent pays.`,
        }),
      ],
    };
  } finally {
    await connector.close();
    await sandbox.close();
  }
}
