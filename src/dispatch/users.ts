// Email → Gong user id, for tools whose seed input is an email but whose Gong field is a user id
// (tasks). One pass over the users list fills a per-connector cache; later lookups are free until
// it expires, so a user added in Gong is found within the TTL even by a long-lived MCP server.
import { InvalidInputError } from '../http/errors.js';
import type { GongClient, CallContext } from '../pipeline/client.js';
import { eachPage } from './paging.js';

export const USER_CACHE_TTL_MS = 10 * 60_000;

const USERS = { tool: 'gong_users_list', method: 'GET', path: '/v2/users' } as const;

interface UsersPage {
  users?: Array<{ id?: unknown; emailAddress?: unknown; emailAliases?: unknown }>;
  records?: { cursor?: string };
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
  async idByEmail(email: string, client: GongClient, call: CallContext, field = 'email'): Promise<string> {
    const key = email.toLowerCase();
    this.expire();
    const cached = this.ids.get(key);
    if (cached) return cached;
    if (!this.complete) {
      this.since ??= this.now();
      let last: string | undefined;
      const pages = eachPage(USERS, async (cursor) => {
        const res = await client.request(
          { method: 'GET', path: USERS.path, query: cursor ? [['cursor', cursor]] : [], readOnly: true, tool: USERS.tool },
          call,
        );
        const data = res.data as UsersPage;
        return { data, nextCursor: data.records?.cursor };
      });
      for await (const page of pages) {
        this.add(page.data);
        last = page.nextCursor;
        if (this.ids.has(key)) break;
      }
      if (!last) this.complete = true;
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
