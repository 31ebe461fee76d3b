// Calls: list, by id, extensive (content selector), transcripts, create (deduplicated by
// clientUniqueId) and media upload (streamed multipart).
import { createHash } from 'node:crypto';
import { hasScope, missingScopeMessage } from '../auth.js';
import { KIND_PLANS, PHASE_TOPICS } from '../data/call-kinds.js';
import { blankCallParts } from '../data/scripted.js';
import type { CallMetaData, Party, SandboxCall } from '../data/types.js';
import { badRequest, conflict, GongHttpError, notFound } from '../errors.js';
import { readMultipart } from '../multipart.js';
import { hashSeed } from '../random.js';
import type { Route, RouteContext } from '../router.js';
import { arr, bool, enumOf, int, num, obj, str, any, type Schema } from '../schema.js';
import { formatCompanyTime, parseDateTime } from '../time.js';
import { asStringArray, bodyOf, dateTimeRange, type Json } from './common.js';

const NO_CALLS = 'No calls found corresponding to the provided filters';
const MAX_MEDIA_BYTES = 1.5 * 1024 ** 3;
const MEDIA_HOST = 'https://media.sandbox.gong.invalid';

interface CallFilter {
  fromMs: number;
  toMs: number;
  workspaceId?: string | undefined;
  callIds?: ReadonlySet<string> | undefined;
  primaryUserIds?: ReadonlySet<string> | undefined;
}

/** Calls matching Gong's filters, ordered by date; ids outside the date window are dropped silently. */
export function filterCalls(calls: readonly SandboxCall[], f: CallFilter): SandboxCall[] {
  return calls.filter((c) =>
    c.filterMs >= f.fromMs && c.filterMs < f.toMs &&
    (f.workspaceId === undefined || c.metaData.workspaceId === f.workspaceId) &&
    (f.callIds === undefined || f.callIds.has(c.metaData.id)) &&
    (f.primaryUserIds === undefined || f.primaryUserIds.has(c.metaData.primaryUserId)));
}

function filterFromBody(filter: Json): CallFilter {
  const { fromMs, toMs } = dateTimeRange(filter.fromDateTime, filter.toDateTime);
  const callIds = asStringArray(filter.callIds);
  const hosts = asStringArray(filter.primaryUserIds);
  return {
    fromMs,
    toMs,
    workspaceId: typeof filter.workspaceId === 'string' && filter.workspaceId !== '' ? filter.workspaceId : undefined,
    callIds: callIds ? new Set(callIds) : undefined,
    primaryUserIds: hosts ? new Set(hosts) : undefined,
  };
}

// ---- request schemas (spec: NewCallAddingRequest, CallsRequestFilterWithOwners, ContentSelector, CallsFilter)

const crmFields = arr(obj({ name: str(), value: any() }));
const callsFilterProps = { fromDateTime: str(), toDateTime: str(), workspaceId: str(), callIds: arr(str()) };

const extensiveSchema = obj({
  cursor: str(),
  filter: obj({ ...callsFilterProps, primaryUserIds: arr(str()) }),
  contentSelector: obj({
    context: enumOf('None', 'Basic', 'Extended'),
    contextTiming: arr(enumOf('Now', 'TimeOfCall')),
    exposedFields: obj({
      parties: bool(),
      content: obj(Object.fromEntries(['structure', 'topics', 'trackers', 'trackerOccurrences', 'pointsOfInterest', 'brief', 'outline', 'highlights', 'callOutcome', 'keyPoints'].map((k) => [k, bool()]))),
      interaction: obj({ speakers: bool(), video: bool(), personInteractionStats: bool(), questions: bool() }),
      collaboration: obj({ publicComments: bool() }),
      media: bool(),
    }),
  }),
}, ['filter']);

const transcriptSchema = obj({ cursor: str(), filter: obj(callsFilterProps) }, ['filter']);

