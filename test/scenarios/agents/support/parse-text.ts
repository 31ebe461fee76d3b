// Reads gong_calls_transcript_text's output back into calls, speakers and turns, to prove the
// rendering lost no sentence, name or offset.

export interface ParsedCall {
  callId: string;
  title: string;
  speakers: Map<string, { name: string; affiliation: string }>;
  turns: Array<{ offset: string; label: string; text: string; topic: string | null }>;
  gaps: number;
}

export function parseTranscriptText(text: string): ParsedCall[] {
  const calls: ParsedCall[] = [];
  let call: ParsedCall | undefined;
  let inSpeakers = false;
  let topic: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) {
      call = { callId: '', title: line.slice(2), speakers: new Map(), turns: [], gaps: 0 };
      calls.push(call);
      topic = null;
      continue;
    }
    if (!call || line === '') continue;
    if (line.startsWith('call ')) { call.callId = line.slice(5).split(' | ')[0]!; continue; }
    if (line === 'speakers:') { inSpeakers = true; continue; }
    const turn = /^(\d{2}:\d{2}:\d{2}) ([^:]+): (.*)$/.exec(line);
    if (turn) {
      inSpeakers = false;
      call.turns.push({ offset: turn[1]!, label: turn[2]!, text: turn[3]!, topic });
      continue;
    }
    if (line.startsWith('## ')) { inSpeakers = false; topic = line === '## (no topic)' ? null : line.slice(3); continue; }
    if (line === '…') { call.gaps += 1; continue; }
    if (inSpeakers) {
      const m = /^(.+?) = (.*)$/.exec(line);
      if (m) {
        const parts = m[2]!.split(', ');
        const affiliation = parts.find((p) => ['Internal', 'External', 'Unknown'].includes(p)) ?? '';
        call.speakers.set(m[1]!, { name: parts[0]!, affiliation });
      }
    }
  }
  return calls;
}
