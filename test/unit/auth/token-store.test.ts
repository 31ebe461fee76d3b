// The token file's write discipline and the cross-process refresh lock.
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readTokenFile, withTokenLock, writeTokenFile, type StoredToken } from '../../../src/auth/token-store.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-store-'));
  file = join(dir, 'sub', 'token.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const token = (access: string): StoredToken => ({
  version: 1, access_token: access, refresh_token: `r-${access}`, expires_at: '2030-01-01T00:00:00.000Z', scopes: [],
  api_base_url_for_customer: 'https://x.api.gong.io', client_id: 'c', token_url: 'https://app.gong.io/oauth2/generate-customer-token', saved_at: '2026-01-01T00:00:00.000Z',
});

it('replaces the file atomically with mode 0600, even under a permissive umask, leaving no temp files', async () => {
  const old = process.umask(0);
  try {
    await writeTokenFile(file, token('a'));
    await writeTokenFile(file, token('b'));
  } finally {
    process.umask(old);
  }
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(await readdir(join(dir, 'sub'))).toEqual(['token.json']);
  expect((await readTokenFile(file))!.access_token).toBe('b');
});

it('the lock waits for its holder, then runs', async () => {
  await writeTokenFile(file, token('a'));
  await writeFile(`${file}.lock`, '1');
  const order: string[] = [];
  const waiting = withTokenLock(file, async () => { order.push('second'); });
  await new Promise((r) => setTimeout(r, 120));
  order.push('holder releases');
  await rm(`${file}.lock`);
  await waiting;
  expect(order).toEqual(['holder releases', 'second']);
  await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('a stale lock left by a crashed process is taken over', async () => {
  await writeTokenFile(file, token('a'));
  await writeFile(`${file}.lock`, '1');
  const old = new Date(Date.now() - 120_000);
  await utimes(`${file}.lock`, old, old);
  let ran = false;
  await withTokenLock(file, async () => { ran = true; });
  expect(ran).toBe(true);
});
