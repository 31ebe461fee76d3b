// Call access granted through the API (tag Permissions): add, read, remove. Only access granted here
// is listed, as in Gong.
import { badRequest } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { arr, obj, str } from '../schema.js';
import { bodyOf, type Json } from './common.js';

const accessList = obj({ callAccessList: arr(obj({ callId: str(), userIds: arr(str()) }, ['callId', 'userIds'])) });

function entries(ctx: RouteContext): Array<{ callId: string; userIds: string[] }> {
  const list = (bodyOf(ctx).callAccessList as Json[] | undefined) ?? [];
  const out = list.map((e) => ({ callId: String(e.callId), userIds: (e.userIds as unknown[]).map(String) }));
  // Validate everything before changing anything, so a bad id leaves no partial write.
  if (out.some((e) => !ctx.state.callsById.has(e.callId))) throw badRequest('Some calls not found');
  if (out.some((e) => e.userIds.some((u) => !ctx.state.usersById.has(u)))) throw badRequest('Some users not found');
  return out;
}

export const callAccessRoutes: Route[] = [
  {
    method: 'PUT', path: '/v2/calls/users-access', operationId: 'addUsersAccessToCalls', scope: 'api:call-user-access:write', body: 'json', schema: accessList,
    handle(ctx) {
      for (const e of entries(ctx)) {
        const set = ctx.state.callAccess.get(e.callId) ?? new Set<string>();
        for (const u of e.userIds) set.add(u);
        ctx.state.callAccess.set(e.callId, set);
      }
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'DELETE', path: '/v2/calls/users-access', operationId: 'deleteUsersAccessToCalls', scope: 'api:call-user-access:write', body: 'json', schema: accessList,
    handle(ctx) {
      for (const e of entries(ctx)) {
        const set = ctx.state.callAccess.get(e.callId);
        for (const u of e.userIds) set?.delete(u);
      }
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'POST', path: '/v2/calls/users-access', operationId: 'getUsersAccessToCalls', scope: 'api:call-user-access:read', body: 'json',
    schema: obj({ filter: obj({ callIds: arr(str()) }, ['callIds']) }, ['filter']),
    handle(ctx) {
      const ids = ((bodyOf(ctx).filter as Json).callIds as unknown[]).map(String);
      if (ids.some((id) => !ctx.state.callsById.has(id))) throw badRequest('Some calls not found');
      return {
        body: {
          callAccessList: ids.map((callId) => ({ callId, users: [...(ctx.state.callAccess.get(callId) ?? [])].map((userId) => ({ userId })) })),
        },
      };
    },
  },
];
