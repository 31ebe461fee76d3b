// Stats: interaction stats per host, user activity (aggregate, by period, day by day) and answered
// scorecards. Activity is derived from the calls themselves (who hosted, attended, listened, commented,
// scored), so the three activity views always agree with each other and with the calls.
import type { AnsweredScorecard, SandboxCall } from '../data/types.js';
import { badRequest, notFound } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { arr, enumOf, obj, str } from '../schema.js';
import type { SandboxState } from '../state.js';
import { addDays, companyDate } from '../time.js';
import { asStringArray, bodyOf, int64, statsEcho, statsRange, type Json, type StatsRange } from './common.js';

export const ACTIVITY_COUNTERS = [
  'callsAsHost', 'callsGaveFeedback', 'callsRequestedFeedback', 'callsReceivedFeedback', 'ownCallsListenedTo',
  'othersCallsListenedTo', 'callsSharedInternally', 'callsSharedExternally', 'callsScorecardsFilled',
  'callsScorecardsReceived', 'callsAttended', 'callsCommentsGiven', 'callsCommentsReceived',
  'callsMarkedAsFeedbackGiven', 'callsMarkedAsFeedbackReceived',
] as const;
type Counter = (typeof ACTIVITY_COUNTERS)[number];

type Events = Array<readonly [userId: string, counter: Counter]>;
const eventsMemo = new WeakMap<SandboxCall, Events>();

/** Who did what with one call. */
function callEvents(call: SandboxCall): Events {
  let events = eventsMemo.get(call);
  if (events) return events;
  const host = call.metaData.primaryUserId;
  const a = call.activity;
  events = [[host, 'callsAsHost']];
  for (const p of call.parties) if (p.userId !== undefined && p.userId !== host && p.speakerId !== undefined) events.push([p.userId, 'callsAttended']);
  for (const u of a.listenedBy) events.push([u, u === host ? 'ownCallsListenedTo' : 'othersCallsListenedTo']);
  for (const u of a.feedbackGivenBy) events.push([u, 'callsGaveFeedback'], [host, 'callsReceivedFeedback']);
  if (a.feedbackRequested) events.push([host, 'callsRequestedFeedback']);
  for (const u of a.sharedInternallyBy) events.push([u, 'callsSharedInternally']);
  for (const u of a.sharedExternallyBy) events.push([u, 'callsSharedExternally']);
  for (const u of a.markedAsFeedbackBy) events.push([u, 'callsMarkedAsFeedbackGiven'], [host, 'callsMarkedAsFeedbackReceived']);
  for (const c of call.collaboration.publicComments) {
    if (c.commenterUserId !== host) events.push([c.commenterUserId, 'callsCommentsGiven'], [host, 'callsCommentsReceived']);
  }
  eventsMemo.set(call, events);
  return events;
}

/** userId → day → counter → call ids, for calls (and reviews) in the range. */
type Activity = Map<string, Map<string, Map<Counter, Set<string>>>>;

function activity(state: SandboxState, range: StatsRange): Activity {
  const out: Activity = new Map();
  const add = (userId: string, day: string, counter: Counter, callId: string) => {
    let days = out.get(userId);
    if (!days) out.set(userId, (days = new Map<string, Map<Counter, Set<string>>>()));
    let counters = days.get(day);
    if (!counters) days.set(day, (counters = new Map<Counter, Set<string>>()));
    let ids = counters.get(counter);
    if (!ids) counters.set(counter, (ids = new Set()));
    ids.add(callId);
  };
  for (const call of state.calls) {
    if (call.startedMs < range.fromMs || call.startedMs >= range.toMs) continue;
    const day = companyDate(call.startedMs);
    for (const [userId, counter] of callEvents(call)) add(userId, day, counter, call.metaData.id);
  }
  for (const s of state.data.answeredScorecards) {
    if (s.reviewMs < range.fromMs || s.reviewMs >= range.toMs) continue;
    const day = companyDate(s.reviewMs);
    add(s.reviewerUserId, day, 'callsScorecardsFilled', s.callId);
    add(s.reviewedUserId, day, 'callsScorecardsReceived', s.callId);
  }
  return out;
}

