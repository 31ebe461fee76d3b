// Deterministic randomness for the sandbox: every generated value derives from (seed, anchor) so two
// sandboxes started with the same options serve byte-identical data. mulberry32 is tiny, fast and
// good enough for fake data; it is not for anything secret.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: derives independent sub-seeds (per call, per transcript, per fault schedule). */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${part}\u0001`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

export class Random {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick by weight: `[[value, weight], ...]`. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /** `n` distinct items in random order (all of them when n >= length). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, k);
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }

  /** Letters and digits, e.g. for Salesforce-style ids. */
  alnum(n: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[Math.floor(this.next() * chars.length)];
    return s;
  }
}

/**
 * Gong ids: numeric strings of 19 digits, so every one is above 2^53 and loses digits in a naive
 * JSON.parse. Random 19-digit ids collide with negligible probability (~1e-10 for the ~30k ids of a
 * data set), so uniqueness is not tracked; CRM ids are shorter and are checked.
 */
export class IdFactory {
  private readonly seenCrm = new Set<string>();

  constructor(private readonly rng: Random) {}

  id19(): string {
    // 9 + 10 digits from two draws; the leading digit 1-8 keeps it 19 digits long.
    const high = this.rng.int(100_000_000, 899_999_999);
    const low = Math.floor(this.rng.next() * 1e10);
    return `${high}${String(low).padStart(10, '0')}`;
  }

  /** Salesforce-looking 18-character id with a 3-character object prefix (001 account, 003 contact…). */
  crm(prefix: string): string {
    for (;;) {
      const id = `${prefix}5e00000${this.rng.alnum(8)}`;
      if (!this.seenCrm.has(id)) {
        this.seenCrm.add(id);
        return id;
      }
    }
  }
}
