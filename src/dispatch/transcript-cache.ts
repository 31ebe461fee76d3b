// Per-connector memory of transcripts fetched for gong_calls_transcript_text, so that following
// its next_cursor shows the rest without asking Gong again for transcripts this connector already
// holds (src/dispatch/handlers/transcript-text.ts). It hangs off the connector's call cache (one
// per connector), so it lives and dies with the connector. Bounded in entries and age; it also
// remembers calls Gong returned no transcript for (null), so a resumed read does not ask again.
import { Memory, type CallInfoCache } from './call-cache.js';
import type { Monologue } from '../render/types.js';

/** A transcript, or null: Gong had none for the call. */
export type TranscriptCache = Memory<readonly Monologue[] | null>;

const memories = new WeakMap<CallInfoCache, TranscriptCache>();

/** The transcript memory of the connector that owns `calls`: 250 calls (two and a half Gong pages), one hour. */
export function transcriptMemory(calls: CallInfoCache): TranscriptCache {
  let memory = memories.get(calls);
  if (!memory) {
    memory = new Memory(250, 3_600_000);
    memories.set(calls, memory);
  }
  return memory;
}
