// Every process of this machine shares one company's limiter state through a small JSON file
// under the state directory (src/state/paths.ts), changed under a lock file
// (src/state/file-lock.ts): the pace, today's count (kept across restarts, per UTC day), the 429
// pause and the jobs' budget reservations. No server and no native add-on.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../util/fingerprint.js';
import { withFileLock } from '../file-lock.js';
import { ensureStateDir } from '../paths.js';
import { LocalLimiterStore } from './local.js';
import { emptyPaceState, paceStateFrom, type PaceState } from './pace.js';

export class FileLimiterStore extends LocalLimiterStore {
  readonly kind = 'file';
  private ready: Promise<void> | undefined;

  /** `dir`: the state directory; the files go in its `limits/` folder. */
  constructor(private readonly dir: string) {
    super();
  }

  /** The file of one company: named by a digest of its key (base URL and credential fingerprint). */
  fileOf(key: string): string {
    return join(this.dir, 'limits', `${fingerprint(key)}.json`);
  }

  protected async withState<T>(key: string, change: (state: PaceState) => T): Promise<T> {
    this.ready ??= ensureStateDir(this.dir).then(() => ensureStateDir(join(this.dir, 'limits')));
    await this.ready;
    const file = this.fileOf(key);
    return withFileLock(`${file}.lock`, () => {
      const before = readState(file);
      const state = parse(before);
      const result = change(state);
      const after = JSON.stringify(state);
      // Unchanged (a read with nothing to tidy): nothing to write. Otherwise replaced whole (temp
      // file + rename): a crash never leaves half a state for the others.
      if (after === before) return result;
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, after, { mode: 0o600 });
      renameSync(temp, file);
      return result;
    }, { what: 'the shared Gong rate-limit state', staleMs: 5_000, waitMs: 30_000 });
  }
}

/** The file's text, or undefined when there is none yet. */
function readState(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parse(text: string | undefined): PaceState {
  if (text === undefined) return emptyPaceState();
  try {
    return paceStateFrom(JSON.parse(text));
  } catch {
    // A damaged file (a full disk, an edit): start afresh rather than stop every process.
    return emptyPaceState();
  }
}
