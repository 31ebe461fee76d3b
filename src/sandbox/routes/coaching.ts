// Coaching: per manager, each direct report's coaching activity (call ids by metric) in a date window.
// Query names are kebab-case and all four are required, as in Gong.
import { badRequest } from '../errors.js';
import type { SandboxUser } from '../data/types.js';
import type { Route } from '../router.js';
import { dateTimeRange } from './common.js';

function coachingUser(u: SandboxUser): Record<string, string> {
  return { id: u.id, emailAddress: u.emailAddress, firstName: u.firstName, lastName: u.lastName, title: u.title };
}

export const coachingRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/coaching', operationId: 'listUsers_1', scope: 'api:coaching:read', cache: true,
    query: [
      { name: 'workspace-id', required: true, type: 'int64' },
      { name: 'manager-id', required: true, type: 'int64' },
      { name: 'from', required: true },
      { name: 'to', required: true },
    ],
    handle(ctx) {
      const { state } = ctx;
      const workspaceId = ctx.query.get('workspace-id') as string;
      if (!state.data.workspaces.some((w) => w.id === workspaceId)) throw badRequest('Workspace not found');
      const manager = state.usersById.get(ctx.query.get('manager-id') as string);
      if (!manager) throw badRequest('Manager not found');
      const { fromMs, toMs } = dateTimeRange(ctx.query.get('from'), ctx.query.get('to'), ['from', 'to']);
      const reports = state.data.users.filter((u) => u.managerId === manager.id);
      const directReportsMetrics = reports.map((report) => {
        const metrics: Record<string, string[]> = {
          callsListenedTo: [], callsAttended: [], callsWithFeedback: [], callsWithComments: [], callsScored: [],
        };
        for (const call of state.calls) {
          if (call.startedMs < fromMs || call.startedMs >= toMs || call.metaData.primaryUserId !== report.id) continue;
          const id = call.metaData.id;
          if (call.activity.listenedBy.includes(manager.id)) metrics.callsListenedTo?.push(id);
          if (call.parties.some((p) => p.userId === manager.id)) metrics.callsAttended?.push(id);
          if (call.activity.feedbackGivenBy.includes(manager.id)) metrics.callsWithFeedback?.push(id);
          if (call.collaboration.publicComments.some((c) => c.commenterUserId === manager.id)) metrics.callsWithComments?.push(id);
        }
        for (const s of state.data.answeredScorecards) {
          if (s.reviewerUserId === manager.id && s.reviewedUserId === report.id && s.reviewMs >= fromMs && s.reviewMs < toMs) metrics.callsScored?.push(s.callId);
        }
        return { report: coachingUser(report), metrics };
      });
      return { body: { coachingData: [{ manager: coachingUser(manager), directReportsMetrics }] } };
    },
  },
];
