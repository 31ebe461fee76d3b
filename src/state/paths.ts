// Where the state that every gong-connector process on this machine shares lives (the limiter's
// per-company files, their locks). One directory per user, 0700: other users must not be able to
// read the daily count or plant a lock that stalls this user's requests.
import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { envValue, type Env } from '../config/env.js';
import { ConfigurationError } from '../http/errors.js';

/** GONG_STATE_DIR, else $XDG_STATE_HOME/gong-connector (when absolute), else ~/.local/state/gong-connector. */
export function stateDirPath(env: Env): string {
  const explicit = envValue(env.GONG_STATE_DIR);
  if (explicit !== undefined) return resolve(explicit);
  const xdg = envValue(env.XDG_STATE_HOME);
  const base = xdg && isAbsolute(xdg) ? xdg : join(envValue(env.HOME) ?? homedir(), '.local', 'state');
  return join(base, 'gong-connector');
}

/** Create `dir` (and its parents) with mode 0700; refuse one that other users may write to. */
export async function ensureStateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const info = await stat(dir);
  if (!info.isDirectory()) {
    throw new ConfigurationError({
      message: `The state directory ${dir} is not a directory.`,
      field: 'GONG_STATE_DIR',
      hint: 'Point GONG_STATE_DIR at a directory of your own (it is created with mode 0700).',
    });
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o022) !== 0) {
    // Like ssh: another user could plant a lock or a count here and stall or misreport this user.
    throw new ConfigurationError({
      message: `The state directory ${dir} is writable by other users (mode ${mode.toString(8)}).`,
      field: 'GONG_STATE_DIR',
      hint: `Run \`chmod 700 ${dir}\`, or set GONG_STATE_DIR to a directory only you can write to.`,
    });
  }
}
