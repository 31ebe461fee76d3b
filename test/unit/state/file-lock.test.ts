// The file lock within one process: the queue, waiting for another holder, stale locks, renewal.
// Real processes contending for it: file-lock-processes.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/http/errors.js';
import { withFileLock } from '../../../src/state/file-lock.js';

let dir: string;
let lock: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-lock-'));
  lock = join(dir, 'sub', 'x.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const plant = async (content: string, ageMs = 0) => {
  await mkdir(join(dir, 'sub'), { recursive: true });
  await writeFile(lock, content);
  const at = new Date(Date.now() - ageMs);
  await utimes(lock, at, at);
};

it('runs the function holding the lock file (pid, host, random token), returns its value and removes the file', async () => {
  const seen = await withFileLock(lock, async () => readFile(lock, 'utf8'));
  expect(seen).toMatch(new RegExp(`^${process.pid} ${hostname()} [0-9a-f]{16}$`));
  await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  expect(await withFileLock(lock, () => 42)).toBe(42); // a synchronous function too
});

it('a failing function still releases the lock and its error reaches the caller', async () => {
  await expect(withFileLock(lock, () => { throw new Error('boom'); })).rejects.toThrow('boom');
  await expect(withFileLock(lock, async () => { await sleep(1); throw new Error('later'); })).rejects.toThrow('later');
  expect(await readdir(join(dir, 'sub'))).toEqual([]);
});

it("one process's callers queue for the lock in call order and never hold it together", async () => {
  let inside = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(Array.from({ length: 40 }, (_, i) => withFileLock(lock, async () => {
    inside += 1;
    most = Math.max(most, inside);
    order.push(i);
    await sleep(i % 3);
    inside -= 1;
  })));
  expect(most).toBe(1);
  expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
});

it('waits while another live process holds the lock, then takes it when released', async () => {
  await plant(`1 ${hostname()} other`); // pid 1 is alive
  const order: string[] = [];
  const waiting = withFileLock(lock, () => { order.push('second'); });
  await sleep(60);
  order.push('holder releases');
  await rm(lock);
  await waiting;
  expect(order).toEqual(['holder releases', 'second']);
});

it('gives up after waitMs with a ConfigurationError naming the lock, its holder and what to do', async () => {
  await plant(`1 ${hostname()} other`);
  const error = await withFileLock(lock, () => undefined, { waitMs: 50, what: 'the token file' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).message).toContain(`${lock} (the token file) has been held by process 1 on ${hostname()}`);
  expect((error as ConfigurationError).hint).toContain(`delete ${lock}`);
});

it('takes over at once a lock whose holder process is gone on this host, even with a fresh mtime', async () => {
  await plant(`${deadPid()} ${hostname()} dead`);
  const started = Date.now();
  expect(await withFileLock(lock, () => 'mine', { staleMs: 60_000, waitMs: 1_000 })).toBe('mine');
  expect(Date.now() - started).toBeLessThan(1_000);
});

it("a lock of another host (or unreadable content) is stale only when its mtime is older than staleMs", async () => {
  await plant('12345 another-host token', 2_000);
  await expect(withFileLock(lock, () => 'mine', { staleMs: 1_000, waitMs: 500 })).resolves.toBe('mine');
  await plant('12345 another-host token', 0);
  await expect(withFileLock(lock, () => 'mine', { staleMs: 10_000, waitMs: 100 })).rejects.toBeInstanceOf(ConfigurationError);
  await plant('', 2_000);
  await expect(withFileLock(lock, () => 'mine', { staleMs: 1_000, waitMs: 500 })).resolves.toBe('mine');
});

it('a long holder renews the mtime, so its lock never looks stale', async () => {
  const mtimes: number[] = [];
  await withFileLock(lock, async () => {
    for (let i = 0; i < 5; i += 1) {
      await sleep(60);
      mtimes.push((await stat(lock)).mtimeMs);
    }
  }, { staleMs: 90 });
  expect(new Set(mtimes).size).toBeGreaterThan(2);
  expect(Date.now() - mtimes.at(-1)!).toBeLessThan(200);
});

it('a holder whose lock was taken over while it stalled does not remove the new holder\'s lock', async () => {
  const newHolder = 'another-host-token';
  await withFileLock(lock, async () => {
    // what a taker does to a stale lock: remove it, and someone else's lock appears
    await rm(lock);
    await writeFile(lock, `777 other ${newHolder}`);
  });
  expect(await readFile(lock, 'utf8')).toContain(newHolder);
});
