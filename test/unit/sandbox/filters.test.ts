import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/http/json.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import type { SandboxCall } from '../../../src/sandbox/data/types.js';
import { ANCHOR, api } from './helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
});
afterAll(() => sb.close());

const NO_CALLS = 'No calls found corresponding to the provided filters';
const ids = (calls: Array<{ id?: string; metaData?: { id: string } }>) => calls.map((c) => c.id ?? c.metaData?.id);

/** The instant Gong filters on, as the string the call carries. */
function filterInstant(c: SandboxCall): string {
  return c.metaData.direction === 'Conference' ? c.metaData.scheduled : c.metaData.started;
}

describe('date filters', () => {
  it('are half-open: fromDateTime inclusive, toDateTime exclusive (GET /v2/calls)', async () => {
    const call = sb.data.calls[700] as SandboxCall;
    const at = filterInstant(call);
    const from = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: at, toDateTime: '2025-06-01T00:00:00Z' } });
    expect(ids(from.json.calls)).toContain(call.metaData.id);
    expect(from.json.calls[0].id).toBe(call.metaData.id);
    const to = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: '2024-01-01T00:00:00Z', toDateTime: at } });
    expect(ids(to.json.calls)).not.toContain(call.metaData.id);
    expect(to.json.records.totalRecords).toBe(700);
  });

  it('treat offsets as instants (an equivalent +02:00 time selects the same calls)', async () => {
    const a = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: '2025-03-03T14:00:00Z', toDateTime: '2025-03-05T14:00:00Z' } });
    const b = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: '2025-03-03T16:00:00.000+02:00', toDateTime: '2025-03-05T16:00:00+02:00' } });
    expect(a.status).toBe(200);
    expect(ids(b.json.calls)).toEqual(ids(a.json.calls));
  });

  it('are half-open on the POST endpoints too', async () => {
    const call = sb.data.calls[1200] as SandboxCall;
    const at = filterInstant(call);
    const ext = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { fromDateTime: at, toDateTime: at } } });
    expect(ext.status).toBe(404);
    const incl = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { fromDateTime: at, toDateTime: '2025-06-01T00:00:00Z', callIds: [call.metaData.id] } } });
    expect(incl.json.callTranscripts.map((t: { callId: string }) => t.callId)).toEqual([call.metaData.id]);
  });

  it('reject malformed date-times and from after to', async () => {
    for (const query of [{ fromDateTime: '2025-01-01' }, { fromDateTime: 'yesterday' }, { fromDateTime: '2025-02-01T00:00:00Z', toDateTime: '2025-01-01T00:00:00Z' }]) {
      const res = await api(sb, 'GET', '/v2/calls', { query });
      expect(res.status).toBe(400);
      expect(res.json.errors[0]).toMatch(/fromDateTime/);
    }
  });
});

