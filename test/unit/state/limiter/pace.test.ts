// The pacer's rules (src/state/limiter/pace.ts) on a bare state: what the stores share.
import { describe, expect, it } from 'vitest';
import * as rules from '../../../../src/state/limiter/pace.js';
import type { Pace } from '../../../../src/state/limiter/types.js';

const pace: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 10 };
const t0 = Date.parse('2026-03-02T10:00:00Z');
const reserve = (s: rules.PaceState, now: number, extra: { lease?: string; maxPauseMs?: number; deadlineInMs?: number } = {}) =>
  rules.reserve(s, { now, pace, maxPauseMs: extra.maxPauseMs ?? -1, deadlineInMs: extra.deadlineInMs ?? -1, leaseTtlMs: 60_000, lease: extra.lease });
const confirm = (s: rules.PaceState, id: number, now: number, maxPauseMs = -1) => rules.confirm(s, id, { now, pace, maxPauseMs, deadlineInMs: -1 });

describe('pace rules', () => {
  it('a slot planned ahead is sent only once the requests before it can have arrived', () => {
    const s = rules.emptyPaceState();
    for (let i = 0; i < 3; i++) reserve(s, t0);
    const fourth = reserve(s, t0);
    expect(fourth).toMatchObject({ kind: 'ok', sent: false });
    // Woken early (a timer firing ahead, a clock step): told to wait the rest.
    expect(confirm(s, (fourth as { id: number }).id, t0 + 500)).toEqual({ kind: 'wait', waitMs: 601 });
    expect(confirm(s, (fourth as { id: number }).id, t0 + 1101)).toEqual({ kind: 'ok', waitMs: 0 });
  });

  it('a pause written after planning holds the slot, and a long one gives it back', () => {
    const s = rules.emptyPaceState();
    for (let i = 0; i < 3; i++) reserve(s, t0);
    const fourth = reserve(s, t0) as { id: number };
    rules.pause(s, t0 + 10, 1_200_000);
    expect(confirm(s, fourth.id, t0 + 1101, 60_000)).toEqual({ kind: 'paused', waitMs: 1_200_000 - 1091 });
    expect(s.used).toBe(3);
  });

  it('a lease keeps its requests for its job; a released reservation refunds it', () => {
    const s = rules.emptyPaceState();
    expect(rules.reserveBudget(s, { now: t0, pace, lease: 'job', requests: 8, ttlMs: 60_000 })).toEqual({ kind: 'ok' });
    expect(rules.reserveBudget(s, { now: t0, pace, lease: 'other', requests: 3, ttlMs: 60_000 })).toEqual({ kind: 'insufficient', remaining: 2 });
    reserve(s, t0);
    reserve(s, t0);
    expect(reserve(s, t0)).toEqual({ kind: 'budget', remaining: 0 });
    for (let i = 0; i < 3; i++) reserve(s, t0 + 5_000, { lease: 'job' });
    const waiting = reserve(s, t0 + 5_000, { lease: 'job' }) as { id: number; sent: boolean };
    expect(waiting.sent).toBe(false);
    expect(s.leases.job!.left).toBe(4);
    rules.release(s, waiting.id);
    expect(s.leases.job!.left).toBe(5);
    expect(s.used).toBe(5);
  });

  it('a lease lapses after its time to live (a crashed job) and on the next UTC day', () => {
    const s = rules.emptyPaceState();
    rules.reserveBudget(s, { now: t0, pace, lease: 'job', requests: 10, ttlMs: 1_000 });
    expect(rules.read(s, t0, pace).remainingToday).toBe(0);
    expect(rules.read(s, t0 + 1_001, pace).remainingToday).toBe(10);
    rules.reserveBudget(s, { now: t0, pace, lease: 'job', requests: 10, ttlMs: 86_400_000 });
    expect(rules.read(s, Date.parse('2026-03-03T00:00:00Z'), pace)).toMatchObject({ usedToday: 0, remainingToday: 10 });
  });

  it('an unsent reservation of a process that stopped is forgotten; confirming it late puts it back', () => {
    const s = rules.emptyPaceState();
    for (let i = 0; i < 3; i++) reserve(s, t0);
    const stuck = reserve(s, t0) as { id: number };
    rules.read(s, t0 + 60_000, pace);
    expect(s.recent).toEqual([]);
    expect(confirm(s, stuck.id, t0 + 60_000)).toEqual({ kind: 'ok', waitMs: 0 });
    expect(s.recent.map((e) => e.id)).toEqual([stuck.id]);
  });

  it('state read from a damaged or older file is repaired field by field', () => {
    expect(rules.paceStateFrom(null)).toEqual(rules.emptyPaceState());
    const repaired = rules.paceStateFrom({ used: 4, recent: [{ id: 1, start: 5 }, { nope: true }], leases: { a: { left: 2, until: 9 }, b: 'x' }, fastWarm: 'x' });
    expect(repaired).toMatchObject({ used: 4, recent: [{ id: 1, start: 5 }], leases: { a: { left: 2, until: 9 } }, fastWarm: -1 });
  });
});
