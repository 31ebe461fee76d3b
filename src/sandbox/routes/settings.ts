// Company settings: scorecards (int64 ids as raw JSON numbers, as the spec types them), keyword
// trackers, AI briefs, workspaces and dialer call outcomes (which have no id).
import { notFound } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { int64 } from './common.js';

/** Optional `workspaceId` filter; an unknown workspace is a 404 "Workspace not found". */
function workspaceFilter(ctx: RouteContext): string | undefined {
  const id = ctx.query.get('workspaceId') || undefined;
  if (id !== undefined && !ctx.state.data.workspaces.some((w) => w.id === id)) throw notFound('Workspace not found');
  return id;
}

export const settingsRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/settings/scorecards', operationId: 'listScorecards', scope: 'api:settings:scorecards:read', cache: true,
    handle(ctx) {
      return {
        body: {
          scorecards: ctx.state.data.scorecards.map((s) => ({
            ...s,
            scorecardId: int64(s.scorecardId),
            workspaceId: int64(s.workspaceId),
            updaterUserId: int64(s.updaterUserId),
            questions: s.questions.map((q) => ({ ...q, questionId: int64(q.questionId), questionRevisionId: int64(q.questionRevisionId) })),
          })),
        },
      };
    },
  },
  {
    method: 'GET', path: '/v2/settings/trackers', operationId: 'listTrackers', scope: 'api:settings:trackers:read', cache: true,
    query: [{ name: 'workspaceId' }],
    handle(ctx) {
      const ws = workspaceFilter(ctx);
      return { body: { keywordTrackers: ctx.state.data.trackers.filter((t) => ws === undefined || t.workspaceId === ws) } };
    },
  },
  {
    method: 'GET', path: '/v2/settings/briefs', operationId: 'listBriefs', scope: 'api:ai-briefer:read', cache: true,
    query: [{ name: 'workspaceId' }],
    handle(ctx) {
      const ws = workspaceFilter(ctx);
      return { body: { briefs: ctx.state.data.briefs.filter((b) => ws === undefined || b.workspaceId === ws) } };
    },
  },
  {
    method: 'GET', path: '/v2/workspaces', operationId: 'listWorkspaces', scope: 'api:workspaces:read', cache: true,
    handle(ctx) {
      return { body: { workspaces: ctx.state.data.workspaces } };
    },
  },
  {
    method: 'GET', path: '/v2/call-outcomes', operationId: 'listCallOutcomes', scope: 'api:call-outcomes:read', cache: true,
    handle(ctx) {
      return { body: { outcomes: ctx.state.data.callOutcomes.map(({ id: _id, ...o }) => o) } };
    },
  },
];
