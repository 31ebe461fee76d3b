// Transcripts as text an agent can read for a fraction of the raw JSON's tokens
// (docs/contracts.md#transcript-size). Per call: a header (title, id, start, duration, url), a
// legend mapping each speaker's short label to the person (name, title, affiliation, email), a
// topic line when the topic changes, and one line per speaker turn:
//   [12m] CW: Every sentence of the turn, in order. [13m] Sentences of the next minute.
// A minute mark stands before the first sentence of every minute that has one, so each sentence
// is placed to the minute (from_offset "00:12:00" reads from there). Nothing said is dropped or
// shortened. "…" marks sentences left out by a slice. A call can be rendered from a sentence on
// and cut at a sentence boundary to fit a character budget (src/dispatch/handlers/transcript-text.ts).
import { formatOffset } from './offsets.js';
import { describeSlice, inWindow, isSliced, speakerMatches, topicMatches, type SliceSpec } from './slice.js';
import { describeSpeaker, resolveSpeakers, type Speaker } from './speakers.js';
import type { CallInfo, Monologue } from './types.js';

export interface RenderOptions {
  slice?: SliceSpec;
  /** Index (over the call's sentences in order) of the first sentence to render; earlier ones were shown before. */
  from?: number;
  /** Most characters the text may take as a JSON string (escapes counted); no limit when absent. */
  maxChars?: number;
}

export interface RenderedCall {
  text: string;
  /** Sentences of the part rendered (from `from` to where it stopped), kept by the slice or not. */
  sentences: number;
  /** Those of them the slice keeps, all shown. */
  sentencesKept: number;
  speakers: Map<string, Speaker>;
  /** Index of the first sentence not rendered, when the budget stopped the text before the end. */
  next?: number;
  /** Offset (ms) of that sentence. */
  nextStart?: number;
}

/** What a minute mark looks like: the minute into the call. */
export const minuteMark = (minute: number): string => `[${minute}m]`;

/** The header's last line: how to read the turns. */
export const KEY = `key: ${minuteMark(12)} = minute 12 (00:12:00), ## = topic`;

/** Sentence text on one line: Gong's text may hold line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Characters `text` takes inside a JSON string, as the caller of the tool receives it. */
export function jsonChars(text: string): number {
  return JSON.stringify(text).length - 2;
}

function header(callId: string, info: CallInfo | undefined, speakers: Map<string, Speaker>, slice: SliceSpec, from: number): string[] {
  const lines = [`# ${oneLine(info?.title ?? '') || `Call ${callId}`}`];
  const facts = [`call ${callId}`];
  if (info?.started) facts.push(info.started);
  if (typeof info?.duration === 'number') facts.push(`duration ${formatOffset(info.duration * 1000)}`);
  if (info?.url) facts.push(info.url);
  if (from > 0) facts.push(`continued from sentence ${from + 1}`);
  lines.push(facts.join(' | '));
  lines.push('speakers:');
  for (const s of speakers.values()) lines.push(describeSpeaker(s));
  if (isSliced(slice)) lines.push(`slice: ${describeSlice(slice)}`);
  lines.push(KEY);
  return lines;
}

export function renderCall(callId: string, info: CallInfo | undefined, transcript: readonly Monologue[], options: RenderOptions = {}): RenderedCall {
  const slice = options.slice ?? {};
  const from = options.from ?? 0;
  const speakers = resolveSpeakers(info, transcript);
  const lines = header(callId, info, speakers, slice, from);
  let used = lines.reduce((n, l) => n + jsonChars(l) + 2, 0);
  const max = options.maxChars ?? Number.POSITIVE_INFINITY;
  let topic: string | null | undefined;
  let minute: number | undefined;
  let skipped = false;
  let index = 0;
  let covered = 0;
  let kept = 0;
  let stop: { next: number; start: number } | undefined;
  turns: for (const m of transcript) {
    const speaker = speakers.get(String(m.speakerId));
    const keepTurn = speakerMatches(slice, speaker) && topicMatches(slice, m);
    // The lines this turn adds before its text: a gap, a topic header.
    const before: string[] = [];
    let line = '';
    let first = true;
    for (const s of m.sentences) {
      const at = index++;
      if (at < from) continue;
      if (!(keepTurn && inWindow(slice, s))) {
        covered++;
        skipped = true;
        continue;
      }
      let piece = '';
      if (first) {
        if (skipped && kept > 0) before.push('…');
        const t = m.topic ?? null;
        if (topic === undefined ? t !== null : t !== topic) before.push(`## ${t ?? '(no topic)'}`);
      }
      const mm = Math.floor(Math.max(0, s.start) / 60_000);
      if (mm !== minute) piece += `${minuteMark(mm)} `;
      if (first) piece += `${speaker?.label ?? `Speaker ${m.speakerId}`}: `;
      piece += oneLine(s.text);
      const cost = before.reduce((n, l) => n + jsonChars(l) + 2, 0) + jsonChars(piece) + (first ? 2 : 1);
      // A cut leaves at least one sentence in the text, so following the cursor always moves on.
      if (used + cost > max && kept > 0) {
        stop = { next: at, start: s.start };
        if (line) lines.push(line);
        break turns;
      }
      if (first) {
        lines.push(...before);
        topic = m.topic ?? null;
        skipped = false;
        line = piece;
        first = false;
      } else {
        line += ` ${piece}`;
      }
      used += cost;
      minute = mm;
      covered++;
      kept++;
    }
    if (line) lines.push(line);
  }
  if (kept === 0) lines.push(index === 0 ? '(no transcript)' : '(nothing in this slice)');
  const out: RenderedCall = { text: lines.join('\n'), sentences: covered, sentencesKept: kept, speakers };
  if (stop) {
    out.next = stop.next;
    out.nextStart = stop.start;
  }
  return out;
}
