// Speaker names for transcript lines. Gong's transcript carries only speakerId; the call's parties
// (with their speakerId) give name, affiliation, title and email. Lines use a short label —
// the first name when it is unique in the call — and the header maps each label to the person.
// Speakers without a matching party (missing parties, phone calls) become "Speaker N".
import type { CallInfo, Monologue, Party } from './types.js';

export interface Speaker {
  speakerId: string;
  label: string;
  name?: string;
  affiliation: string;
  title?: string;
  email?: string;
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function initialForm(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? `${parts[0]} ${parts[parts.length - 1]![0]}.` : name.trim();
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
  const named = order.filter((id) => bySpeakerId.get(id)?.name);
  const count = (f: (n: string) => string, value: string) => named.filter((id) => f(bySpeakerId.get(id)!.name!) === value).length;
  const out = new Map<string, Speaker>();
  const used = new Set<string>();
  let unknown = 0;
  for (const id of order) {
    const party = bySpeakerId.get(id);
    let label: string;
    if (party?.name) {
      // A colon would end the label early in "Label: text" lines.
      const name = party.name.trim().replace(/[:\s]+/g, ' ');
      label = count(firstName, firstName(name)) === 1 ? firstName(name)
        : count(initialForm, initialForm(name)) === 1 ? initialForm(name) : name;
    } else {
      label = `Speaker ${++unknown}`;
    }
    // Two people with the same full name still get distinct labels.
    let unique = label;
    for (let k = 2; used.has(unique); k++) unique = `${label} #${k}`;
    used.add(unique);
    const speaker: Speaker = { speakerId: id, label: unique, affiliation: party?.affiliation ?? 'Unknown' };
    if (party?.name) speaker.name = party.name.trim();
    if (party?.title) speaker.title = party.title;
    if (party?.emailAddress) speaker.email = party.emailAddress;
    out.set(id, speaker);
  }
  return out;
}

/** "Freya = Freya Kowalski, Customer Success Manager, Internal, freya@x.example" */
export function describeSpeaker(s: Speaker): string {
  const details = [s.name ?? 'name unknown', s.title, s.affiliation, s.email].filter(Boolean).join(', ');
  return `${s.label} = ${details}`;
}
