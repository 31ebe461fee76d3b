// The canary: one unique token per test file, set in process.env before any test runs. Tests that
// exercise credentials use it as the token or secret; every captured output is scanned for it and
// the file fails (a global afterAll in setup.ts) if it appears anywhere.
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';

export const CANARY: string = (process.env.GONG_TEST_CANARY ??= `gongcanary${randomBytes(16).toString('hex')}`);

/** A second secret for the access-key half of a key pair. */
export const CANARY_KEY = `${CANARY}key`;

export interface Leak {
  where: string;
  excerpt: string;
}

const leaks: Leak[] = [];

/** Scan one piece of output; a hit is recorded (never printed in full: the excerpt hides the token). */
export function scanForCanary(where: string, text: string): boolean {
  const at = text.indexOf(CANARY);
  if (at < 0) return false;
  const excerpt = `${text.slice(Math.max(0, at - 40), at)}<CANARY>${text.slice(at + CANARY.length, at + CANARY.length + 40)}`;
  leaks.push({ where, excerpt: excerpt.split(CANARY).join('<CANARY>') });
  return true;
}

export function canaryLeaks(): readonly Leak[] {
  return leaks;
}

/** For the guard's own self-test: take (and clear) the leaks it deliberately caused. */
export function takeLeaks(): Leak[] {
  return leaks.splice(0, leaks.length);
}

type Write = Writable['write'];

/** Wrap a stream's write so every chunk is scanned before it goes out. */
export function guardStream(stream: Writable, where: string): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const guarded = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    scanForCanary(where, text);
    return original(chunk, ...rest);
  };
  stream.write = guarded as Write;
}
