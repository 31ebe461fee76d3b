// The company's user directory, cached per connector: email → Gong user id for tools whose input
// is an email (tasks, every user-id input given an email), and name/email fragments → people for
// gong_users_find. Pages of the users list fill the cache; later lookups are free until it expires,
// so a user added in Gong is found within the TTL even by a long-lived MCP server.
import { InvalidInputError } from '../http/errors.js';
import type { CallContext, GongRequest, GongResponse } from '../pipeline/client.js';
import { gongCursorOf, pages } from './pager.js';

export const USER_CACHE_TTL_MS = 10 * 60_000;

const USERS = { tool: 'gong_users_list', method: 'GET', path: '/v2/users' } as const;

interface GongUser {
  id?: unknown;
  emailAddress?: unknown;
  emailAliases?: unknown;
  firstName?: unknown;
  lastName?: unknown;
  title?: unknown;
  managerId?: unknown;
  active?: unknown;
}

interface UsersPage {
  [key: string]: unknown;
  users?: GongUser[];
}

/** What the directory keeps of one user. */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string | undefined;
  aliases: string[];
  title: string | undefined;
  managerId: string | undefined;
  active: boolean;
}

export interface UserDirectoryOptions {
  now?: (() => number) | undefined;
  ttlMs?: number | undefined;
}

/** The one thing the directory needs of the pipeline (the run context's Gong port fits). */
interface Client {
  request(req: GongRequest, call: CallContext): Promise<GongResponse>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export class UserDirectory {
  private readonly ids = new Map<string, string>();
  private readonly users = new Map<string, DirectoryUser>();
  private complete = false;
  /** When the cached entries were first fetched; undefined while empty. */
  private since: number | undefined;
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(options: UserDirectoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? USER_CACHE_TTL_MS;
  }

  /** `field` names the input the email came from, for the error when no user has it. */
  async idByEmail(email: string, client: Client, call: CallContext, field = 'email'): Promise<string> {
    const key = email.toLowerCase();
    this.expire();
    const cached = this.ids.get(key);
    if (cached) return cached;
    await this.fill(client, call, () => this.ids.has(key));
    const id = this.ids.get(key);
    if (!id) {
      throw new InvalidInputError({
        message: `No Gong user has the email address ${email}.`,
        field, hint: 'Find the person with gong_users_find (a name or part of the address).',
      });
    }
    return id;
  }

  /**
   * Every user whose name, email, alias or title contains `fragment` (case-insensitive; all words
   * of a multi-word fragment must match), exact email matches first, then by name.
   */
  async find(fragment: string, client: Client, call: CallContext): Promise<DirectoryUser[]> {
    this.expire();
    await this.fill(client, call, () => false);
    const words = fragment.toLowerCase().split(/\s+/).filter(Boolean);
    const whole = fragment.trim().toLowerCase();
    const matches = [...this.users.values()].filter((u) => {
      const hay = [u.name, u.email ?? '', ...u.aliases, u.title ?? ''].join('\n').toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    const exact = (u: DirectoryUser) => (u.email?.toLowerCase() === whole || u.aliases.some((a) => a.toLowerCase() === whole) ? 0 : 1);
    return matches.sort((a, b) => exact(a) - exact(b) || a.name.localeCompare(b.name));
  }

  /** A cached user by id (after a lookup filled the directory). */
  byId(id: string): DirectoryUser | undefined {
    return this.users.get(id);
  }

  /** Page through the users list until `done` says so or the list ends (then the directory is complete). */
  private async fill(client: Client, call: CallContext, done: () => boolean): Promise<void> {
    if (this.complete) return;
    // A partial pass is restarted from the first page: Gong's cursors are not kept between calls.
    this.since ??= this.now();
    const directory = pages<UsersPage>({
      where: USERS,
      fetch: async (cursor) => (await client.request(
        { method: 'GET', path: USERS.path, query: cursor ? [['cursor', cursor]] : [], readOnly: true, tool: USERS.tool },
        call,
      )).data as UsersPage,
      cursorOf: (page) => gongCursorOf(page),
      deadlineAt: call.deadlineAt, now: this.now,
    });
    for await (const page of directory) {
      this.add(page);
      if (done()) break;
    }
    if (directory.stopped === 'end') this.complete = true;
  }

  private expire(): void {
    if (this.since === undefined || this.now() - this.since < this.ttlMs) return;
    this.ids.clear();
    this.users.clear();
    this.complete = false;
    this.since = undefined;
  }

  private add(data: UsersPage): void {
    for (const user of data.users ?? []) {
      if (user.id === undefined || user.id === null) continue;
      const id = String(user.id);
      const email = text(user.emailAddress);
      const aliases = Array.isArray(user.emailAliases) ? user.emailAliases.map(String) : [];
      if (email) this.ids.set(email.toLowerCase(), id);
      for (const alias of aliases) this.ids.set(alias.toLowerCase(), id);
      const name = [text(user.firstName), text(user.lastName)].filter(Boolean).join(' ');
      this.users.set(id, {
        id, name, email, aliases,
        title: text(user.title),
        managerId: user.managerId === undefined || user.managerId === null ? undefined : String(user.managerId),
        active: user.active !== false,
      });
    }
  }
}
