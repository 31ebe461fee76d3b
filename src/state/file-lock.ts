// A cross-process lock on one machine, with no dependency and no native add-on: a lock file created
// with O_EXCL holding `pid hostname random`. The limiter takes it 2–3 times per Gong request, so
// the uncontended path is a handful of synchronous syscalls (each a few microseconds on a local
// disk; the promise-based fs API would cost a thread-pool round trip per call).
//
// - Within one process, callers of one lock path queue behind each other, so only processes
//   contend for the file. Not reentrant: `fn` must not take the same lock again.
// - A holder that runs long renews the file's mtime through its open descriptor (so it can only
//   ever touch its own file, even after a takeover).
// - A lock is stale when its holder's pid is gone on this host, or its mtime is older than staleMs.
// - Taking over a stale lock is exclusive: the taker first creates `<lock>.takeover` with O_EXCL,
//   then re-reads the lock and removes it only if it is still the same file (inode and random
//   token) and still stale. A plain stat → rm → create lets two waiters both remove a crashed
//   holder's lock and both create one.
// - A holder that missed its renewals (its event loop stalled) may have been judged stale; it then
//   releases under the same guard and removes the lock only if it is still its own file.
// Meant for local disks: on a file system shared by several hosts (NFS) pids and mtimes of other
// hosts are not comparable; share state across machines through Redis (src/state/redis.ts).
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, linkSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ConfigurationError } from '../http/errors.js';

export interface FileLockOptions {
  /** A lock whose holder has not renewed it for this long is taken over (ms); default 10 s. */
  staleMs?: number;
  /** Give up with a ConfigurationError after waiting this long (ms); default 30 s. */
  waitMs?: number;
  /** What the lock protects, for the error message (e.g. "the token file"). */
  what?: string;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 30_000;
/** The takeover guard is held for a few syscalls; one this old was left by a crashed taker. */
const GUARD_STALE_MS = 2_000;

const HOST = hostname();

/** Callers in this process queue per lock path (resolved), so they never poll for their own lock. */
const queues = new Map<string, Promise<unknown>>();

/** Run `fn` while holding the lock file `lockPath` (created with its directory when missing). */
export function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const path = resolve(lockPath);
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  const before = queues.get(path);
  const run = before === undefined ? holdFile(path, fn, options, deadline) : before.then(() => holdFile(path, fn, options, deadline));
  const tail = run.then(noop, noop);
  queues.set(path, tail);
  void tail.then(() => {
    if (queues.get(path) === tail) queues.delete(path);
  });
  return run;
}

const noop = (): void => undefined;

interface Seen {
  content: string;
  ino: number;
  mtimeMs: number;
}

async function holdFile<T>(path: string, fn: () => T | Promise<T>, options: FileLockOptions, deadline: number): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = `${process.pid} ${HOST} ${randomBytes(8).toString('hex')}`;
  const fd = await acquire(path, token, staleMs, deadline, options);
  const began = Date.now();
  // Only work that waits needs renewing: a synchronous `fn` (the limiter's state files) holds the
  // lock for its own run, which no timer could interrupt anyway.
  let renewal: { stop(): void; maxGapMs(): number } | undefined;
  try {
    const result = fn();
    if (!(result instanceof Promise)) return result;
    renewal = renew(fd, staleMs);
    return await result;
  } finally {
    renewal?.stop();
    const held = renewal ? renewal.maxGapMs() : Date.now() - began;
    if (held > staleMs / 2) await releaseGuarded(path, fd);
    else release(path, fd);
  }
}

async function acquire(path: string, token: string, staleMs: number, deadline: number, options: FileLockOptions): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const fd = tryCreate(path, token);
    if (fd !== undefined) return fd;
    const seen = inspect(path);
    if (seen === undefined) continue; // released in between: try again at once
    if (isStale(seen, staleMs)) {
      takeOver(path, seen, staleMs);
      continue;
    }
    if (Date.now() >= deadline) throw waitedTooLong(path, seen, options);
    await sleep(1 + Math.random() * Math.min(7, attempt + 1));
  }
}

/** The open descriptor of a new lock file holding `content`, or undefined when one exists. */
function tryCreate(path: string, content: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') return undefined;
    if (code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    return tryCreate(path, content);
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    unlinkSync(path);
    throw error;
  }
  return fd;
}

/** Content, inode and mtime of the lock file, read through one descriptor; undefined when gone. */
function inspect(path: string): Seen | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = fstatSync(fd);
    const buffer = Buffer.alloc(256);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return { content: buffer.toString('utf8', 0, length), ino: info.ino, mtimeMs: info.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function holderOf(content: string): { pid: number; host: string } | undefined {
  const [pid, host] = content.split(' ');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && host ? { pid: n, host } : undefined;
}

function isStale(seen: Seen, staleMs: number): boolean {
  const holder = holderOf(seen.content);
  if (holder && holder.host === HOST && holder.pid !== process.pid && !processAlive(holder.pid)) return true;
  return Date.now() - seen.mtimeMs > staleMs;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code !== 'ESRCH'; // EPERM: alive, someone else's
  }
}

