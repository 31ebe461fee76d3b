// Speaker names for transcript lines. Gong's transcript carries only speakerId; the call's parties
// (with their speakerId) give name, affiliation, title and email. Turns carry a short label — the
// person's initials, "CW" for Caleb Weber, numbered when two people share them ("CW2") — and the
// header's legend maps each label to the person once. Speakers without a matching party (missing
// parties, phone calls) become "Speaker N".
import type { CallInfo, Monologue, Party } from './types.js';

export interface Speaker {
  speakerId: string;
  label: string;
  name?: string;
  affiliation: string;
  title?: string;
  email?: string;
}

/** "Caleb Weber" → "CW", "Ana María de la Cruz" → "AC", "Cher" → "C"; "" when the name has no letter or digit. */
function initials(name: string): string {
  const words = name.split(/\s+/).map((w) => w.match(/[\p{L}\p{N}]/u)?.[0] ?? '').filter(Boolean);
  if (words.length === 0) return '';
  return (words.length === 1 ? words[0]! : words[0]! + words[words.length - 1]!).toUpperCase();
}

/** One Speaker per speakerId that speaks in the transcript (in order of first appearance). */
export function resolveSpeakers(info: CallInfo | undefined, transcript: readonly Monologue[]): Map<string, Speaker> {
  const bySpeakerId = new Map<string, Party>();
  for (const p of info?.parties ?? []) if (p.speakerId !== undefined && p.speakerId !== null) bySpeakerId.set(String(p.speakerId), p);
  const order: string[] = [];
  for (const m of transcript) {
    const id = String(m.speakerId);
    if (!order.includes(id)) order.push(id);
  }
  const out = new Map<string, Speaker>();
  const used = new Set<string>();
  let unknown = 0;
  for (const id of order) {
    const party = bySpeakerId.get(id);
    const short = party?.name ? initials(party.name) : '';
    const base = short || `Speaker ${++unknown}`;
    // Two people with the same initials still get distinct labels.
    let unique = base;
    for (let k = 2; used.has(unique); k++) unique = short ? `${base}${k}` : `Speaker ${++unknown}`;
    used.add(unique);
    const speaker: Speaker = { speakerId: id, label: unique, affiliation: party?.affiliation ?? 'Unknown' };
    if (party?.name) speaker.name = party.name.trim();
    if (party?.title) speaker.title = party.title;
    if (party?.emailAddress) speaker.email = party.emailAddress;
    out.set(id, speaker);
  }
  return out;
}

/** "FK = Freya Kowalski, Customer Success Manager, Internal, freya@x.example" */
export function describeSpeaker(s: Speaker): string {
  const details = [s.name ?? 'name unknown', s.title, s.affiliation, s.email].filter(Boolean).join(', ');
  return `${s.label} = ${details}`;
}
