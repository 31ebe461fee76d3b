// What a token store offers (token-stores.ts: the token file or Redis): read, save, remove, and
// the single-flight update with its compare-and-set rule.
import type { StoredToken } from './token-store.js';

/** A refresh's result: `write` replaces the stored token if it still holds `replacing`'s refresh token. */
export interface TokenUpdate {
  write: StoredToken;
  replacing: StoredToken;
}

export interface TokenStore {
  readonly kind: 'file' | 'redis';
  /** Where the login is kept, for messages and `auth status`: a path, or Redis host:port and key. Never a secret. */
  readonly location: string;
  read(): Promise<StoredToken | undefined>;
  /** Store a new login (`auth login`), replacing any other. */
  save(token: StoredToken): Promise<void>;
  /** Remove the login; true when there was one. */
  remove(): Promise<boolean>;
  /**
   * Run `fn` alone across processes (and machines): it sees the stored token, re-read now, and
   * may return an update. Resolves to the token stored afterwards.
   */
  update(fn: (stored: StoredToken | undefined) => Promise<TokenUpdate | undefined>): Promise<StoredToken | undefined>;
}

/** The compare-and-set rule both stores apply. */
export const stillReplaces = (stored: StoredToken | undefined, update: TokenUpdate): boolean =>
  stored !== undefined && stored.refresh_token === update.replacing.refresh_token;
