// Lossless JSON parsing throughput (parseJson: integers beyond 2^53 kept as strings) against
// JSON.parse, on a large transcript page as Gong sends it (string ids: the fast path) and on the
// same page with its speaker ids as raw int64 number literals (the quoting path). MB/s, best of
// interleaved rounds.
import { parseJson } from '../dist/http/json.js';
import { figure, median, now, round, type Section } from './lib.js';

function throughput(text: string, parse: (t: string) => unknown, rounds: number): number[] {
  const mb = Buffer.byteLength(text) / 1_048_576;
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    parse(text);
    out.push(mb / ((now() - t0) / 1000));
  }
  return out;
}

export async function measureJson(page: string): Promise<Section> {
  // The same page with every "speakerId":"<digits>" written as a bare number: Gong's int64 fields
  // arrive that way on some endpoints (answered scorecards, CRM integration ids).
  const bigInts = page.replace(/"speakerId":"(\d+)"/g, '"speakerId":$1');
  if (bigInts === page) throw new Error('the page has no speakerId strings to turn into numbers');
  const check = parseJson(bigInts) as { callTranscripts: Array<{ transcript: Array<{ speakerId: unknown }> }> };
  const sample = check.callTranscripts[0]!.transcript[0]!.speakerId;
  if (typeof sample !== 'string' || !page.includes(`"speakerId":"${sample}"`)) throw new Error('parseJson lost digits');
  const rounds = 15;
  const results: Record<string, number[]> = { fastJson: [], fastLossless: [], bigJson: [], bigLossless: [] };
  for (let i = 0; i < 3; i++) {
    results.fastJson!.push(...throughput(page, JSON.parse, 1));
    results.fastLossless!.push(...throughput(page, parseJson, 1));
    results.bigJson!.push(...throughput(bigInts, JSON.parse, 1));
    results.bigLossless!.push(...throughput(bigInts, parseJson, 1));
  }
  for (const k of Object.keys(results)) results[k] = [];
  for (let r = 0; r < rounds; r++) {
    results.fastJson!.push(...throughput(page, JSON.parse, 1));
    results.fastLossless!.push(...throughput(page, parseJson, 1));
    results.bigJson!.push(...throughput(bigInts, JSON.parse, 1));
    results.bigLossless!.push(...throughput(bigInts, parseJson, 1));
  }
  const m = (k: string) => median(results[k]!);
  const pageMb = round(Buffer.byteLength(page) / 1_048_576, 2);
  return {
    name: 'lossless JSON',
    figures: [
      figure({
        id: 'json.fast_path_ratio', label: `lossless parse ÷ JSON.parse MB/s, ${pageMb} MB page`,
        value: round(m('fastLossless') / m('fastJson'), 3), unit: '×', goal: '— (none set)', check: undefined,
        detail: { page_mb: pageMb, parse_json_mb_s: round(m('fastLossless'), 1), json_parse_mb_s: round(m('fastJson'), 1) },
      }),
      figure({
        id: 'json.big_int_ratio', label: 'lossless parse ÷ JSON.parse MB/s, int64 literals',
        value: round(m('bigLossless') / m('bigJson'), 3), unit: '×', goal: '— (none set)', check: undefined,
        detail: { page_mb: round(Buffer.byteLength(bigInts) / 1_048_576, 2), parse_json_mb_s: round(m('bigLossless'), 1), json_parse_mb_s: round(m('bigJson'), 1), note: 'JSON.parse rounds these ids; parseJson keeps every digit' },
      }),
    ],
  };
}
