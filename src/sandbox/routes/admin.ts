// Administration: audit logs, integration settings and permission profiles.
import { PROFILE_FLAGS } from '../data/permissions.js';
import type { LogType, PermissionProfile } from '../data/types.js';
import { badRequest, GongHttpError, notFound } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { arr, bool, enumOf, obj, str, type Schema } from '../schema.js';
import { bodyOf, dateTimeRange, fullName, type Json } from './common.js';

const LOG_TYPES = ['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay'] as const;

const level = enumOf('all', 'managers-team', 'report-to-them', 'own', 'none');
const access = obj({ permissionLevel: level, teamLeadIds: arr(str()) });
/** Gong's PermissionProfileDTO. */
const profileSchema: Schema = obj({
  id: str(),
  name: str(),
  description: str(),
  callsAccess: access,
  libraryFolderAccess: obj({
    permissionLevel: enumOf('none', 'all', 'specific-folders'),
    libraryFolderIds: arr(str()),
    managePublicFolder: bool(),
    manageStreams: bool(),
    manageFolderCalls: bool(),
    shareFoldersAndStreams: bool(),
  }),
  dealsAccess: access,
  forecastPermissions: obj({ forecastAccess: access, forecastEditSubmissions: access, forecastEditTargets: access }),
  coachingAccess: access,
  insightsAccess: access,
  usageAccess: access,
  emailsAccess: access,
  ...Object.fromEntries(PROFILE_FLAGS.map((f) => [f, bool()])),
});

function profileView(p: PermissionProfile & { workspaceId: string }): Json {
  const { workspaceId: _w, tier: _t, ...dto } = p as PermissionProfile & { workspaceId: string; tier?: string };
  return dto;
}

function profileOr400(ctx: RouteContext): PermissionProfile & { workspaceId: string } {
  const id = ctx.query.get('profileId') as string;
  const profile = ctx.state.profiles.get(id);
  if (!profile) throw badRequest(`Permission profile ${id} not found`);
  return profile;
}

function workspaceOr400(ctx: RouteContext): string {
  const id = ctx.query.get('workspaceId') as string;
  if (!ctx.state.data.workspaces.some((w) => w.id === id)) throw badRequest(`Workspace ${id} not found`);
  return id;
}

export const adminRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/logs', operationId: 'listLogs', scope: 'api:logs:read', cache: true,
    query: [
      { name: 'logType', required: true, type: 'enum', values: LOG_TYPES },
      { name: 'fromDateTime', required: true },
      { name: 'toDateTime' },
      { name: 'cursor' },
    ],
    handle(ctx) {
      const { fromMs, toMs } = dateTimeRange(ctx.query.get('fromDateTime'), ctx.query.get('toDateTime'));
      const entries = ctx.state.data.logs[ctx.query.get('logType') as LogType].filter((e) => e.eventMs >= fromMs && e.eventMs < toMs);
      const page = ctx.pager.page(ctx.operationId, entries, ctx.query.get('cursor') ?? undefined);
      if (page.items.length === 0) throw notFound('No logs found for the specified period');
      return { body: { records: page.records, logEntries: page.items.map(({ eventMs: _e, ...entry }) => entry) } };
    },
  },
  {
    method: 'POST', path: '/v2/integration-settings', operationId: 'integrationSettings', scope: 'api:integration-settings:write', body: 'json',
    schema: obj({
      integrationTypeSettings: arr(obj({ integrationType: enumOf('EMAIL_COMPOSER', 'ACCOUNT_PAGES', 'DIALER'), allowedOrigin: str() }, ['integrationType', 'allowedOrigin'])),
    }, ['integrationTypeSettings']),
    handle(ctx) {
      const settings = bodyOf(ctx).integrationTypeSettings as Array<{ integrationType: string; allowedOrigin: string }>;
      for (const s of settings) {
        if (!/^https:\/\/[^/\s]+$/.test(s.allowedOrigin)) throw badRequest(`allowedOrigin must be an https origin without a path; got '${s.allowedOrigin}'`);
      }
      ctx.state.integrationSettings.push(...settings.map((s) => ({ integrationType: s.integrationType, allowedOrigin: s.allowedOrigin })));
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'GET', path: '/v2/permission-profile', operationId: 'getPermissionProfile', scope: 'api:permission-profile:read', cache: true,
    query: [{ name: 'profileId', required: true }],
    handle(ctx) {
      return { body: { profile: profileView(profileOr400(ctx)) } };
    },
  },
  {
    method: 'PUT', path: '/v2/permission-profile', operationId: 'updatePermissionProfile', scope: 'api:permission-profile:write', body: 'json', schema: profileSchema,
    query: [{ name: 'profileId', required: true }],
    handle(ctx) {
      const profile = profileOr400(ctx);
      const { id: _ignored, ...changes } = bodyOf(ctx);
      Object.assign(profile, structuredClone(changes));
      ctx.state.applied(ctx.operationId);
      return { body: { profile: profileView(profile) } };
    },
  },
  {
    method: 'POST', path: '/v2/permission-profile', operationId: 'createPermissionProfile', scope: 'api:permission-profile:write', body: 'json', schema: profileSchema,
    query: [{ name: 'workspaceId', required: true }],
    handle(ctx) {
      const workspaceId = workspaceOr400(ctx);
      const body = bodyOf(ctx);
      const name = typeof body.name === 'string' ? body.name.trim() : '';
      if (name === '') throw new GongHttpError(422, ['name is required']);
      if ([...ctx.state.profiles.values()].some((p) => p.workspaceId === workspaceId && p.name === name)) {
        throw new GongHttpError(422, [`A permission profile named '${name}' already exists in this workspace`]);
      }
      const profile = { ...structuredClone(body), id: ctx.state.ids.id19(), name, description: typeof body.description === 'string' ? body.description : '', workspaceId };
      ctx.state.profiles.set(profile.id, profile);
      ctx.state.applied(ctx.operationId);
      return { body: { profile: profileView(profile) } };
    },
  },
  {
    method: 'GET', path: '/v2/all-permission-profiles', operationId: 'listPermissionProfile', scope: 'api:permission-profile:read', cache: true,
    query: [{ name: 'workspaceId', required: true }],
    handle(ctx) {
      const workspaceId = workspaceOr400(ctx);
      const profiles = [...ctx.state.profiles.values()].filter((p) => p.workspaceId === workspaceId).sort((a, b) => a.name.localeCompare(b.name));
      return { body: { profiles: profiles.map(profileView) } };
    },
  },
  {
    method: 'GET', path: '/v2/permission-profile/users', operationId: 'listPermissionProfileUsers', scope: 'api:users:read', cache: true,
    query: [{ name: 'profileId', required: true }],
    handle(ctx) {
      const profile = profileOr400(ctx);
      const users = ctx.state.data.users.filter((u) => u.permissionProfileId === profile.id);
      return { body: { users: users.map((u) => ({ id: u.id, fullName: fullName(u), emailAddress: u.emailAddress })) } };
    },
  },
];
