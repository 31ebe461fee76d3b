// gong_users_find: people by a name or email fragment, answered from the connector's cached user
// directory (one pass over the users list, then free for ten minutes) in a few hundred tokens
// instead of a whole users list. Each match carries what an agent acts on: id, name, email, title
// and manager (by name when the manager is in the directory).
import type { DirectoryUser } from '../users.js';
import { gongOf } from '../context.js';
import type { Handler } from './types.js';

const DEFAULT_LIMIT = 10;

function shown(user: DirectoryUser, manager: DirectoryUser | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name };
  if (user.email) out.email = user.email;
  if (user.title) out.title = user.title;
  if (user.managerId) out.manager = manager ? { id: manager.id, name: manager.name } : { id: user.managerId };
  if (!user.active) out.active = false;
  return out;
}

export const usersFind: Handler = async (ctx, input) => {
  const query = String(input.query).trim();
  const limit = typeof input.limit === 'number' ? input.limit : DEFAULT_LIMIT;
  const includeInactive = input.include_inactive === true;
  if (ctx.run.dryRun) {
    await ctx.request({ method: 'GET', path: '/v2/users', query: [] }, { readOnly: true });
    ctx.note('The user directory is read page by page (about 100 users per request) and cached for ten minutes.');
    return { query };
  }
  const directory = ctx.run.users;
  const all = await directory.find(query, gongOf(ctx.run, ctx.tool.name), ctx.run.call);
  const matches = includeInactive ? all : all.filter((u) => u.active);
  const users = matches.slice(0, limit).map((u) => shown(u, u.managerId ? directory.byId(u.managerId) : undefined));
  if (matches.length > users.length) {
    ctx.note(`Showing ${users.length} of ${matches.length} matches; use a longer fragment (or raise limit) to narrow.`);
  }
  if (matches.length === 0) {
    const inactive = all.length;
    ctx.note(inactive > 0
      ? `No active user matches "${query}"; ${inactive} inactive user(s) do (include_inactive: true shows them).`
      : `No user's name, email or title contains "${query}".`);
  }
  return { users, match_count: matches.length };
};
