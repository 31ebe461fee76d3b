// Users: list (avatars — synthetic Gong-employee users — only on request), by id, settings history,
// and the extensive search by creation date and ids.
import { notFound } from '../errors.js';
import type { Route } from '../router.js';
import { arr, bool, obj, str } from '../schema.js';
import { asStringArray, bodyOf, dateTimeRange, userMetadata, type Json } from './common.js';

export const userRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/users', operationId: 'listUsers', scope: 'api:users:read', cache: true,
    query: [{ name: 'cursor' }, { name: 'includeAvatars', type: 'boolean' }],
    handle(ctx) {
      const { data } = ctx.state;
      const users = ctx.query.get('includeAvatars') === 'true' ? [...data.users, ...data.avatars] : data.users;
      const page = ctx.pager.page(ctx.operationId, users, ctx.query.get('cursor') ?? undefined);
      if (page.items.length === 0) throw notFound('No users found');
      return { body: { records: page.records, users: page.items.map(userMetadata) } };
    },
  },
  {
    method: 'GET', path: '/v2/users/{id}', operationId: 'getUser', scope: 'api:users:read', cache: true,
    handle(ctx) {
      const user = ctx.state.usersById.get(ctx.params.id as string);
      if (!user) throw notFound('User not found');
      return { body: { user: userMetadata(user) } };
    },
  },
  {
    method: 'GET', path: '/v2/users/{id}/settings-history', operationId: 'getUserHistory', scope: 'api:users:read', cache: true,
    handle(ctx) {
      const id = ctx.params.id as string;
      if (!ctx.state.usersById.has(id)) throw notFound('User not found');
      return { body: { userSettingsHistory: ctx.state.data.userSettingsHistory[id] ?? [] } };
    },
  },
  {
    method: 'POST', path: '/v2/users/extensive', operationId: 'listMultipleUsers', scope: 'api:users:read', body: 'json', cache: true,
    schema: obj({
      cursor: str(),
      filter: obj({ createdFromDateTime: str(), createdToDateTime: str(), includeAvatars: bool(), userIds: arr(str()) }),
    }, ['filter']),
    handle(ctx) {
      const body = bodyOf(ctx);
      const filter = body.filter as Json;
      const { fromMs, toMs } = dateTimeRange(filter.createdFromDateTime, filter.createdToDateTime, ['createdFromDateTime', 'createdToDateTime']);
      const ids = asStringArray(filter.userIds);
      const idSet = ids ? new Set(ids) : undefined;
      const { data } = ctx.state;
      const pool = filter.includeAvatars === true ? [...data.users, ...data.avatars] : data.users;
      const users = pool.filter((u) => u.createdMs >= fromMs && u.createdMs < toMs && (idSet === undefined || idSet.has(u.id)));
      const page = ctx.pager.page(ctx.operationId, users, typeof body.cursor === 'string' ? body.cursor : undefined);
      if (page.items.length === 0) throw notFound('No users found corresponding to the provided filters');
      return { body: { records: page.records, users: page.items.map(userMetadata) } };
    },
  },
];