describe('call filters', () => {
  it('filter by callIds (ids outside the window are dropped), workspaceId and primaryUserIds', async () => {
    const inside = sb.data.calls[1500] as SandboxCall;
    const outside = sb.data.calls[10] as SandboxCall;
    const res = await api(sb, 'POST', '/v2/calls/extensive', {
      body: { filter: { callIds: [inside.metaData.id, outside.metaData.id, '1111111111111111111'], fromDateTime: '2025-01-01T00:00:00Z' } },
    });
    const from = Date.parse('2025-01-01T00:00:00Z');
    expect(inside.filterMs).toBeGreaterThanOrEqual(from);
    expect(outside.filterMs).toBeLessThan(from);
    expect(ids(res.json.calls)).toEqual([inside.metaData.id]);

    const ws = sb.data.workspaces[2]?.id as string;
    const byWs = await api(sb, 'GET', '/v2/calls', { query: { workspaceId: ws } });
    expect(byWs.json.records.totalRecords).toBe(sb.data.calls.filter((c) => c.metaData.workspaceId === ws).length);
    expect(byWs.json.calls.every((c: { workspaceId: string }) => c.workspaceId === ws)).toBe(true);

    const host = inside.metaData.primaryUserId;
    const byHost = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { primaryUserIds: [host] } } });
    expect(byHost.json.records.totalRecords).toBe(sb.data.calls.filter((c) => c.metaData.primaryUserId === host).length);
  });

  it('reject callIds together with workspaceId on transcripts', async () => {
    const call = sb.data.calls[5] as SandboxCall;
    const res = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: [call.metaData.id], workspaceId: call.metaData.workspaceId } } });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toContain('callIds');
  });

  it('the content selector decides which parts come back', async () => {
    const call = sb.data.calls.find((c) => c.kind === 'demo' && c.content.trackers.length > 0 && c.crmObjects.length > 1) as SandboxCall;
    const filter = { callIds: [call.metaData.id] };
    const bare = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter } });
    expect(Object.keys(bare.json.calls[0])).toEqual(['metaData']);

    const some = await api(sb, 'POST', '/v2/calls/extensive', {
      body: { filter, contentSelector: { context: 'Basic', exposedFields: { parties: true, content: { trackers: true, brief: true } } } },
    });
    const got = some.json.calls[0];
    expect(Object.keys(got).sort()).toEqual(['content', 'context', 'metaData', 'parties']);
    expect(Object.keys(got.content).sort()).toEqual(['brief', 'trackers']);
    expect(got.content.trackers[0].occurrences).toBeUndefined();
    expect(got.context[0].objects.every((o: { fields: unknown[]; timing: string }) => o.fields.length === 0 && o.timing === 'Now')).toBe(true);
    expect(got.parties.map((p: { speakerId?: string }) => p.speakerId)).toEqual(call.parties.map((p) => p.speakerId));

    const full = await api(sb, 'POST', '/v2/calls/extensive', {
      body: { filter, contentSelector: { context: 'Extended', contextTiming: ['Now', 'TimeOfCall'], exposedFields: { content: { trackerOccurrences: true }, interaction: { personInteractionStats: true }, collaboration: { publicComments: true } } } },
    });
    const f = full.json.calls[0];
    expect(f.content.trackers[0].occurrences.length).toBeGreaterThan(0);
    expect(f.interaction.interactionStats.map((s: { name: string }) => s.name)).toContain('Talk Ratio');
    expect(f.interaction.speakers).toBeUndefined();
    expect(new Set(f.context[0].objects.map((o: { timing: string }) => o.timing))).toEqual(new Set(['Now', 'TimeOfCall']));
    const stage = (timing: string) => f.context[0].objects.find((o: { objectType: string; timing: string }) => o.objectType === 'Opportunity' && o.timing === timing)?.fields.find((x: { name: string }) => x.name === 'StageName')?.value;
    expect(stage('Now')).toBeTypeOf('string');
    expect(stage('TimeOfCall')).toBeTypeOf('string');
  });

  it('transcript speakers resolve through the parties of /calls/extensive', async () => {
    const call = sb.data.calls[900] as SandboxCall;
    const tr = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: [call.metaData.id] } } });
    const ext = await api(sb, 'POST', '/v2/calls/extensive', { body: { filter: { callIds: [call.metaData.id] }, contentSelector: { exposedFields: { parties: true } } } });
    const speakers = new Set(ext.json.calls[0].parties.map((p: { speakerId?: string }) => p.speakerId));
    const monologues = tr.json.callTranscripts[0].transcript as Array<{ speakerId: string }>;
    expect(monologues.length).toBeGreaterThan(0);
    expect(monologues.every((m) => speakers.has(m.speakerId))).toBe(true);
  });
});

describe('"no results" and "not found" answers', () => {
  it('404 with Gong\'s texts for empty searches', async () => {
    const past = { fromDateTime: '2020-01-01T00:00:00Z', toDateTime: '2020-02-01T00:00:00Z' };
    for (const [method, path, opts, text] of [
      ['GET', '/v2/calls', { query: past }, NO_CALLS],
      ['POST', '/v2/calls/extensive', { body: { filter: past } }, NO_CALLS],
      ['POST', '/v2/calls/transcript', { body: { filter: past } }, NO_CALLS],
      ['POST', '/v2/users/extensive', { body: { filter: { createdFromDateTime: '2030-01-01T00:00:00Z' } } }, 'No users found corresponding to the provided filters'],
      ['GET', '/v2/logs', { query: { logType: 'UserCallPlay', ...past } }, 'No logs found for the specified period'],
      ['POST', '/v2/stats/interaction', { body: { filter: { fromDate: '2020-01-01', toDate: '2020-02-01' } } }, 'No stats found for the specified period'],
      ['POST', '/v2/stats/activity/scorecards', { body: { filter: { callFromDate: '2020-01-01', callToDate: '2020-02-01' } } }, 'Answered scorecards not found'],
    ] as const) {
      const res = await api(sb, method, path, opts);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.errors).toEqual([text]);
    }
  });

  it('404 with Gong\'s texts for unknown ids', async () => {
    const sdr = sb.data.users.find((u) => u.role === 'sdr');
    for (const [method, path, opts, text] of [
      ['GET', '/v2/calls/894411314421502864', {}, 'Call ID 894411314421502864 was not found'],
      ['GET', '/v2/users/1', {}, 'User not found'],
      ['GET', '/v2/users/1/settings-history', {}, 'User not found'],
      ['PATCH', '/v2/tasks/12345', { body: { userId: '1', status: 'DONE' } }, 'TaskId not found'],
      ['POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: ['x'], flowId: '1', flowInstanceOwnerEmail: sdr?.emailAddress } }, 'Flow not found'],
      ['POST', '/v2/flows/steps', { body: { flowIds: ['42'] } }, 'Flow not found: flowId=42'],
      ['GET', '/v2/flows/prospects/bulk-assignments/12345', {}, 'Flow prospects bulk assignment 12345 not found'],
      ['POST', '/v2/stats/activity/aggregate', { body: { filter: { fromDate: '2025-01-01', toDate: '2025-02-01', userIds: ['1'] } } }, 'User not found'],
      ['GET', '/v2/settings/trackers', { query: { workspaceId: '1' } }, 'Workspace not found'],
    ] as const) {
      const res = await api(sb, method, path, opts);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.errors).toEqual([text]);
    }
  });
});

