// On-demand transcripts: built from the call's segment plan and the phase templates, deterministic per
// call (seeded by `transcriptSeed`), so nothing is pre-generated at start-up. Timing follows natural
// speech (about 150 words a minute with pauses), which gives Gong's ~1 KB of JSON per call minute.
import { FEATURES } from './names.js';
import { BACKCHANNELS, PHASE_LINES } from './transcript-lines.js';
import { Random } from '../random.js';
import type { Monologue, Party, SandboxCall } from './types.js';

const SENTENCE_SPLIT = /(?<=[.?!])\s+(?=[A-Z"'])/;
// A cold call opens once, with the rep's introduction, never with a catch-up between acquaintances.
const ONE_SHOT = new Set(['greeting', 'cold-open', 'agenda', 'wrap', 'voicemail']);

/** Sentences as Gong segments them: short sentences run together up to about a dozen words. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const s of text.split(SENTENCE_SPLIT)) {
    current = current === '' ? s : `${current} ${s}`;
    if (current.split(' ').length >= 12) {
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function firstName(p: Party | undefined): string {
  return p?.name?.split(' ')[0] ?? 'there';
}

export function generateTranscript(call: SandboxCall): Monologue[] {
  const speakers = call.parties.filter((p) => p.speakerId !== undefined);
  const host = speakers[0];
  if (!host) return [];
  const rng = new Random(call.transcriptSeed);
  const internals = speakers.filter((p) => p.affiliation === 'Internal');
  const second = internals[1] ?? host;
  // On internal calls colleagues take the "other side" of the templates.
  const others = speakers.filter((p) => p.affiliation === 'External');
  const listeners = others.length > 0 ? others : internals.slice(1);
  const notSpeaking = call.parties.filter((p) => p.affiliation === 'External' && p.speakerId === undefined);
  const durationMs = call.metaData.duration * 1000;
  // One placeholder table per call; the per-exchange names are overwritten as the talk moves on.
  const vars: Record<string, string> = { ...call.facts, rep: firstName(host), rep2: firstName(second), se: firstName(second) };

  const out: Monologue[] = [];
  const say = (speaker: Party, topic: string | null, text: string, t: number): number => {
    let last = out[out.length - 1];
    if (!last || last.speakerId !== speaker.speakerId || last.topic !== topic) {
      last = { speakerId: speaker.speakerId as string, topic, sentences: [] };
      out.push(last);
    }
    for (const sentence of sentencesOf(text)) {
      if (t >= durationMs) break;
      const words = sentence.split(' ').length;
      const end = Math.min(durationMs, t + words * rng.int(430, 540) + rng.int(300, 900));
      last.sentences.push({ start: t, end, text: sentence });
      t = end + rng.int(300, 1200);
    }
    return t;
  };

  let t = rng.int(400, 4000);
  for (const seg of call.segments) {
    const all = PHASE_LINES[seg.phase] ?? [];
    // Exchanges that need a second colleague only fit calls that have one.
    const solo = second === host ? all.filter((ex) => !ex.some((line) => line.startsWith('S:'))) : all;
    const lines = solo.length > 0 ? solo : all;
    if (lines.length === 0) continue;
    const order = rng.sample(lines.map((_, i) => i), lines.length);
    // Openings, wrap-ups and voicemails happen once; the next phase takes over the rest of their time.
    const once = ONE_SHOT.has(seg.phase);
    let k = 0;
    while ((k === 0 || (!once && t < seg.endMs)) && t < durationMs) {
      const exchange = lines[order[k % order.length] as number] ?? [];
      k++;
      const prospect = listeners.length > 0 ? rng.pick(listeners) : host;
      const otherContact = rng.pick([...listeners.filter((p) => p !== prospect), ...notSpeaking, prospect]);
      vars.prospect = firstName(prospect);
      vars.prospect2 = firstName(otherContact);
      vars.feature2 = rng.pick(FEATURES);
      for (const line of exchange) {
        const role = line[0];
        const speaker = role === 'R' ? host : role === 'S' ? second : prospect;
        const text = line.slice(3).replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
        t = say(speaker, seg.topic, text, t);
        // Listeners acknowledge now and then, as their own short monologue.
        if (rng.chance(0.12) && speakers.length > 1) {
          const listener = speaker === host ? prospect : host;
          if (listener !== speaker) t = say(listener, seg.topic, rng.pick(BACKCHANNELS), t + rng.int(100, 400));
        }
        t += rng.int(800, 2800);
        if (t >= durationMs) break;
      }
      // A beat between exchanges: screens get shared, notes get taken.
      t += rng.int(1500, 6000);
    }
  }
  return out.filter((m) => m.sentences.length > 0);
}
