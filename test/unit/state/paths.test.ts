// Where the shared state directory is, and that it is private to its user.
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/http/errors.js';
import { ensureStateDir, stateDirPath } from '../../../src/state/paths.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gc-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('GONG_STATE_DIR wins, then an absolute XDG_STATE_HOME, then ~/.local/state (HOME, else the home directory)', () => {
  expect(stateDirPath({ GONG_STATE_DIR: ' /s/d ', XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/s/d');
  expect(stateDirPath({ GONG_STATE_DIR: '  ', XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/x/gong-connector');
  expect(stateDirPath({ XDG_STATE_HOME: 'relative', HOME: '/h' })).toBe('/h/.local/state/gong-connector');
  expect(stateDirPath({})).toBe(join(homedir(), '.local', 'state', 'gong-connector'));
});

it('creates the directory and its parents with mode 0700, even under a permissive umask', async () => {
  const target = join(dir, 'a', 'b');
  const old = process.umask(0);
  try {
    await ensureStateDir(target);
    await ensureStateDir(target); // idempotent
  } finally {
    process.umask(old);
  }
  expect((await stat(target)).mode & 0o777).toBe(0o700);
});

it('refuses a directory other users can write to, naming GONG_STATE_DIR', async () => {
  const shared = join(dir, 'shared');
  await ensureStateDir(shared);
  await chmod(shared, 0o777);
  const error = await ensureStateDir(shared).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error).toMatchObject({ field: 'GONG_STATE_DIR', message: expect.stringContaining('writable by other users') });
  await chmod(shared, 0o750);
  await expect(ensureStateDir(shared)).resolves.toBeUndefined(); // group-readable is fine; writable is not
});

it('refuses a path that is a file', async () => {
  const file = join(dir, 'file');
  await writeFile(file, '');
  await expect(ensureStateDir(file)).rejects.toBeDefined();
});
