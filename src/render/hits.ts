// Search hits in one call's transcript: each matching sentence with its speaker, offset and
// ±N sentences of context, in the order spoken.
import { formatOffset } from './offsets.js';
import { speakerMatches, type SliceSpec } from './slice.js';
import { resolveSpeakers, type Speaker } from './speakers.js';
import { matchTerms, type Term } from './query.js';
import { oneLine } from './transcript-text.js';
import type { CallInfo, Monologue } from './types.js';

export interface Hit {
  call_id: string;
  call_title?: string;
  call_url?: string;
  call_started?: string;
  offset: string;
  speaker: string;
  affiliation: string;
  topic?: string;
  text: string;
  matched: string[];
  before: string[];
  after: string[];
}

interface Flat {
  start: number;
  text: string;
  speakerId: string;
  topic: string | null;
}

const who = (s: Speaker | undefined, id: string) => s?.name ?? s?.label ?? `Speaker ${id}`;

export function findHits(
  callId: string,
  info: CallInfo | undefined,
  transcript: readonly Monologue[],
  terms: readonly Term[],
  options: { context: number; matchAll: boolean; speakers: SliceSpec },
): Hit[] {
  const speakers = resolveSpeakers(info, transcript);
  const flat: Flat[] = [];
  for (const m of transcript) {
    for (const s of m.sentences) flat.push({ start: s.start, text: oneLine(s.text), speakerId: String(m.speakerId), topic: m.topic ?? null });
  }
  const found: Array<{ index: number; terms: number[] }> = [];
  const seen = new Set<number>();
  flat.forEach((f, index) => {
    if (!speakerMatches(options.speakers, speakers.get(f.speakerId))) return;
    const t = matchTerms(terms, f.text);
    if (t.length === 0) return;
    found.push({ index, terms: t });
    for (const i of t) seen.add(i);
  });
  if (options.matchAll && seen.size < terms.length) return [];
  const line = (f: Flat) => `${formatOffset(f.start)} ${who(speakers.get(f.speakerId), f.speakerId)}: ${f.text}`;
  return found.map(({ index, terms: matched }) => {
    const f = flat[index]!;
    const speaker = speakers.get(f.speakerId);
    const hit: Hit = {
      call_id: callId,
      ...(info?.title ? { call_title: info.title } : {}),
      ...(info?.url ? { call_url: info.url } : {}),
      ...(info?.started ? { call_started: info.started } : {}),
      offset: formatOffset(f.start),
      speaker: who(speaker, f.speakerId),
      affiliation: speaker?.affiliation ?? 'Unknown',
      ...(f.topic ? { topic: f.topic } : {}),
      text: f.text,
      matched: matched.map((i) => terms[i]!.text),
      before: flat.slice(Math.max(0, index - options.context), index).map(line),
      after: flat.slice(index + 1, index + 1 + options.context).map(line),
    };
    return hit;
  });
}