const addCallSchema: Schema = obj({
  clientUniqueId: str({ maxLength: 2048 }),
  title: str(),
  purpose: str({ maxLength: 255 }),
  scheduledStart: str(),
  scheduledEnd: str(),
  actualStart: str(),
  duration: num(),
  parties: arr(obj({
    phoneNumber: str(),
    emailAddress: str(),
    name: str(),
    partyId: str(),
    mediaChannelId: int(),
    context: arr(obj({
      system: enumOf('Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'),
      objects: arr(obj({ objectType: enumOf('Lead', 'Contact', 'Account', 'Opportunity', 'User'), objectId: str(), fields: crmFields }, ['objectType', 'objectId'])),
    }, ['system'])),
    userId: str(),
  })),
  direction: enumOf('Inbound', 'Outbound', 'Conference', 'Unknown'),
  disposition: str({ maxLength: 255 }),
  context: arr(obj({
    system: enumOf('Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'),
    objects: arr(obj({ objectType: enumOf('Opportunity', 'Account', 'Lead', 'Contact', 'User'), objectId: str(), fields: crmFields }, ['objectType', 'objectId'])),
  }, ['system'])),
  customData: str(),
  speakersTimeline: obj({
    precise: bool(),
    speechSegments: arr(obj({ fromTime: int(), toTime: int(), partyIds: arr(str()) }, ['fromTime', 'toTime', 'partyIds'])),
  }),
  meetingUrl: str(),
  callProviderCode: str(),
  downloadMediaUrl: str(),
  workspaceId: str(),
  languageCode: str(),
  flowContext: obj({ taskId: str() }),
  primaryUser: str(),
}, ['clientUniqueId', 'actualStart', 'parties', 'direction', 'primaryUser']);

// ---- extensive: what the content selector exposes

interface Selector {
  context?: 'None' | 'Basic' | 'Extended';
  contextTiming?: Array<'Now' | 'TimeOfCall'>;
  exposedFields?: {
    parties?: boolean;
    content?: Record<string, boolean | undefined>;
    interaction?: Record<string, boolean | undefined>;
    collaboration?: { publicComments?: boolean };
    media?: boolean;
  };
}

function mediaUrls(call: SandboxCall, now: number): Json {
  const expires = Math.floor(now / 1000) + 8 * 3600; // Gong media URLs live 8 hours
  const sign = (kind: string) => createHash('sha256').update(`${call.metaData.id}:${kind}:${expires}`).digest('hex').slice(0, 32);
  const base = `${MEDIA_HOST}/calls/${call.metaData.id}`;
  const out: Json = { audioUrl: `${base}/audio.mp3?Expires=${expires}&Signature=${sign('audio')}` };
  if (call.metaData.media === 'Video') out.videoUrl = `${base}/video.mp4?Expires=${expires}&Signature=${sign('video')}`;
  return out;
}

function partyView(p: Party, context: Selector['context']): Json {
  const { context: crm, ...rest } = p;
  if (context === undefined || context === 'None' || !crm) return rest;
  if (context === 'Extended') return p as unknown as Json;
  return { ...rest, context: crm.map((c) => ({ system: c.system, objects: c.objects.map(({ fields: _f, ...o }) => o) })) };
}

