// Reads gong_calls_transcript_text's output back into calls, speakers and turns, to prove the
// rendering lost no sentence, name or minute. A turn is "[12m] CW: text [13m] more text": its
// segments are the stretches between minute marks, each with the minute in force.

export interface Segment {
  minute: number;
  text: string;
}

export interface ParsedCall {
  callId: string;
  title: string;
  /** Sentence index the part starts at, when it continues a call cut by max_chars. */
  continuedFrom: number | undefined;
  speakers: Map<string, { name: string; affiliation: string }>;
  turns: Array<{ minute: number; label: string; text: string; segments: Segment[]; topic: string | null }>;
  gaps: number;
}

const MARK = /\[(\d+)m\] /g;
const TURN = /^(?:\[(\d+)m\] )?(Speaker \d+|[^\s:=]+): (.*)$/u;

function segmentsOf(body: string, minute: number): { segments: Segment[]; minute: number } {
  const segments: Segment[] = [];
  let current = minute;
  let at = 0;
  for (const m of body.matchAll(MARK)) {
    const before = body.slice(at, m.index).trim();
    if (before) segments.push({ minute: current, text: before });
    current = Number(m[1]);
    at = m.index + m[0].length;
  }
  const rest = body.slice(at).trim();
  if (rest) segments.push({ minute: current, text: rest });
  return { segments, minute: current };
}

export function parseTranscriptText(text: string): ParsedCall[] {
  const calls: ParsedCall[] = [];
  let call: ParsedCall | undefined;
  let inSpeakers = false;
  let topic: string | null = null;
  let minute = -1;
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) {
      call = { callId: '', title: line.slice(2), continuedFrom: undefined, speakers: new Map(), turns: [], gaps: 0 };
      calls.push(call);
      topic = null;
      minute = -1;
      continue;
    }
    if (!call || line === '') continue;
    if (line.startsWith('call ')) {
      const facts = line.slice(5).split(' | ');
      call.callId = facts[0]!;
      const continued = facts.find((f) => f.startsWith('continued from sentence '));
      if (continued) call.continuedFrom = Number(continued.slice('continued from sentence '.length)) - 1;
      continue;
    }
    if (line === 'speakers:') { inSpeakers = true; continue; }
    if (line.startsWith('key: ') || line.startsWith('slice: ')) { inSpeakers = false; continue; }
    if (inSpeakers) {
      const m = /^(.+?) = (.*)$/.exec(line);
      if (m) {
        const parts = m[2]!.split(', ');
        const affiliation = parts.find((p) => ['Internal', 'External', 'Unknown'].includes(p)) ?? '';
        call.speakers.set(m[1]!, { name: parts[0]!, affiliation });
      }
      continue;
    }
    if (line.startsWith('## ')) { topic = line === '## (no topic)' ? null : line.slice(3); continue; }
    if (line === '…') { call.gaps += 1; continue; }
    const turn = TURN.exec(line);
    if (turn) {
      if (turn[1] !== undefined) minute = Number(turn[1]);
      const start = minute;
      const parsed = segmentsOf(turn[3]!, minute);
      minute = parsed.minute;
      call.turns.push({ minute: start, label: turn[2]!, text: parsed.segments.map((s) => s.text).join(' '), segments: parsed.segments, topic });
    }
  }
  return calls;
}

/**
 * The segments each monologue should render as: a new segment wherever a sentence starts in
 * another minute than the sentence before it (in the whole call, or the part shown).
 */
export function minuteSegments(monologues: ReadonlyArray<{ sentences: ReadonlyArray<{ start: number; text: string }> }>): Segment[][] {
  let last = -1;
  return monologues.map((m) => {
    const segments: Segment[] = [];
    for (const s of m.sentences) {
      const minute = Math.floor(s.start / 60_000);
      if (segments.length === 0 || minute !== last) segments.push({ minute, text: s.text });
      else segments[segments.length - 1]!.text += ` ${s.text}`;
      last = minute;
    }
    return segments;
  });
}

/** Segments in reading order with neighbours of the same minute joined (parts of a cut call compare equal to the whole). */
export function joinMinutes(lists: ReadonlyArray<readonly Segment[]>): Segment[] {
  const out: Segment[] = [];
  for (const seg of lists.flat()) {
    const last = out[out.length - 1];
    if (last && last.minute === seg.minute) last.text += ` ${seg.text}`;
    else out.push({ ...seg });
  }
  return out;
}
