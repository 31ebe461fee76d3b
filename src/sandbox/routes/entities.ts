// AI answers about a CRM entity (ask-entity) and AI briefs (get-brief), built from the calls linked to
// the account, deal or contact within the requested time period. Periods are measured from the data's
// anchor ("now" of the generated tenant) so answers do not drift with the wall clock.
import { notFound, badRequest } from '../errors.js';
import type { SandboxCall } from '../data/types.js';
import type { QueryParam, Route, RouteContext } from '../router.js';
import { DAY_MS, formatCompanyTime } from '../time.js';
import { dateTimeRange, type Json } from './common.js';

const MAX_CALLS = 60;
const TIME_PERIODS = [
  'LAST_7DAYS', 'LAST_30DAYS', 'LAST_90DAYS', 'LAST_90_DAYS_SINCE_LAST_ACTIVITY', 'LAST_YEAR_SINCE_LAST_ACTIVITY', 'LAST_YEAR',
  'THIS_WEEK', 'THIS_MONTH', 'THIS_YEAR', 'THIS_QUARTER', 'CUSTOM_RANGE', 'ALL_CONVERSATIONS',
] as const;

const entityQuery: QueryParam[] = [
  { name: 'workspaceId', required: true, type: 'int64' },
  { name: 'crmEntityType', required: true, type: 'enum', values: ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] },
  { name: 'crmEntityId', required: true },
  { name: 'timePeriod', required: true, type: 'enum', values: TIME_PERIODS },
  { name: 'fromDateTime' },
  { name: 'toDateTime' },
];

function linked(call: SandboxCall, type: string, id: string): boolean {
  if (type === 'ACCOUNT') return call.accountCrmId === id;
  if (type === 'DEAL') return call.crmObjects.some((o) => o.objectType === 'Opportunity' && o.objectId === id);
  return call.parties.some((p) => p.context?.some((c) => c.objects.some((o) => o.objectId === id)));
}

function periodStart(period: string, nowMs: number, lastActivityMs: number): number {
  const d = new Date(nowMs);
  switch (period) {
    case 'LAST_7DAYS': return nowMs - 7 * DAY_MS;
    case 'LAST_30DAYS': return nowMs - 30 * DAY_MS;
    case 'LAST_90DAYS': return nowMs - 90 * DAY_MS;
    case 'LAST_90_DAYS_SINCE_LAST_ACTIVITY': return lastActivityMs - 90 * DAY_MS;
    case 'LAST_YEAR_SINCE_LAST_ACTIVITY': return lastActivityMs - 365 * DAY_MS;
    case 'LAST_YEAR': return nowMs - 365 * DAY_MS;
    case 'THIS_WEEK': return nowMs - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    case 'THIS_MONTH': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'THIS_QUARTER': return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
    case 'THIS_YEAR': return Date.UTC(d.getUTCFullYear(), 0, 1);
    default: return Number.NEGATIVE_INFINITY;
  }
}

/** The entity's calls in the period, newest first, at most 60 (Gong's limit). */
function entityCalls(ctx: RouteContext): { calls: SandboxCall[]; name: string } {
  const q = ctx.query;
  const type = q.get('crmEntityType') as string;
  const id = q.get('crmEntityId') as string;
  const all = ctx.state.calls.filter((c) => linked(c, type, id));
  const account = ctx.state.data.accounts.find((a) => a.crmId === id || a.opportunities.some((o) => o.crmId === id) || a.contacts.some((c) => c.crmId === id));
  if (!account && all.length === 0) throw notFound(`No ${type.toLowerCase()} found with CRM id ${id}`);
  const nowMs = Date.parse(ctx.state.data.anchor);
  const period = q.get('timePeriod') as string;
  let from: number;
  let to = nowMs;
  if (period === 'CUSTOM_RANGE') {
    if (!q.get('fromDateTime') || !q.get('toDateTime')) throw badRequest('fromDateTime and toDateTime are required with timePeriod CUSTOM_RANGE');
    ({ fromMs: from, toMs: to } = dateTimeRange(q.get('fromDateTime'), q.get('toDateTime')));
  } else {
    from = periodStart(period, nowMs, all[all.length - 1]?.startedMs ?? nowMs);
  }
  const calls = all.filter((c) => c.startedMs >= from && c.startedMs < to).reverse().slice(0, MAX_CALLS);
  const name = account?.name ?? id;
  return { calls, name };
}