/** The users a stats answer covers: the requested ones (unknown → 404), else those with activity. */
function usersFor(state: SandboxState, filter: Json, active: (id: string) => boolean): string[] {
  const ids = asStringArray(filter.userIds);
  if (ids && ids.length > 0) {
    for (const id of ids) if (!state.usersById.has(id)) throw notFound('User not found');
    return ids;
  }
  return state.data.users.map((u) => u.id).filter(active);
}

function counts(days: Iterable<Map<Counter, Set<string>>>): Record<Counter, number> {
  const sets = Object.fromEntries(ACTIVITY_COUNTERS.map((c) => [c, new Set<string>()])) as Record<Counter, Set<string>>;
  for (const counters of days) for (const [c, ids] of counters) for (const id of ids) sets[c].add(id);
  return Object.fromEntries(ACTIVITY_COUNTERS.map((c) => [c, sets[c].size])) as Record<Counter, number>;
}

/** Period starts from `from` (inclusive) to `to` (exclusive); weeks start on Monday. */
function periods(range: StatsRange, period: string): Array<[string, string]> {
  const next = (d: string): string => {
    const [y, m] = d.split('-').map(Number) as [number, number];
    switch (period) {
      case 'DAY': return addDays(d, 1);
      case 'WEEK': return addDays(d, 7 - ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
      case 'MONTH': return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
      case 'QUARTER': return new Date(Date.UTC(y, Math.floor((m - 1) / 3) * 3 + 3, 1)).toISOString().slice(0, 10);
      default: return `${y + 1}-01-01`;
    }
  };
  const out: Array<[string, string]> = [];
  for (let d = range.fromDate; d < range.toDate;) {
    const n = next(d);
    const end = n < range.toDate ? n : range.toDate;
    out.push([d, end]);
    d = end;
  }
  return out;
}

/** The index of the span holding `day` (spans are sorted and adjacent), or -1. */
function spanIndex(spans: ReadonlyArray<readonly [string, string]>, day: string): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = spans[mid] as readonly [string, string];
    if (day < from) hi = mid - 1;
    else if (day >= to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const usersWithDates = obj({
  fromDate: str(), toDate: str(), createdFromDateTime: str(), createdToDateTime: str(), userIds: arr(str()),
}, ['fromDate', 'toDate']);

function rangeOf(ctx: RouteContext): { body: Json; filter: Json; range: StatsRange; cursor: string | undefined } {
  const body = bodyOf(ctx);
  const filter = body.filter as Json;
  return { body, filter, range: statsRange(filter.fromDate, filter.toDate, ctx.today), cursor: typeof body.cursor === 'string' ? body.cursor : undefined };
}

/**
 * Period rows one by-period answer may hold: a page carries fewer users when the range has many
 * periods (1970 to today by month is ~670 rows per user), so one request's work stays bounded.
 */
const MAX_PERIOD_ROWS = 10_000;

/**
 * Periods one by-period request may span: ten years by day. Gong documents no range limit; the
 * sandbox refuses more (400) rather than build an answer of hundreds of megabytes.
 */
const MAX_PERIODS = 3_660;

/** The activity stats' page: users with activity in the range, or Gong's "No stats found" 404. */
function activityPage(ctx: RouteContext, rowsPerUser = 1) {
  const r = rangeOf(ctx);
  const act = activity(ctx.state, r.range);
  const page = ctx.pager.page(ctx.operationId, usersFor(ctx.state, r.filter, (id) => act.has(id)), r.cursor, MAX_PERIOD_ROWS / rowsPerUser);
  if (page.items.length === 0) throw notFound('No stats found for the specified period');
  return { ...r, act, page };
}

function email(state: SandboxState, id: string): string {
  return state.usersById.get(id)?.emailAddress ?? '';
}

function scorecardView(s: AnsweredScorecard): Json {
  return {
    answeredScorecardId: int64(s.answeredScorecardId),
    scorecardId: int64(s.scorecardId),
    scorecardName: s.scorecardName,
    callId: int64(s.callId),
    callStartTime: s.callStartTime,
    reviewedUserId: int64(s.reviewedUserId),
    reviewerUserId: int64(s.reviewerUserId),
    reviewMethod: s.reviewMethod,
    editorUserId: int64(s.editorUserId),
    reviewTime: s.reviewTime,
    visibilityType: s.visibilityType,
    answers: s.answers.map((a) => ({ ...a, questionId: int64(a.questionId), questionRevisionId: int64(a.questionRevisionId) })),
  };
}

export const statsRoutes: Route[] = [
  {
    method: 'POST', path: '/v2/stats/interaction', operationId: 'listInteractionStats', scope: 'api:stats:interaction', body: 'json', cache: true,
    schema: obj({ cursor: str(), filter: usersWithDates }, ['filter']),
    handle(ctx) {
      const { filter, range, cursor } = rangeOf(ctx);
      const byHost = new Map<string, SandboxCall[]>();
      for (const call of ctx.state.calls) {
        if (call.startedMs < range.fromMs || call.startedMs >= range.toMs || call.kind === 'no-connect') continue;
        const list = byHost.get(call.metaData.primaryUserId) ?? [];
        list.push(call);
        byHost.set(call.metaData.primaryUserId, list);
      }
      const ids = asStringArray(filter.userIds);
      const users = (ids && ids.length > 0 ? ids : ctx.state.data.users.map((u) => u.id)).filter((id) => byHost.has(id));
      const page = ctx.pager.page(ctx.operationId, users, cursor);
      if (page.items.length === 0) throw notFound('No stats found for the specified period');
      return {
        body: {
          records: page.records,
          peopleInteractionStats: page.items.map((userId) => {
            const calls = byHost.get(userId) ?? [];
            const stat = (name: string, how: 'avg' | 'max') => {
              const values = calls.map((c) => c.interaction.interactionStats.find((s) => s.name === name)?.value ?? 0);
              const v = how === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
              return { name, value: Math.round(v * 100) / 100 };
            };
            return {
              userId,
              userEmailAddress: email(ctx.state, userId),
              personInteractionStats: [
                stat('Talk Ratio', 'avg'), stat('Longest Monologue', 'max'), stat('Longest Customer Story', 'max'),
                stat('Interactivity', 'avg'), stat('Patience', 'avg'), stat('Question Rate', 'avg'),
              ],
            };
          }),
          ...statsEcho(range),
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/aggregate', operationId: 'listMultipleUsersAggregateActivity', scope: 'api:stats:user-actions', body: 'json', cache: true,
    schema: obj({ cursor: str(), filter: usersWithDates }, ['filter']),
    handle(ctx) {
      const { range, act, page } = activityPage(ctx);
      return {
        body: {
          records: page.records,
          usersAggregateActivityStats: page.items.map((userId) => ({
            userId,
            userEmailAddress: email(ctx.state, userId),
            userAggregateActivityStats: counts(act.get(userId)?.values() ?? []),
          })),
          ...statsEcho(range),
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/aggregate-by-period', operationId: 'listMultipleUsersAggregateByPeriod', scope: 'api:stats:user-actions', body: 'json', cache: true,
    schema: obj({ cursor: str(), filter: usersWithDates, aggregationPeriod: enumOf('DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR') }, ['filter', 'aggregationPeriod']),
    handle(ctx) {
      const r = rangeOf(ctx);
      const spans = periods(r.range, String(r.body.aggregationPeriod));
      if (spans.length > MAX_PERIODS) {
        throw badRequest(`The range holds ${spans.length} ${String(r.body.aggregationPeriod)} periods; the sandbox answers at most ${MAX_PERIODS} per request (narrow the range or use a longer aggregationPeriod)`);
      }
      const { act, page } = activityPage(ctx, spans.length);
      return {
        body: {
          records: page.records,
          usersAggregateActivity: page.items.map((userId) => {
            // Each active day goes to its period once (spans are sorted), not every period scans every day.
            const bySpan = new Map<number, Array<Map<Counter, Set<string>>>>();
            for (const [day, counters] of act.get(userId) ?? []) {
              const i = spanIndex(spans, day);
              if (i >= 0) bySpan.set(i, [...(bySpan.get(i) ?? []), counters]);
            }
            return {
              userId,
              userEmailAddress: email(ctx.state, userId),
              userAggregateActivity: spans.map(([from, to], i) => ({ ...counts(bySpan.get(i) ?? []), fromDate: from, toDate: to })),
            };
          }),
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/day-by-day', operationId: 'listMultipleUsersDayByDayActivity', scope: 'api:stats:user-actions:detailed', body: 'json', cache: true,
    schema: obj({ cursor: str(), filter: usersWithDates }, ['filter']),
    handle(ctx) {
      const { act, page } = activityPage(ctx);
      return {
        body: {
          records: page.records,
          usersDetailedActivities: page.items.map((userId) => ({
            userId,
            userEmailAddress: email(ctx.state, userId),
            userDailyActivityStats: [...(act.get(userId) ?? [])].sort(([a], [b]) => a.localeCompare(b)).map(([day, counters]) => ({
              ...Object.fromEntries(ACTIVITY_COUNTERS.map((c) => [c, [...(counters.get(c) ?? [])]])),
              fromDate: day,
              toDate: addDays(day, 1),
            })),
          })),
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/scorecards', operationId: 'listAnsweredScorecards', scope: 'api:stats:scorecards', body: 'json', cache: true,
    schema: obj({
      cursor: str(),
      filter: obj({
        callFromDate: str(), callToDate: str(), reviewFromDate: str(), reviewToDate: str(),
        reviewMethod: enumOf('AUTOMATIC', 'MANUAL', 'BOTH'), reviewedUserIds: arr(str()), scorecardIds: arr(str()),
      }),
    }, ['filter']),
    handle(ctx) {
      const body = bodyOf(ctx);
      const f = body.filter as Json;
      // Each pair is optional; a date given must be YYYY-MM-DD and not after today.
      const window = (from: unknown, to: unknown, names: readonly [string, string]): [number, number] => {
        if (from === undefined && to === undefined) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
        const r = statsRange(from ?? '1970-01-01', to ?? ctx.today, ctx.today, names);
        return [from === undefined ? Number.NEGATIVE_INFINITY : r.fromMs, to === undefined ? Number.POSITIVE_INFINITY : r.toMs];
      };
      const [callFrom, callTo] = window(f.callFromDate, f.callToDate, ['callFromDate', 'callToDate']);
      const [reviewFrom, reviewTo] = window(f.reviewFromDate, f.reviewToDate, ['reviewFromDate', 'reviewToDate']);
      const method = typeof f.reviewMethod === 'string' ? f.reviewMethod : 'MANUAL';
      const reviewed = asStringArray(f.reviewedUserIds);
      const cards = asStringArray(f.scorecardIds);
      const matches = ctx.state.data.answeredScorecards
        .filter((s) => s.callMs >= callFrom && s.callMs < callTo && s.reviewMs >= reviewFrom && s.reviewMs < reviewTo &&
          (method === 'BOTH' || s.reviewMethod === method) &&
          (!reviewed?.length || reviewed.includes(s.reviewedUserId)) && (!cards?.length || cards.includes(s.scorecardId)))
        .sort((a, b) => a.reviewMs - b.reviewMs);
      const page = ctx.pager.page(ctx.operationId, matches, typeof body.cursor === 'string' ? body.cursor : undefined);
      if (page.items.length === 0) throw notFound('Answered scorecards not found');
      return { body: { records: page.records, answeredScorecards: page.items.map(scorecardView) } };
    },
  },
];
