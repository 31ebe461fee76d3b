// The file store (src/state/limiter/file.ts): one company's state shared by every store (process)
// using one state directory, kept across restarts, private to the user, and robust to damage.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLimiterStore } from '../../../../src/state/limiter/file.js';
import type { Pace } from '../../../../src/state/limiter/types.js';

const pace: Pace = { intervalMs: 1000 / 3, windowCount: 3, windowMs: 1000, dailyLimit: 100 };
const at = Date.parse('2026-03-02T10:00:00Z');
const reserve = (store: FileLimiterStore, now: number, key = 'https://api.gong.io#a') =>
  store.reserve(key, { now, pace, maxPauseMs: -1, deadlineInMs: -1, leaseTtlMs: 60_000 });

describe('file limiter store', () => {
  it('two stores on one directory share one schedule and one count; another company has its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gong-state-'));
    const a = new FileLimiterStore(dir);
    const b = new FileLimiterStore(dir);
    for (let i = 0; i < 3; i++) expect(await reserve(i % 2 ? a : b, at)).toMatchObject({ kind: 'ok', waitMs: 0, sent: true });
    // The window holds three: the 4th, from the other store, waits a window plus the allowance.
    expect(await reserve(b, at)).toMatchObject({ kind: 'ok', waitMs: 1101, sent: false });
    expect(await reserve(a, at, 'https://api.gong.io#other')).toMatchObject({ kind: 'ok', waitMs: 0 });
    expect((await a.read('https://api.gong.io#a', { now: at, pace })).usedToday).toBe(4);
  });

  it('today\'s count survives a restart (a new store) and resets on the next UTC day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gong-state-'));
    await reserve(new FileLimiterStore(dir), at);
    await reserve(new FileLimiterStore(dir), at + 5_000);
    const later = new FileLimiterStore(dir);
    expect((await later.read('https://api.gong.io#a', { now: at + 60_000, pace })).usedToday).toBe(2);
    expect((await later.read('https://api.gong.io#a', { now: Date.parse('2026-03-03T00:00:01Z'), pace })).usedToday).toBe(0);
  });

  it('keeps its files private (directory 0700, state 0600) and names them by a digest, not the URL', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gong-state-')), 'nested');
    const store = new FileLimiterStore(dir);
    await reserve(store, at);
    const file = store.fileOf('https://api.gong.io#a');
    expect(file).not.toContain('gong.io');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ used: 1 });
  });

  it('a damaged state file starts afresh instead of stopping every process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gong-state-'));
    const store = new FileLimiterStore(dir);
    await reserve(store, at);
    writeFileSync(store.fileOf('https://api.gong.io#a'), '{"used": 5, "recent": [');
    expect(await reserve(store, at + 10)).toMatchObject({ kind: 'ok', waitMs: 0 });
    expect((await store.read('https://api.gong.io#a', { now: at + 10, pace })).usedToday).toBe(1);
  });
});