function callInfo(c: SandboxCall): Json {
  return { call: { id: c.metaData.id, title: c.metaData.title, started: c.metaData.started, url: c.metaData.url } };
}

function emailInfo(c: SandboxCall, i: number): Json {
  return { emails: [{ id: `${c.metaData.id.slice(0, 10)}${i}`, title: `Re: ${c.metaData.title}`, sentDateTime: formatCompanyTime(c.startedMs + DAY_MS) }] };
}

export const entityRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/entities/ask-entity', operationId: 'askEntity', scope: 'api:ai-ask:read', cache: true,
    query: [...entityQuery, { name: 'question', required: true }],
    handle(ctx) {
      const { calls, name } = entityCalls(ctx);
      const question = ctx.query.get('question') as string;
      const answerItems = calls.length === 0
        ? [`There are no conversations with ${name} in this period to answer "${question}".`]
        : [
            `${name} raised that ${calls[0]?.facts.pain ?? 'reporting is slow'} (${calls[0]?.metaData.started.slice(0, 10)}).`,
            `They compare the offer with ${calls[0]?.facts.competitor ?? 'other vendors'}; pricing discussed was around ${calls[0]?.facts.amount ?? 'n/a'}.`,
            `Across ${calls.length} call${calls.length === 1 ? '' : 's'}, the agreed next step was ${calls[0]?.facts.nextStep ?? 'a follow-up'}.`,
          ];
      return {
        body: {
          numOfCallsSearched: calls.length,
          numOfEmailsSearched: calls.length * 3,
          answer: [{ answerItems, emailFindings: calls.slice(0, 2).map(emailInfo), callFindings: calls.slice(0, 5).map(callInfo) }],
        },
      };
    },
  },
  {
    method: 'GET', path: '/v2/entities/get-brief', operationId: 'generateBrief', scope: 'api:ai-briefer:read', cache: true,
    query: [...entityQuery, { name: 'briefName', required: true }],
    handle(ctx) {
      const briefName = ctx.query.get('briefName') as string;
      if (!ctx.state.data.briefs.some((b) => b.briefName === briefName)) throw notFound(`Brief '${briefName}' not found`);
      const { calls, name } = entityCalls(ctx);
      const account = ctx.state.data.accounts.find((a) => a.name === name);
      const latest = calls[0];
      return {
        body: {
          numOfCallsSearched: calls.length,
          numOfEmailsSearched: calls.length * 3,
          briefSections: [
            {
              title: 'Where things stand',
              sectionSummary: latest
                ? [`Last conversation: ${latest.metaData.title} on ${latest.metaData.started.slice(0, 10)}.`, `Main pain: ${latest.facts.pain}.`, `Next step: ${latest.facts.nextStep}.`]
                : [`No conversations with ${name} in this period.`],
              conversationFindings: { callFindings: calls.slice(0, 5).map(callInfo), emailFindings: calls.slice(0, 2).map(emailInfo) },
              briefSectionType: 'Conversations',
            },
            {
              title: 'Company snapshot',
              sectionSummary: account ? [`${account.name}: ${account.industry}, about ${account.employees} employees, based in ${account.city}, ${account.country}.`] : [],
              briefSectionType: 'CrmOrGongData',
            },
            {
              title: 'In the news',
              sectionSummary: account ? [`${account.name} announced a new regional office this quarter.`] : [],
              webFindings: account ? [{ domain: account.domain, title: `${account.name} expands operations`, url: `https://${account.domain}/news` }] : [],
              briefSectionType: 'Web',
            },
          ],
        },
      };
    },
  },
];