/** Remove a stale lock, exclusively: under the guard, and only if it is still the file judged stale. */
function takeOver(path: string, seen: Seen, staleMs: number): void {
  const guard = `${path}.takeover`;
  const fd = tryCreate(guard, `${process.pid} ${HOST} ${randomBytes(8).toString('hex')}`);
  if (fd === undefined) {
    clearStaleGuard(guard); // another taker is at work, unless it crashed holding the guard
    return;
  }
  try {
    const now = inspect(path);
    if (now && now.ino === seen.ino && now.content === seen.content && isStale(now, staleMs)) unlinkSync(path);
  } finally {
    dropGuard(guard, fd);
  }
}

/**
 * Remove the guard only if it is still ours (same inode): a taker that stalled past
 * GUARD_STALE_MS may have had it moved aside, and a newer taker's guard must stay. Then close it.
 */
function dropGuard(guard: string, fd: number): void {
  try {
    const ours = fstatSync(fd).ino;
    if (statOrUndefined(guard)?.ino === ours) unlinkSync(guard);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * A guard left by a taker that died within its few syscalls: moved aside under a unique name (only
 * one mover gets a given file) and deleted; a live taker's guard moved by mistake is linked back.
 */
function clearStaleGuard(guard: string): void {
  const seen = inspect(guard);
  if (seen === undefined || !isStale(seen, GUARD_STALE_MS)) return;
  const aside = `${guard}.${randomBytes(6).toString('hex')}`;
  try {
    renameSync(guard, aside);
  } catch {
    return; // another taker moved it first
  }
  const moved = inspect(aside);
  if (moved && moved.ino !== seen.ino) {
    try {
      linkSync(aside, guard); // a live taker's guard: give it back (never over a newer one)
    } catch {
      // a newer guard exists already
    }
  }
  unlinkSync(aside);
}

/** Renew the lock's mtime through its descriptor every staleMs / 3; reports the longest gap. */
function renew(fd: number, staleMs: number): { stop(): void; maxGapMs(): number } {
  let last = Date.now();
  let maxGap = 0;
  const tick = () => {
    const now = Date.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    try {
      futimesSync(fd, now / 1000, now / 1000); // synchronous: the descriptor is closed right after the last tick
    } catch {
      // the next tick tries again; a lock left unrenewed is only ever taken over, never corrupted
    }
  };
  const timer = setInterval(tick, Math.max(1, Math.floor(staleMs / 3)));
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    maxGapMs: () => Math.max(maxGap, Date.now() - last),
  };
}

/** Remove the lock if it is still this holder's file (same inode), then close it. */
function release(path: string, fd: number): void {
  try {
    const ours = fstatSync(fd).ino;
    const current = statOrUndefined(path);
    if (current?.ino === ours) unlinkSync(path);
  } finally {
    closeSync(fd);
  }
}

/** The release of a holder that may have been taken over: under the takeover guard. */
async function releaseGuarded(path: string, fd: number): Promise<void> {
  const guard = `${path}.takeover`;
  const limit = Date.now() + GUARD_STALE_MS * 2;
  for (;;) {
    const guardFd = tryCreate(guard, `${process.pid} ${HOST} ${randomBytes(8).toString('hex')}`);
    if (guardFd !== undefined) {
      try {
        release(path, fd);
      } finally {
        dropGuard(guard, guardFd);
      }
      return;
    }
    clearStaleGuard(guard);
    if (Date.now() > limit) {
      closeSync(fd); // leave the file: its mtime ages and the next waiter takes it over
      return;
    }
    await sleep(1 + Math.random() * 4);
  }
}

function statOrUndefined(path: string): { ino: number } | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

function waitedTooLong(path: string, seen: Seen, options: FileLockOptions): ConfigurationError {
  const holder = holderOf(seen.content);
  const by = holder ? ` by process ${holder.pid} on ${holder.host}` : '';
  const what = options.what ? ` (${options.what})` : '';
  const waited = ((options.waitMs ?? DEFAULT_WAIT_MS) / 1000).toString();
  return new ConfigurationError({
    message: `The lock ${path}${what} has been held${by} for longer than ${waited} s.`,
    hint: `If no gong-connector process is still running${holder ? ` (process ${holder.pid})` : ''}, delete ${path} and retry; a lock whose holder died is otherwise taken over after ${((options.staleMs ?? DEFAULT_STALE_MS) / 1000).toString()} s.`,
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
