// Email → Gong user id, for tools whose seed input is an email but whose Gong field is a user id
// (tasks). One pass over the users list fills a per-connector cache; later lookups are free until
// it expires, so a user added in Gong is found within the TTL even by a long-lived MCP server.
import { InvalidInputError } from '../http/errors.js';
import type { CallContext } from '../pipeline/client.js';
import type { GongPort } from './context.js';
import { gongCursorOf, pages } from './pager.js';

export const USER_CACHE_TTL_MS = 10 * 60_000;

const USERS = { tool: 'gong_users_list', method: 'GET', path: '/v2/users' } as const;

interface UsersPage {
  [key: string]: unknown;
  users?: Array<{ id?: unknown; emailAddress?: unknown; emailAliases?: unknown }>;
}

export interface UserDirectoryOptions {
  now?: (() => number) | undefined;
  ttlMs?: number | undefined;
}

export class UserDirectory {
  private readonly ids = new Map<string, string>();
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
  async idByEmail(email: string, client: Pick<GongPort, 'request'>, call: CallContext, field = 'email'): Promise<string> {
    const key = email.toLowerCase();
    this.expire();
    const cached = this.ids.get(key);
    if (cached) return cached;
    if (!this.complete) {
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
        if (this.ids.has(key)) break;
      }
      if (directory.stopped === 'end') this.complete = true;
    }
    const id = this.ids.get(key);
    if (!id) {
      throw new InvalidInputError({
        message: `No Gong user has the email address ${email}.`,
        field, hint: 'Check the address with gong_users_list.',
      });
    }
    return id;
  }

  private expire(): void {
    if (this.since === undefined || this.now() - this.since < this.ttlMs) return;
    this.ids.clear();
    this.complete = false;
    this.since = undefined;
  }

  private add(data: UsersPage): void {
    for (const user of data.users ?? []) {
      const id = String(user.id);
      if (typeof user.emailAddress === 'string') this.ids.set(user.emailAddress.toLowerCase(), id);
      if (Array.isArray(user.emailAliases)) for (const alias of user.emailAliases) this.ids.set(String(alias).toLowerCase(), id);
    }
  }
}
