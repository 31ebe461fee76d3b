// A fake clock for retry and pacing tests: sleeps are recorded and advance `now` at once, so no
// test waits through a Retry-After; `hold` keeps chosen sleeps pending until their signal aborts.
import type { Clock } from '../../src/http/clock.js';
import { abortError } from '../../src/http/clock.js';

export interface FakeClockOptions {
  start?: number;
  /** Values returned by random(), cycled; default always 0.5. */
  random?: number[];
  /** Sleeps for which this returns true stay pending until aborted. */
  hold?: (ms: number) => boolean;
  /** Runs during each sleep (e.g. bring a server up between attempts). */
  onSleep?: (ms: number) => void | Promise<void>;
}

export class FakeClock implements Clock {
  t: number;
  readonly sleeps: number[] = [];
  private readonly randoms: number[];
  private r = 0;
  randomCalls = 0;

  constructor(private readonly options: FakeClockOptions = {}) {
    this.t = options.start ?? Date.parse('2026-03-02T10:00:00Z');
    this.randoms = options.random ?? [0.5];
  }

  now = (): number => this.t;

  random = (): number => {
    this.randomCalls += 1;
    const v = this.randoms[this.r % this.randoms.length]!;
    this.r += 1;
    return v;
  };

  sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw abortError(signal);
    this.sleeps.push(ms);
    if (this.options.hold?.(ms)) {
      await new Promise((_, reject) => {
        signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true });
      });
    }
    await this.options.onSleep?.(ms);
    this.t += Math.max(0, ms);
  };

  get slept(): number {
    return this.sleeps.reduce((a, b) => a + b, 0);
  }
}
