// Transcripts as text an agent can read in a fraction of the JSON's bytes (docs/contracts.md#transcript-size): a header
// per call (title, id, start, duration, url, and who each speaker label is, with affiliation,
// once), a topic line when the topic changes, and one line per speaker turn:
//   00:12:04 Rahul: Every sentence of the turn, in order.
// Nothing of what was said is dropped: each sentence, each speaker's name and each turn's start
// offset is in the text. "…" marks sentences left out by a slice.
import { formatOffset } from './offsets.js';
import { describeSlice, inWindow, isSliced, speakerMatches, topicMatches, type SliceSpec } from './slice.js';
import { describeSpeaker, resolveSpeakers, type Speaker } from './speakers.js';
import type { CallInfo, Monologue } from './types.js';

export interface RenderedCall {
  text: string;
  sentences: number;
  sentencesKept: number;
  speakers: Map<string, Speaker>;
}

/** Sentence text on one line: Gong's text may hold line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function header(callId: string, info: CallInfo | undefined, speakers: Map<string, Speaker>, slice: SliceSpec): string[] {
  const lines = [`# ${oneLine(info?.title ?? '') || `Call ${callId}`}`];
  const facts = [`call ${callId}`];
  if (info?.started) facts.push(info.started);
  if (typeof info?.duration === 'number') facts.push(`duration ${formatOffset(info.duration * 1000)}`);
  if (info?.url) facts.push(info.url);
  lines.push(facts.join(' | '));
  lines.push('speakers:');
  for (const s of speakers.values()) lines.push(describeSpeaker(s));
  if (isSliced(slice)) lines.push(`slice: ${describeSlice(slice)}`);
  return lines;
}

export function renderCall(callId: string, info: CallInfo | undefined, transcript: readonly Monologue[], slice: SliceSpec = {}): RenderedCall {
  const speakers = resolveSpeakers(info, transcript);
  const lines = header(callId, info, speakers, slice);
  let topic: string | null | undefined;
  let skipped = false;
  let total = 0;
  let kept = 0;
  for (const m of transcript) {
    total += m.sentences.length;
    const speaker = speakers.get(String(m.speakerId));
    const keepTurn = speakerMatches(slice, speaker) && topicMatches(slice, m);
    const texts: string[] = [];
    let start: number | undefined;
    let gapBefore = false;
    for (const s of m.sentences) {
      if (keepTurn && inWindow(slice, s)) {
        if (start === undefined) {
          start = s.start;
          gapBefore = skipped;
          skipped = false;
        }
        texts.push(oneLine(s.text));
      } else {
        skipped = true;
      }
    }
    if (start === undefined) continue;
    if (gapBefore && kept > 0) lines.push('…');
    const t = m.topic ?? null;
    if (topic === undefined ? t !== null : t !== topic) lines.push(`## ${t ?? '(no topic)'}`);
    topic = t;
    kept += texts.length;
    lines.push(`${formatOffset(start)} ${speaker?.label ?? `Speaker ${m.speakerId}`}: ${texts.join(' ')}`);
  }
  if (kept === 0) lines.push(total === 0 ? '(no transcript)' : '(nothing in this slice)');
  return { text: lines.join('\n'), sentences: total, sentencesKept: kept, speakers };
}