describe('stats dates', () => {
  const aggregate = (filter: Record<string, unknown>) => api(sb, 'POST', '/v2/stats/activity/aggregate', { body: { filter } });

  it('take YYYY-MM-DD only', async () => {
    for (const [fromDate, toDate] of [['2025-1-5', '2025-02-01'], ['2025-01-01T00:00:00Z', '2025-02-01'], ['2025-02-30', '2025-03-01'], ['2025-01-01', '01/02/2025']]) {
      const res = await aggregate({ fromDate, toDate });
      expect(res.status, `${fromDate} ${toDate}`).toBe(400);
      expect(res.json.errors[0]).toMatch(/must be a date in the format YYYY-MM-DD/);
    }
  });

  it('reject a toDate after the current day, accept today', async () => {
    const late = await aggregate({ fromDate: '2025-05-01', toDate: '2025-06-02' });
    expect(late.status).toBe(400);
    expect(late.json.errors[0]).toContain('cannot be later than the current day (2025-06-01)');
    expect((await aggregate({ fromDate: '2025-05-01', toDate: '2025-06-01' })).status).toBe(200);
    expect((await aggregate({ fromDate: '2025-05-10', toDate: '2025-05-01' })).status).toBe(400);
  });

  it('agree across aggregate, by-period and day-by-day', async () => {
    const filter = { fromDate: '2025-02-01', toDate: '2025-04-01' };
    const agg = await aggregate(filter);
    const user = agg.json.usersAggregateActivityStats.find((u: { userAggregateActivityStats: { callsAsHost: number } }) => u.userAggregateActivityStats.callsAsHost > 3);
    const byMonth = await api(sb, 'POST', '/v2/stats/activity/aggregate-by-period', { body: { filter: { ...filter, userIds: [user.userId] }, aggregationPeriod: 'MONTH' } });
    const months = byMonth.json.usersAggregateActivity[0].userAggregateActivity;
    expect(months.map((m: { fromDate: string; toDate: string }) => [m.fromDate, m.toDate])).toEqual([['2025-02-01', '2025-03-01'], ['2025-03-01', '2025-04-01']]);
    expect(months.reduce((n: number, m: { callsAsHost: number }) => n + m.callsAsHost, 0)).toBe(user.userAggregateActivityStats.callsAsHost);
    const daily = await api(sb, 'POST', '/v2/stats/activity/day-by-day', { body: { filter: { ...filter, userIds: [user.userId] } } });
    const hosted = daily.json.usersDetailedActivities[0].userDailyActivityStats.flatMap((d: { callsAsHost: string[] }) => d.callsAsHost);
    expect(hosted).toHaveLength(user.userAggregateActivityStats.callsAsHost);
    // …and with the calls themselves.
    const direct = sb.data.calls.filter((c) => c.metaData.primaryUserId === user.userId && c.startedMs >= Date.parse('2025-02-01T05:00:00Z') && c.startedMs < Date.parse('2025-04-01T04:00:00Z'));
    expect(new Set(hosted)).toEqual(new Set(direct.map((c) => c.metaData.id)));
    expect(agg.json.timeZone).toBe('America/New_York');
  });
});

describe('int64 values', () => {
  it('answered scorecard ids and the CRM integrationId are raw JSON numbers with every digit', async () => {
    const res = await api(sb, 'POST', '/v2/stats/activity/scorecards', { body: { filter: { reviewMethod: 'BOTH' } } });
    expect(res.text).toMatch(/"answeredScorecardId":\d{19},/);
    const lossless = parseJson(res.text) as { answeredScorecards: Array<{ answeredScorecardId: string; callId: string }> };
    const ids = sb.data.answeredScorecards.map((s) => s.answeredScorecardId);
    expect(ids).toContain(lossless.answeredScorecards[0]?.answeredScorecardId);
    expect(sb.data.calls.some((c) => c.metaData.id === lossless.answeredScorecards[0]?.callId)).toBe(true);

    const crm = await api(sb, 'GET', '/v2/crm/integrations');
    expect(crm.text).toContain(`"integrationId":${sb.data.crmIntegration.integrationId}`);
    // A naive JSON.parse loses digits: exactly the trap the connector must avoid.
    expect(String(crm.json.integrations[0].integrationId)).not.toBe(sb.data.crmIntegration.integrationId);
  });

  it('most ids are strings', async () => {
    const res = await api(sb, 'GET', '/v2/users/' + sb.data.users[0]?.id);
    expect(res.text).toContain(`"id":"${sb.data.users[0]?.id}"`);
  });
});
