// Meetings (beta): create, update and delete Gong meetings, and check users' calendar integration.
import { badRequest, GongHttpError, notFound } from '../errors.js';
import type { SandboxUser } from '../data/types.js';
import type { Route, RouteContext } from '../router.js';
import { arr, obj, str } from '../schema.js';
import { parseDateTime } from '../time.js';
import { bodyOf, type Json } from './common.js';

const STATUS_CAP = 100;
const HELP = 'https://help.gong.io/docs/set-up-the-meeting-consent-page';

const meetingSchema = obj({
  startTime: str(),
  endTime: str(),
  title: str(),
  invitees: arr(obj({ email: str(), displayName: str(), firstName: str(), lastName: str() })),
  externalId: str(),
  provider: str(),
  organizerEmail: str(),
}, ['startTime', 'endTime', 'invitees', 'organizerEmail']);

/** Organizer checks shared by create and update: a Gong user whose consent page is enabled. */
function organizer(ctx: RouteContext, body: Json): SandboxUser {
  const user = ctx.state.userByEmail(String(body.organizerEmail));
  if (!user) throw notFound('No Gong user found corresponding to the provided organizer email');
  const start = parseDateTime(String(body.startTime));
  const end = parseDateTime(String(body.endTime));
  if (start === undefined || end === undefined) throw badRequest('startTime and endTime must be ISO-8601 date-times');
  if (end <= start) throw badRequest('endTime must be after startTime');
  if (!user.settings.webConferencesRecorded) {
    throw new GongHttpError(409, ['Consent page is not enabled for the organizer'], {
      userFacingError: 'Gong cannot record meetings for this user until the meeting consent page is enabled.',
      fixUrl: 'https://app.gong.io/company/meeting-consent',
      helpUrl: HELP,
    });
  }
  return user;
}

function meetingId(ctx: RouteContext): string {
  const id = ctx.params.meetingId as string;
  if (!/^\d{1,20}$/.test(id)) throw badRequest('meetingId must be a number');
  return id;
}

export const meetingRoutes: Route[] = [
  {
    method: 'POST', path: '/v2/meetings', operationId: 'addMeeting', scope: 'api:meetings:user:create', body: 'json', schema: meetingSchema,
    handle(ctx) {
      const body = bodyOf(ctx);
      const user = organizer(ctx, body);
      const id = ctx.state.ids.id19();
      ctx.state.meetings.set(id, { meetingId: id, organizerEmail: user.emailAddress, body });
      ctx.state.applied(ctx.operationId);
      return { body: { meetingId: id, meetingUrl: `https://app.gong.io/meetings/${id}/join`, additionalInvitees: [] } };
    },
  },
  {
    method: 'PUT', path: '/v2/meetings/{meetingId}', operationId: 'updateMeeting', scope: 'api:meetings:user:update', body: 'json', schema: meetingSchema,
    handle(ctx) {
      const id = meetingId(ctx);
      const meeting = ctx.state.meetings.get(id);
      if (!meeting) throw notFound('No meeting found corresponding to the provided meeting ID');
      const body = bodyOf(ctx);
      const user = organizer(ctx, body);
      ctx.state.meetings.set(id, { meetingId: id, organizerEmail: user.emailAddress, body });
      ctx.state.applied(ctx.operationId);
      return { body: { meetingId: id } };
    },
  },
  {
    method: 'DELETE', path: '/v2/meetings/{meetingId}', operationId: 'deleteMeeting', scope: 'api:meetings:user:delete', body: 'json',
    schema: obj({ organizerEmail: str() }),
    handle(ctx) {
      const id = meetingId(ctx);
      const meeting = ctx.state.meetings.get(id);
      if (!meeting) throw notFound('No meeting found corresponding to the provided meeting ID');
      const email = bodyOf(ctx).organizerEmail;
      if (typeof email !== 'string' || email.toLowerCase() !== meeting.organizerEmail.toLowerCase()) {
        throw notFound('No Gong meeting found corresponding to the provided organizer email');
      }
      ctx.state.meetings.delete(id);
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'POST', path: '/v2/meetings/integration/status', operationId: 'integrationStatus', scope: 'api:meetings:integration:status', body: 'json',
    schema: obj({ emails: arr(str()) }),
    handle(ctx) {
      const emails = ((bodyOf(ctx).emails as unknown[] | undefined) ?? []).map(String);
      if (emails.length > STATUS_CAP) throw badRequest(`emails must contain at most ${STATUS_CAP} addresses; got ${emails.length}`);
      return {
        body: {
          users: emails.map((email) => {
            const user = ctx.state.userByEmail(email);
            if (!user) return { email, exists: false, valid: false, userFacingError: 'No Gong user has this email address', helpUrl: HELP };
            if (!user.settings.webConferencesRecorded) {
              return { email, exists: true, valid: false, userFacingError: 'Calendar integration is not connected', fixUrl: 'https://app.gong.io/settings/calendar', helpUrl: HELP };
            }
            return { email, exists: true, valid: true };
          }),
        },
      };
    },
  },
];
