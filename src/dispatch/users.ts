// Email → Gong user id, for tools whose seed input is an email but whose Gong field is a user id
// (tasks). One pass over the users list fills a per-connector cache; later lookups are free.
import { InvalidInputError } from '../http/errors.js';
import type { GongClient, CallContext } from '../http/client.js';

export class UserDirectory {
  private readonly ids = new Map<string, string>();
  private complete = false;

  async idByEmail(email: string, client: GongClient, call: CallContext): Promise<string> {
    const key = email.toLowerCase();
    const cached = this.ids.get(key);
    if (cached) return cached;
    if (!this.complete) {
      let cursor: string | undefined;
      do {
        const res = await client.request(
          { method: 'GET', path: '/v2/users', query: cursor ? [['cursor', cursor]] : [], readOnly: true, tool: 'gong_users_list' },
          call,
        );
        const data = res.data as { users?: Array<{ id?: unknown; emailAddress?: unknown; emailAliases?: unknown }>; records?: { cursor?: string } };
        for (const user of data.users ?? []) {
          const id = String(user.id);
          if (typeof user.emailAddress === 'string') this.ids.set(user.emailAddress.toLowerCase(), id);
          if (Array.isArray(user.emailAliases)) for (const alias of user.emailAliases) this.ids.set(String(alias).toLowerCase(), id);
        }
        cursor = data.records?.cursor;
        if (this.ids.has(key)) break;
      } while (cursor);
      if (!cursor) this.complete = true;
    }
    const id = this.ids.get(key);
    if (!id) {
      throw new InvalidInputError({
        message: `No Gong user has the email address ${email}.`,
        field: 'email', hint: 'Check the address with gong_users_list.',
      });
    }
    return id;
  }
}
