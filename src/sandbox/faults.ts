// Deterministic fault injection. Each faultable request draws one number from a PRNG seeded by
// `faults.seed`; the cumulative shares decide its fate, so a given seed and request order always fail
// the same requests. 429, 5xx, reset-before and stall happen before the handler runs (nothing is
// applied); 5xx-after, reset, truncated, malformed and slow answers happen after it (a write may be
// applied and its answer lost — exactly the case idempotent retries must survive, and the case a
// plain write must never be re-sent after).
import { mulberry32 } from './random.js';
import type { FaultKind, FaultOptions } from './options.js';

export interface FaultDecision {
  kind: FaultKind;
  /** For 5xx and 5xx-after: 500, 502 or 503. */
  status?: number;
  latencyMs: number;
}

const FIVE_XX = [500, 502, 503] as const;

export class FaultInjector {
  private options: FaultOptions | undefined;
  private rng: () => number = mulberry32(0);

  constructor(options: FaultOptions | undefined) {
    this.set(options);
  }

  /** Replace the fault options; the schedule restarts from its seed. */
  set(options: FaultOptions | undefined): void {
    this.options = options;
    this.rng = mulberry32(options?.seed ?? 0);
  }

  get current(): FaultOptions | undefined {
    return this.options;
  }

  applies(path: string): boolean {
    const o = this.options;
    if (!o || !path.startsWith('/v2/')) return false;
    return o.routes === undefined || o.routes.some((prefix) => path.startsWith(prefix));
  }

  decide(): FaultDecision {
    const o = this.options ?? {};
    const latencyMs = o.latencyMs ?? 0;
    if (o.hang) return { kind: 'hang', latencyMs };
    const r = this.rng();
    let edge = 0;
    const shares: ReadonlyArray<readonly [Exclude<FaultKind, 'none' | 'hang'>, number | undefined]> = [
      ['429', o.rate429], ['5xx', o.rate5xx], ['reset', o.rateReset], ['truncated', o.rateTruncated],
      ['malformed', o.rateMalformed], ['slow', o.rateSlow],
      // Added after the original six so existing seeds keep their schedules.
      ['5xx-after', o.rate5xxAfter], ['reset-before', o.rateResetBefore], ['stall', o.rateStall],
    ];
    for (const [kind, share] of shares) {
      edge += share ?? 0;
      if (r < edge) {
        if (kind === '5xx' || kind === '5xx-after') return { kind, latencyMs, status: FIVE_XX[Math.floor(this.rng() * FIVE_XX.length)] as number };
        return { kind, latencyMs };
      }
    }
    return { kind: 'none', latencyMs };
  }
}

/** A copy of the body that is no longer valid JSON, same length class: what a proxy's error page mid-body looks like. */
export function malformedBody(body: string): string {
  return `${body.slice(0, Math.max(1, Math.floor(body.length * 0.6)))}<html><body>upstream error</body></html>`;
}
