// Per-connector memory of calls' metadata and parties, so that reading a transcript again, or a
// search resumed in the same process, does not ask Gong for the same parties twice. Bounded in
// size and age: parties can still change while Gong processes a fresh call.
import type { CallInfo, Party } from '../render/types.js';

type Json = Record<string, unknown>;

/** A map bounded in entries (oldest out first) and in age. */
export class Memory<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(private readonly maxEntries: number, private readonly ttlMs: number) {}

  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  put(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

export class CallInfoCache extends Memory<CallInfo> {
  constructor(maxEntries = 5000, ttlMs = 6 * 3_600_000) {
    super(maxEntries, ttlMs);
  }

  set(info: CallInfo, now: number): void {
    this.put(info.id, info, now);
  }
}

/**
 * Remember the parties of Gong call records another tool already fetched (gong_calls_get,
 * gong_calls_extensive_list: /v2/calls/extensive with parties), so gong_calls_transcript_text
 * does not ask Gong for them again. Records without a
 * `parties` array are ignored.
 */
export function rememberCalls(cache: CallInfoCache, records: readonly unknown[], now: number): void {
  for (const raw of records) {
    if (!raw || typeof raw !== 'object' || !Array.isArray((raw as Json).parties)) continue;
    const info = callInfoOf(raw as Json);
    if (info) cache.set(info, now);
  }
}

export function callInfoOf(raw: Json): CallInfo | undefined {
  const meta = (raw.metaData ?? {}) as Json;
  if (meta.id === undefined || meta.id === null) return undefined;
  const info: CallInfo = { id: String(meta.id), parties: Array.isArray(raw.parties) ? (raw.parties as Party[]) : [] };
  if (typeof meta.title === 'string') info.title = meta.title;
  if (typeof meta.url === 'string') info.url = meta.url;
  if (typeof meta.started === 'string') info.started = meta.started;
  const duration = Number(meta.duration);
  if (meta.duration !== undefined && Number.isFinite(duration)) info.duration = duration;
  return info;
}
