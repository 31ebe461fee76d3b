// The file lock across real processes (test/support/lock-worker.mjs, on the built dist/): several
// processes hammering one lock, a holder killed while holding it, and many rounds of takers racing
// to take over one stale lock. Each holder logs `enter`/`exit` to an append-only file; two holders
// at once show up as two `enter` lines in a row.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, utimes } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withFileLock } from '../../../src/state/file-lock.js';

const WORKER = resolve(import.meta.dirname, '../../support/lock-worker.mjs');

let dir: string;
let lock: string;
let log: string;
const children: ChildProcessWithoutNullStreams[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-lockp-'));
  lock = join(dir, 'x.lock');
  log = join(dir, 'log');
  await writeFile(log, '');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function worker(...args: string[]): ChildProcessWithoutNullStreams & { lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`lock worker failed (${String(code)}): ${stderr}`);
  });
  return Object.assign(child, { lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() });
}

const nextLine = async (child: { lines: AsyncIterator<string> }) => (await child.lines.next()).value as string;

/** The log's holders in order; fails on two `enter` lines without the first one's `exit`. */
async function holders(): Promise<string[]> {
  const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const order: string[] = [];
  let inside: string | undefined;
  for (const line of lines) {
    const [event, pid] = line.split(' ') as [string, string];
    if (event === 'enter') {
      expect(inside, `two holders at once: ${inside} and ${pid}`).toBeUndefined();
      inside = pid;
      order.push(pid);
    } else {
      expect(inside).toBe(pid);
      inside = undefined;
    }
  }
  expect(inside).toBeUndefined();
  return order;
}

it('processes hammering one lock never hold it together, and each gets its turns', async () => {
  const n = 4;
  const each = 60;
  const workers = Array.from({ length: n }, () => worker('hammer', lock, log, String(each), '0'));
  for (const w of workers) expect(await nextLine(w)).toBe('finished');
  const order = await holders();
  expect(order).toHaveLength(n * each);
  expect(new Set(order).size).toBe(n);
}, 60_000);

it('a holder killed while holding the lock does not wedge the others: its dead pid frees the lock at once', async () => {
  const holder = worker('hold', lock, log);
  expect(await nextLine(holder)).toBe('held');
  holder.kill('SIGKILL');
  await new Promise((r) => holder.once('exit', r));
  const started = Date.now();
  // staleMs far away: only the dead pid can explain a quick takeover
  expect(await withFileLock(lock, () => 'next', { staleMs: 60_000, waitMs: 5_000 })).toBe('next');
  expect(Date.now() - started).toBeLessThan(2_000);
}, 30_000);

it('several takers racing for one stale lock, 200 rounds: never two holders', async () => {
  const takers = Array.from({ length: 4 }, () => worker('rounds', lock, log, '3'));
  for (let round = 0; round < 200; round += 1) {
    // Alternately a lock of a dead process on this host and an old lock of another host.
    await writeFile(lock, round % 2 === 0 ? `999999999 ${hostname()} stale${round}` : `4242 other-host stale${round}`);
    const old = new Date(Date.now() - 5_000);
    await utimes(lock, old, old);
    const at = Date.now() + 15;
    for (const t of takers) t.stdin.write(`go ${at} 1000\n`);
    for (const t of takers) expect(await nextLine(t)).toBe('done');
  }
  expect(await holders()).toHaveLength(800);
}, 120_000);
