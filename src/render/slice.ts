// Transcript slicing (docs/contracts.md#transcript-slicing): a time window, some speakers, one side of the call, or
// some topics — so an agent reads minutes 20–35 or only the customer, not the whole call.
import { formatOffset } from './offsets.js';
import type { Speaker } from './speakers.js';
import type { Monologue, Sentence } from './types.js';

export interface SliceSpec {
  fromMs?: number;
  /** Exclusive: sentences starting at or after it are left out. */
  toMs?: number;
  /** Names, first names, labels or emails (case-insensitive). */
  speakers?: readonly string[];
  affiliation?: string;
  /** Topic names (case-insensitive, partial match). */
  topics?: readonly string[];
}

export function isSliced(spec: SliceSpec): boolean {
  return spec.fromMs !== undefined || spec.toMs !== undefined || spec.speakers !== undefined
    || spec.affiliation !== undefined || spec.topics !== undefined;
}

export function describeSlice(spec: SliceSpec): string {
  const parts: string[] = [];
  if (spec.fromMs !== undefined || spec.toMs !== undefined) {
    parts.push(`${spec.fromMs !== undefined ? formatOffset(spec.fromMs) : 'start'} to ${spec.toMs !== undefined ? formatOffset(spec.toMs) : 'end'}`);
  }
  if (spec.speakers) parts.push(`speakers ${spec.speakers.join(', ')}`);
  if (spec.affiliation) parts.push(`affiliation ${spec.affiliation}`);
  if (spec.topics) parts.push(`topics ${spec.topics.join(', ')}`);
  return parts.join('; ');
}

export function speakerMatches(spec: SliceSpec, speaker: Speaker | undefined): boolean {
  if (spec.affiliation !== undefined && (speaker?.affiliation ?? 'Unknown').toLowerCase() !== spec.affiliation.toLowerCase()) return false;
  if (spec.speakers === undefined) return true;
  if (!speaker) return false;
  const names = new Set<string>([speaker.label.toLowerCase()]);
  if (speaker.name) {
    const name = speaker.name.toLowerCase();
    names.add(name);
    for (const part of name.split(/\s+/)) names.add(part);
  }
  if (speaker.email) names.add(speaker.email.toLowerCase());
  return spec.speakers.some((wanted) => names.has(wanted.trim().toLowerCase()));
}

export function topicMatches(spec: SliceSpec, monologue: Monologue): boolean {
  if (spec.topics === undefined) return true;
  const topic = (monologue.topic ?? '').toLowerCase();
  return topic !== '' && spec.topics.some((t) => topic.includes(t.trim().toLowerCase()));
}

export function inWindow(spec: SliceSpec, sentence: Sentence): boolean {
  return (spec.fromMs === undefined || sentence.start >= spec.fromMs) && (spec.toMs === undefined || sentence.start < spec.toMs);
}
