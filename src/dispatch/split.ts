// Records a result budget may cut inside, by the kind a manifest route names (`split`): a call's
// raw transcript is cut between sentences, so one long call goes out in parts that each fit
// max_chars and a cursor resumes at the next sentence. A part keeps Gong's record shape (the same
// keys, the monologues it touches with only their sentences in the part), so a caller reads parts
// as it reads whole records. Positions count sentences across the monologues, in Gong's order.
import type { Split } from '../catalog/types.js';

type Json = Record<string, unknown>;

export interface RecordSplitter {
  /** How many units (e.g. sentences) the record holds; 0 when it is not of this kind. */
  units(record: unknown): number;
  /** The record with only units [from, to). */
  part(record: unknown, from: number, to: number): unknown;
  /** What a part holds, e.g. `call 123: sentences 1–180 of 420` (from/to 0-based, to exclusive). */
  describe(record: unknown, from: number, to: number, total: number): string;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Gong's monologues of one call transcript (`{ callId, transcript: [{ speakerId, topic, sentences }] }`). */
function monologuesOf(record: unknown): Json[] {
  if (!isObject(record) || !Array.isArray(record.transcript)) return [];
  return record.transcript.filter(isObject);
}

const sentencesOf = (monologue: Json): unknown[] => (Array.isArray(monologue.sentences) ? monologue.sentences : []);

const transcript: RecordSplitter = {
  units: (record) => monologuesOf(record).reduce((n, m) => n + sentencesOf(m).length, 0),
  part(record, from, to) {
    const kept: Json[] = [];
    let at = 0;
    for (const monologue of monologuesOf(record)) {
      const sentences = sentencesOf(monologue);
      const start = Math.max(from - at, 0);
      const end = Math.min(to - at, sentences.length);
      if (start < end) kept.push({ ...monologue, sentences: sentences.slice(start, end) });
      at += sentences.length;
      if (at >= to) break;
    }
    return { ...(record as Json), transcript: kept };
  },
  describe(record, from, to, total) {
    const id = isObject(record) && (typeof record.callId === 'string' || typeof record.callId === 'number') ? String(record.callId) : '?';
    return `call ${id}: sentences ${from + 1}–${to} of ${total}`;
  },
};

const SPLITTERS: Record<Split, RecordSplitter> = { transcript };

export function splitterFor(kind: Split): RecordSplitter {
  return SPLITTERS[kind];
}