function extensiveView(call: SandboxCall, sel: Selector, now: number): Json {
  const out: Json = { metaData: call.metaData };
  const level = sel.context ?? 'None';
  if (level !== 'None' && call.crmObjects.length > 0) {
    // TimeOfCall values exist only with Extended context (spec).
    const timings = level === 'Extended' ? (sel.contextTiming?.length ? sel.contextTiming : ['Now' as const]) : ['Now' as const];
    out.context = [{
      system: 'Salesforce',
      objects: timings.flatMap((timing) => call.crmObjects.map((o) => ({
        objectType: o.objectType,
        objectId: o.objectId,
        fields: level === 'Extended' ? (timing === 'Now' ? o.fields : o.fieldsAtTimeOfCall) : [],
        timing,
      }))),
    }];
  }
  const ef = sel.exposedFields ?? {};
  if (ef.parties) out.parties = call.parties.map((p) => partyView(p, level));
  const wanted = ef.content ?? {};
  const contentKeys = ['structure', 'topics', 'trackers', 'brief', 'outline', 'highlights', 'callOutcome', 'keyPoints'] as const;
  if (contentKeys.some((k) => wanted[k]) || wanted.trackerOccurrences) {
    const c = call.content;
    const content: Json = {};
    for (const k of contentKeys) {
      if (!wanted[k] || c[k] === undefined) continue;
      content[k] = c[k];
    }
    if (wanted.trackers || wanted.trackerOccurrences) {
      // Occurrences (with their times and speakers) only when asked for.
      content.trackers = wanted.trackerOccurrences
        ? c.trackers
        : c.trackers.map(({ occurrences: _o, phrases, ...t }) => ({ ...t, phrases: phrases.map(({ occurrences: _p, ...ph }) => ph) }));
    }
    out.content = content;
  }
  const wi = ef.interaction ?? {};
  if (wi.speakers || wi.video || wi.personInteractionStats || wi.questions) {
    const i = call.interaction;
    const interaction: Json = {};
    if (wi.speakers) interaction.speakers = i.speakers;
    if (wi.personInteractionStats) interaction.interactionStats = i.interactionStats;
    if (wi.video) interaction.video = i.video;
    if (wi.questions) interaction.questions = i.questions;
    out.interaction = interaction;
  }
  if (ef.collaboration?.publicComments) out.collaboration = call.collaboration;
  if (ef.media) out.media = mediaUrls(call, now);
  return out;
}

// ---- creating calls

function createCall(ctx: RouteContext, body: Json): SandboxCall {
  const { state } = ctx;
  const primaryUser = state.usersById.get(String(body.primaryUser));
  if (!primaryUser) throw badRequest(`primaryUser ${String(body.primaryUser)} is not a user of this company`);
  const parties = body.parties as Json[];
  const hasPrimaryParty = parties.some((p) => p.userId === primaryUser.id || (typeof p.emailAddress === 'string' && p.emailAddress.toLowerCase() === primaryUser.emailAddress.toLowerCase()));
  if (!hasPrimaryParty) throw badRequest('A party must be provided for the primaryUser');
  if (!primaryUser.settings.webConferencesRecorded && !primaryUser.settings.telephonyCallsImported) {
    throw conflict('Recording is not enabled for the primary user');
  }
  const startedMs = parseDateTime(String(body.actualStart));
  if (startedMs === undefined) throw badRequest('actualStart must be an ISO-8601 date-time');
  const scheduledMs = typeof body.scheduledStart === 'string' ? parseDateTime(body.scheduledStart) ?? startedMs : startedMs;

  const id = state.ids.id19();
  const direction = body.direction as CallMetaData['direction'];
  const callParties: Party[] = parties.map((p) => {
    const user = typeof p.userId === 'string' ? state.usersById.get(p.userId) : state.userByEmail(typeof p.emailAddress === 'string' ? p.emailAddress : undefined);
    const party: Party = {
      id: state.ids.id19(),
      name: typeof p.name === 'string' ? p.name : user ? `${user.firstName} ${user.lastName}` : 'Unknown',
      speakerId: state.ids.id19(),
      affiliation: user ? 'Internal' : 'External',
      methods: ['Attendee'],
    };
    const email = typeof p.emailAddress === 'string' ? p.emailAddress : user?.emailAddress;
    if (email !== undefined) party.emailAddress = email;
    if (user) {
      party.userId = user.id;
      party.title = user.title;
    }
    if (typeof p.phoneNumber === 'string') party.phoneNumber = p.phoneNumber;
    if (Array.isArray(p.context)) {
      party.context = (p.context as Json[]).map((c) => ({
        system: String(c.system),
        objects: ((c.objects as Json[] | undefined) ?? []).map((o) => ({
          objectType: String(o.objectType),
          objectId: String(o.objectId),
          fields: (o.fields as Array<{ name: string; value: unknown }> | undefined) ?? [],
          timing: 'Now',
        })),
      }));
    }
    return party;
  });
  const plan = KIND_PLANS.find((k) => k.kind === (direction === 'Conference' ? 'discovery' : 'cold-call')) ?? (KIND_PLANS[0] as (typeof KIND_PLANS)[number]);
  const durationMs = Math.max(0, Math.round(Number(body.duration ?? 0) * 1000));
  // Uploaded calls get a simple phase plan so their transcript (once media is in) reads like a call.
  const segments = plan.phases.map((p, i, all) => ({
    phase: p.phase,
    topic: PHASE_TOPICS[p.phase] ?? null,
    startMs: Math.round((durationMs * i) / all.length),
    endMs: Math.round((durationMs * (i + 1)) / all.length),
  }));
  const metaData: CallMetaData = {
    id,
    url: `https://app.gong.io/call?id=${id}`,
    title: typeof body.title === 'string' ? body.title : '',
    scheduled: formatCompanyTime(scheduledMs),
    started: formatCompanyTime(startedMs),
    duration: Math.round(durationMs / 1000),
    primaryUserId: primaryUser.id,
    direction,
    system: typeof body.callProviderCode === 'string' ? body.callProviderCode : 'API',
    scope: callParties.some((p) => p.affiliation === 'External') ? 'External' : 'Internal',
    media: 'Audio',
    language: typeof body.languageCode === 'string' && body.languageCode.toLowerCase().startsWith('en') ? 'eng' : 'und',
    workspaceId: typeof body.workspaceId === 'string' ? body.workspaceId : primaryUser.workspaceId,
    clientUniqueId: String(body.clientUniqueId),
    isPrivate: false,
  };
  if (typeof body.purpose === 'string') metaData.purpose = body.purpose;
  if (typeof body.customData === 'string') metaData.customData = body.customData;
  if (typeof body.meetingUrl === 'string') metaData.meetingUrl = body.meetingUrl;
  if (typeof body.disposition === 'string') metaData.sdrDisposition = body.disposition;
  return {
    metaData,
    parties: callParties,
    ...blankCallParts(),
    kind: plan.kind,
    filterMs: startedMs,
    startedMs,
    segments,
    transcriptSeed: hashSeed(state.data.seed, 'transcript', id),
    facts: { company: 'your company', seller: 'Lumen Data', product: 'Lumen Insights', competitor: 'Looker', pain: 'reporting takes too long', feature: 'real-time dashboards', amount: '$50,000', seats: '40', month: 'March', day: 'Tuesday', city: 'Boston', industry: 'Technology' },
  };
}

