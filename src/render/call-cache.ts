// Per-connector memory of calls' metadata and parties, so that reading a transcript again, or a
// search resumed in the same process, does not ask Gong for the same parties twice. Bounded in
// size and age: parties can still change while Gong processes a fresh call.
import type { CallInfo } from './types.js';

export class CallInfoCache {
  private readonly entries = new Map<string, { info: CallInfo; at: number }>();

  constructor(private readonly maxEntries = 5000, private readonly ttlMs = 6 * 3_600_000) {}

  get(id: string, now: number): CallInfo | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return hit.info;
  }

  set(info: CallInfo, now: number): void {
    this.entries.delete(info.id);
    this.entries.set(info.id, { info, at: now });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