export const callRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/calls', operationId: 'listCalls', scope: 'api:calls:read:basic', cache: true,
    // The spec marks both dates required, but Gong answers without them (docs/gong-api.md#known-spec-inaccuracies).
    query: [{ name: 'cursor' }, { name: 'fromDateTime' }, { name: 'toDateTime' }, { name: 'workspaceId' }],
    handle(ctx) {
      const q = ctx.query;
      const { fromMs, toMs } = dateTimeRange(q.get('fromDateTime') ?? undefined, q.get('toDateTime') ?? undefined);
      const calls = filterCalls(ctx.state.calls, { fromMs, toMs, workspaceId: q.get('workspaceId') || undefined });
      const page = ctx.pager.page(ctx.operationId, calls, q.get('cursor') ?? undefined);
      if (page.items.length === 0) throw notFound(NO_CALLS);
      return { body: { records: page.records, calls: page.items.map((c) => c.metaData) } };
    },
  },
  {
    method: 'GET', path: '/v2/calls/{id}', operationId: 'getCall', scope: 'api:calls:read:basic', cache: true,
    handle(ctx) {
      const id = ctx.params.id as string;
      const call = ctx.state.callsById.get(id);
      if (!call) throw notFound(`Call ID ${id} was not found`);
      return { body: { call: call.metaData } };
    },
  },
  {
    method: 'POST', path: '/v2/calls/extensive', operationId: 'listCallsExtensive', scope: 'api:calls:read:extensive', body: 'json', schema: extensiveSchema, cache: true,
    handle(ctx) {
      const body = bodyOf(ctx);
      const sel = (body.contentSelector ?? {}) as Selector;
      // Media URLs need their own scope on top of the route's.
      if (sel.exposedFields?.media && !hasScope(ctx.principal, 'api:calls:read:media-url')) {
        throw new GongHttpError(401, [missingScopeMessage('api:calls:read:media-url')]);
      }
      const calls = filterCalls(ctx.state.calls, filterFromBody(body.filter as Json));
      const page = ctx.pager.page(ctx.operationId, calls, typeof body.cursor === 'string' ? body.cursor : undefined);
      if (page.items.length === 0) throw notFound(NO_CALLS);
      const now = ctx.now();
      // Signed media URLs embed an expiry, so answers that carry them are not cached.
      return { body: { records: page.records, calls: page.items.map((c) => extensiveView(c, sel, now)) }, noCache: sel.exposedFields?.media === true };
    },
  },
  {
    method: 'POST', path: '/v2/calls/transcript', operationId: 'getCallTranscripts', scope: 'api:calls:read:transcript', body: 'json', schema: transcriptSchema, cache: true,
    handle(ctx) {
      const body = bodyOf(ctx);
      const filter = body.filter as Json;
      if (Array.isArray(filter.callIds) && filter.callIds.length > 0 && typeof filter.workspaceId === 'string' && filter.workspaceId !== '') {
        throw badRequest('filter.callIds and filter.workspaceId cannot be used together');
      }
      // A call scripted without a transcript (data/scripted.ts) is left out of the answer.
      const calls = filterCalls(ctx.state.calls, filterFromBody(filter)).filter((c) => c.transcript !== null);
      const page = ctx.pager.page(ctx.operationId, calls, typeof body.cursor === 'string' ? body.cursor : undefined);
      if (page.items.length === 0) throw notFound(NO_CALLS);
      return {
        body: {
          records: page.records,
          callTranscripts: page.items.map((c) => ({ callId: c.metaData.id, transcript: ctx.state.transcriptOf(c) })),
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/calls', operationId: 'addCall', scope: 'api:calls:create', body: 'json', schema: addCallSchema,
    handle(ctx) {
      const body = bodyOf(ctx);
      const { state } = ctx;
      // Gong uses clientUniqueId to recognise repeated uploads: the same id answers with the same call.
      const existing = state.clientUniqueIds.get(String(body.clientUniqueId));
      if (existing !== undefined) {
        state.replayed(ctx.operationId);
        return { body: { callId: existing } };
      }
      const call = createCall(ctx, body);
      state.addCall(call);
      state.clientUniqueIds.set(String(body.clientUniqueId), call.metaData.id);
      if (typeof body.downloadMediaUrl === 'string' && body.downloadMediaUrl !== '') state.mediaBytes.set(call.metaData.id, 0);
      state.applied(ctx.operationId);
      return { body: { callId: call.metaData.id } };
    },
  },
  {
    method: 'PUT', path: '/v2/calls/{id}/media', operationId: 'addCallRecording', scope: 'api:calls:create', body: 'multipart',
    async handle(ctx) {
      const id = ctx.params.id as string;
      const { state } = ctx;
      const call = state.callsById.get(id);
      if (!call) throw notFound(`Call ID ${id} was not found`);
      if (!state.createdCallIds.has(id)) throw badRequest(`Call ${id} was not added through the API; media can only be added to calls created with POST /v2/calls`);
      if (state.mediaBytes.has(id)) throw badRequest(`Media was already added to call ${id}`);
      let bytes = 0;
      let found = false;
      let tooLarge = false;
      await readMultipart(ctx.req, (part) => {
        if (part.name !== 'mediaFile') return undefined;
        found = true;
        return {
          data(chunk) {
            bytes += chunk.length;
            if (bytes > MAX_MEDIA_BYTES) {
              tooLarge = true;
              return false;
            }
            return true;
          },
          end() {},
        };
      });
      if (!found) throw badRequest('mediaFile is required');
      if (tooLarge) throw badRequest('mediaFile is larger than 1.5 GB');
      if (bytes === 0) throw badRequest('mediaFile is empty');
      state.mediaBytes.set(id, bytes);
      state.applied(ctx.operationId);
      return { status: 201, body: { callId: id, url: call.metaData.url } };
    },
  },
];
