// Every tool family through both transports (issue 5): the same `executeTool` calls, once with the
// direct transport and once through the fake Scalekit proxy (the real `@scalekit-sdk/node`), must
// give the same results or errors, send the same requests upstream, and wait the same on the
// clock. Upstream is the Gong sandbox: two instances with the same seed, anchor and clock, one per
// transport, so writes replay on identical state and never collide between the two runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import type { CallOptions } from '../../../src/connection/options.js';
import { createConnector } from '../../../src/connector.js';
import type { Clock } from '../../../src/http/clock.js';
import { GongError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { startSandbox, type FaultOptions, type Sandbox, type SandboxData } from '../../../src/sandbox/index.js';
import { ConnectorStatus, startFakeScalekit, type FakeScalekit } from '../../support/fake-scalekit.js';

const ANCHOR = Date.UTC(2026, 0, 5);
const NOW = ANCHOR + 12 * 3_600_000;
const UNKNOWN_ID = '1234567890123456789';

type Name = 'direct' | 'scalekit';
const upstream = {} as Record<Name, Sandbox>;
let sk: FakeScalekit;
let d: SandboxData;

beforeAll(async () => {
  for (const name of ['direct', 'scalekit'] as const) {
    upstream[name] = await startSandbox({ seed: 1, anchor: new Date(ANCHOR), clock: () => NOW, rateLimit: false });
  }
  d = upstream.direct.data;
  sk = await startFakeScalekit({
    clientId: 'id', clientSecret: 'secret', upstream: upstream.scalekit.baseUrl,
    // What the real proxy does: inject the connected account's Gong credential upstream.
    upstreamAuthorization: `Bearer ${upstream.scalekit.credentials.bearerToken}`,
  });
  sk.setAccount('gong', 'user_1', ConnectorStatus.ACTIVE);
});

afterAll(async () => {
  await sk.close();
  await Promise.all(Object.values(upstream).map((s) => s.close()));
});

interface Scenario {
  tool: string;
  /** What this scenario exercises beyond "it works". */
  name?: string;
  input: () => Record<string, unknown>;
  options?: CallOptions;
  /** Call the tool again with the first result's `next_cursor` (each transport resumes its own cursor). */
  resume?: boolean;
  /** Faults on both sandboxes for this scenario (same seed: the same requests fail). */
  faults?: FaultOptions;
  /** Assertions on the direct outcome, so a scenario cannot pass by failing the same way twice. */
  check: (outcome: Outcome, run: RunRecord) => void;
}

type Outcome = { result: Record<string, any> } | { error: { class: string; json: Record<string, unknown> } };
interface RunRecord { outcome: Outcome; sleeps: number[]; upstream: Array<{ method: string; path: string; query: unknown; body: unknown; status: number }> }

/**
 * The two things that legitimately differ between the two sandbox instances, removed before
 * comparing; everything else — records, notes, rate_limit (requests, waited_ms, quota), error
 * JSON, the requests Gong received — must match:
 * - Gong's `requestId` / `request_id`: each instance draws a random prefix for its request ids.
 * - the signature of Gong's cursors: each instance signs its JWT-like cursors with a random key,
 *   so only the third segment is dropped (header and payload — the position — still compare), in
 *   Gong's own cursors and inside the connector's `gc1.` cursors that wrap them.
 */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return normaliseCursor(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'requestId' && k !== 'request_id').map(([k, v]) => [k, normalise(v)]));
}
const GONG_CURSOR = /^(eyJ[\w-]+\.[\w-]+)\.[\w-]+$/;
function normaliseCursor(text: string): unknown {
  if (text.startsWith('gc1.')) return { gc1: normalise(JSON.parse(Buffer.from(text.slice(4), 'base64url').toString('utf8'))) };
  return GONG_CURSOR.exec(text)?.[1] ?? text;
}

async function runOne(name: Name, s: Scenario): Promise<RunRecord> {
  const sandbox = upstream[name];
  let now = NOW;
  const sleeps: number[] = [];
  const clock: Clock = { now: () => now, random: () => 0.5, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
  const connector = createConnector({
    ...(name === 'direct'
      ? { transport: 'direct' as const, baseUrl: sandbox.baseUrl, accessToken: sandbox.credentials.bearerToken }
      : { transport: 'scalekit' as const, scalekit: { environmentUrl: sk.url, clientId: 'id', clientSecret: 'secret', identifier: 'user_1' } }),
    clock, limiterStore: new MemoryLimiterStore(), env: {},
  });
  sandbox.clearLog();
  sandbox.setFaults(s.faults);
  let outcome: Outcome;
  try {
    const first = await connector.executeTool(s.tool, s.input(), s.options);
    outcome = s.resume
      ? { result: { first, resumed: await connector.executeTool(s.tool, { ...s.input(), cursor: first.next_cursor }, s.options) } }
      : { result: first };
  } catch (error) {
    if (!(error instanceof GongError)) throw error;
    outcome = { error: { class: error.constructor.name, json: error.toJSON() as unknown as Record<string, unknown> } };
  } finally {
    sandbox.setFaults(undefined);
    await connector.close();
  }
  return {
    outcome: normalise(outcome) as Outcome,
    sleeps,
    upstream: sandbox.log.map(({ method, path, query, body, status }) => normalise({ method, path, query, body, status }) as RunRecord['upstream'][number]),
  };
}

const result = (o: Outcome): Record<string, any> => {
  if (!('result' in o)) throw new Error(`expected a result, got ${JSON.stringify(o.error)}`);
  return o.result;
};
const ids = (n: number, from = 0) => d.calls.slice(from, from + n).map((c) => c.metaData.id);
const YEAR = { from_date_time: new Date(ANCHOR - 400 * 86_400_000).toISOString(), to_date_time: new Date(ANCHOR).toISOString() };
const flow = () => d.flows[0]!;
const manager = () => d.users.find((u) => d.users.some((r) => r.managerId === u.id))!;
/** An activity-stats answer: one row per user, every user one of the sandbox's, the count stated. */
function expectActivityOfKnownUsers(r: Record<string, any>): void {
  const rows = r.usersAggregateActivityStats as Array<{ userId: string }>;
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBe(r.total_records); // Gong's totalRecords, as the concise result counts it
  expect(rows.filter((row) => !d.users.some((u) => u.id === row.userId))).toEqual([]);
}
const ownerEmail = (userId: string) => d.users.find((u) => u.id === userId)!.emailAddress;

const SCENARIOS: Scenario[] = [
  // ── raw ──
  {
    tool: 'gong_api_request',
    input: () => ({ method: 'GET', path: '/v2/settings/trackers', query: { workspaceId: d.workspaces[0]!.id } }),
    check: (o) => expect(result(o).keywordTrackers.length).toBeGreaterThan(0),
  },
  // ── calls ──
  {
    tool: 'gong_calls_list',
    name: 'limit crossing pages (query cursor)',
    input: () => ({ ...YEAR, limit: 150, max_chars: 1_000_000 }),
    resume: true,
    check: (o, run) => {
      const { first, resumed } = result(o);
      expect(first.calls).toHaveLength(150);
      expect(first.next_cursor).toEqual({ gc1: expect.anything() });
      expect(resumed.calls).toHaveLength(150);
      expect(resumed.calls[0].id).not.toBe(first.calls[0].id);
      expect(run.upstream.length).toBeGreaterThanOrEqual(4);
      expect(run.upstream.filter((r) => (r.query as { cursor?: unknown }).cursor !== undefined).length).toBeGreaterThanOrEqual(2);
      expect(run.sleeps.length).toBeGreaterThan(0); // pacing between pages
    },
  },
  {
    tool: 'gong_calls_list',
    name: 'a period without calls: 404 as empty',
    input: () => ({ from_date_time: '2010-01-01T00:00:00Z', to_date_time: '2010-02-01T00:00:00Z' }),
    check: (o, run) => {
      expect(result(o).calls).toEqual([]);
      expect(run.upstream.map((r) => r.status)).toEqual([404]);
    },
  },
  {
    tool: 'gong_calls_get',
    name: '150 ids batched 100 + 50',
    input: () => ({ call_ids: ids(150), max_chars: 1_000_000 }),
    check: (o, run) => {
      expect(result(o).calls).toHaveLength(150);
      expect(run.upstream.filter((r) => r.path === '/v2/calls/extensive')).toHaveLength(2);
    },
  },
  {
    tool: 'gong_call_get',
    input: () => ({ id: ids(1)[0] }),
    check: (o) => expect(result(o).call.id).toBe(ids(1)[0]),
  },
  {
    tool: 'gong_call_get',
    name: 'unknown id: NotFoundError',
    input: () => ({ id: UNKNOWN_ID }),
    check: (o) => expect(o).toMatchObject({ error: { class: 'NotFoundError', json: { status: 404 } } }),
  },
  {
    tool: 'gong_calls_transcript_get',
    name: '120 ids batched',
    input: () => ({ call_ids: ids(120, 10), fields: ['callId'] }), // small records: the batching, not the budget, is under test
    check: (o, run) => {
      expect(result(o).callTranscripts.length).toBeGreaterThan(100);
      expect(run.upstream.length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    tool: 'gong_calls_transcript_text',
    input: () => ({ call_ids: ids(3, 200) }),
    check: (o) => expect(result(o).text).toEqual(expect.any(String)),
  },
  {
    tool: 'gong_calls_search',
    input: () => ({ query: 'pricing', call_ids: ids(20, 300) }),
    check: (o) => {
      const hits = result(o).hits as Array<{ call_id: string; text: string }>;
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.filter((h) => !ids(20, 300).includes(h.call_id) || !/pricing/i.test(h.text))).toEqual([]);
    },
  },
  {
    tool: 'gong_calls_create',
    name: 'a write that creates an id',
    input: () => ({
      client_unique_id: 'parity-1', actual_start: '2025-12-01T14:00:00Z', title: 'Parity call',
      parties: [{ user_id: d.users[0]!.id, email_address: d.users[0]!.emailAddress, name: 'Host' }, { email_address: 'pat@prospect.example', name: 'Pat' }],
    }),
    check: (o, run) => {
      expect(result(o).callId).toMatch(/^\d{1,20}$/);
      expect(run.upstream.map((r) => [r.method, r.path, r.status, (r.body as { clientUniqueId?: string }).clientUniqueId])).toEqual([['POST', '/v2/calls', 200, 'parity-1']]);
    },
  },
  // ── users ──
  {
    tool: 'gong_users_list',
    input: () => ({}),
    check: (o) => expect(result(o).users.length).toBeGreaterThan(0),
  },
  {
    tool: 'gong_user_get',
    input: () => ({ id: d.users[1]!.id }),
    check: (o) => expect(result(o).user.id).toBe(d.users[1]!.id),
  },
  {
    tool: 'gong_users_get',
    input: () => ({ user_ids: d.users.slice(0, 3).map((u) => u.id) }),
    check: (o) => expect(result(o).users).toHaveLength(3),
  },
  // ── stats ──
  {
    tool: 'gong_stats_scorecards_list',
    name: 'int64 ids',
    input: () => ({ call_from_date: '2025-01-01', call_to_date: '2026-01-05', limit: 20 }),
    check: (o) => {
      const ids = (result(o).answeredScorecards as Array<{ answeredScorecardId: unknown }>).map((a) => a.answeredScorecardId);
      expect(ids.length).toBeGreaterThan(0);
      // Beyond 2^53: a digit lost on either side would show here.
      expect(ids.every((id) => typeof id === 'string' && /^\d{16,19}$/.test(id))).toBe(true);
      expect(ids).toContain(d.answeredScorecards.find((a) => ids.includes(a.answeredScorecardId))?.answeredScorecardId);
    },
  },
  {
    tool: 'gong_stats_activity_aggregate',
    input: () => ({ from_date: '2025-11-01', to_date: '2025-12-01' }),
    check: (o) => expectActivityOfKnownUsers(result(o)),
  },
  {
    tool: 'gong_stats_user_actions',
    input: () => ({ from_date_time: '2025-11-01T00:00:00Z', to_date_time: '2025-12-01T00:00:00Z' }),
    check: (o) => expectActivityOfKnownUsers(result(o)),
  },
  // ── settings ──
  { tool: 'gong_scorecards_list', input: () => ({}), check: (o) => expect(result(o).scorecards.length).toBeGreaterThan(0) },
  { tool: 'gong_trackers_list', input: () => ({ workspace_id: d.workspaces[0]!.id }), check: (o) => expect(result(o).keywordTrackers.length).toBeGreaterThan(0) },
  { tool: 'gong_engage_workspaces_list', input: () => ({}), check: (o) => expect(result(o).workspaces.length).toBe(d.workspaces.length) },
  // ── library ──
  { tool: 'gong_library_folders_list', input: () => ({ workspace_id: d.workspaces[0]!.id }), check: (o) => expect(result(o).folders.length).toBeGreaterThan(0) },
  {
    tool: 'gong_library_folder_content_get',
    input: () => ({ folder_id: d.libraryFolders[0]!.id }),
    check: (o) => expect(result(o).calls.length).toBeGreaterThan(0),
  },
  // ── coaching ──
  {
    tool: 'gong_coaching_get',
    input: () => ({ workspace_id: d.workspaces[0]!.id, manager_id: manager().id, ...YEAR }),
    check: (o) => {
      const [data] = result(o).coachingData as Array<{ manager: { id: string }; directReportsMetrics: Array<{ report: { id: string } }> }>;
      expect(data?.manager.id).toBe(manager().id);
      const reports = d.users.filter((u) => u.managerId === manager().id).map((u) => u.id);
      expect(data?.directReportsMetrics.length).toBeGreaterThan(0);
      expect(data?.directReportsMetrics.filter((m) => !reports.includes(m.report.id))).toEqual([]);
    },
  },
  // ── flows ──
  {
    tool: 'gong_engage_flows_list',
    input: () => ({ flow_owner_email: ownerEmail(d.flowFolders[0]!.createdById) }),
    check: (o) => expect(result(o).flows.length).toBeGreaterThan(0),
  },
  {
    tool: 'gong_engage_flow_steps_get',
    input: () => ({ flow_ids: [flow().id] }),
    check: (o) => {
      const flows = result(o).flows as Array<{ id: string; steps: unknown[] }>;
      expect(flows.map((f) => f.id)).toEqual([flow().id]);
      expect(flows[0]!.steps.length).toBeGreaterThan(0);
    },
  },
  {
    tool: 'gong_engage_prospects_assign',
    name: 'a write',
    input: () => ({ crm_prospect_ids: [d.accounts[0]!.contacts[0]!.crmId], flow_id: flow().id, flow_instance_owner_email: d.users[0]!.emailAddress }),
    check: (o) => {
      const r = result(o);
      expect(r.prospectsAssigned.map((p: Record<string, unknown>) => [p.crmProspectId, p.flowId, p.flowInstanceOwnerEmail]))
        .toEqual([[d.accounts[0]!.contacts[0]!.crmId, flow().id, d.users[0]!.emailAddress]]);
      expect(r.prospectsNotAssigned).toEqual([]);
    },
  },
  // ── tasks ──
  {
    tool: 'gong_engage_tasks_list',
    input: () => ({ assignee_email: ownerEmail(d.tasks[0]!.userId) }),
    check: (o) => expect(result(o).tasks.length).toBeGreaterThan(0),
  },
  {
    tool: 'gong_engage_task_complete',
    name: 'a write',
    input: () => {
      const task = d.tasks.find((t) => t.status !== 'DONE')!;
      return { task_id: task.id, user_id: task.userId, completion_notes: 'done in parity' };
    },
    check: (o, run) => {
      const tasks = result(o).tasks as Array<{ id: string; status: string }>;
      expect(tasks.map((t) => t.status)).toEqual(['DONE']);
      // The task completed is the one the request named.
      expect(JSON.stringify(run.upstream)).toContain(tasks[0]!.id);
    },
  },
  // ── interactions ──
  {
    tool: 'gong_engage_digital_interactions_create',
    input: () => ({ event_name: 'Visited Pricing Page', event_timestamp: '2025-12-01T10:00:00Z', url: 'https://example.com/pricing', prospect_email: 'pat@prospect.example', event_id: 'parity-evt-1' }),
    check: (o, run) => {
      expect(result(o).rate_limit.requests).toBe(1);
      expect(run.upstream.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/v2/digital-interaction', 200]]);
      expect(JSON.stringify(run.upstream[0]?.body)).toContain('parity-evt-1');
    },
  },
  // ── crm ──
  {
    tool: 'gong_crm_integrations_list',
    name: 'int64 integration id',
    input: () => ({}),
    check: (o) => expect(JSON.stringify(result(o))).toContain(d.crmIntegration.integrationId),
  },
  {
    tool: 'gong_crm_schema_fields_list',
    input: () => ({ integration_id: d.crmIntegration.integrationId, object_type: 'ACCOUNT' }),
    check: (o) => {
      const fields = result(o).objectTypeToSelectedFields.ACCOUNT as Array<{ uniqueName: string }>;
      expect(fields.map((f) => f.uniqueName)).toEqual(expect.arrayContaining(['Name', 'Industry']));
    },
  },
  {
    tool: 'gong_crm_objects_list',
    name: 'a GET with a JSON body',
    input: () => ({ integration_id: d.crmIntegration.integrationId, object_type: 'ACCOUNT', object_ids: d.accounts.slice(0, 3).map((a) => a.crmId) }),
    check: (o) => expect(Object.keys(result(o).crmObjectsMap).sort()).toEqual(d.accounts.slice(0, 3).map((a) => a.crmId).sort()),
  },
  // ── meetings ──
  {
    tool: 'gong_meetings_integration_status',
    input: () => ({ emails: d.users.slice(0, 2).map((u) => u.emailAddress) }),
    check: (o) => expect(result(o).users).toEqual(d.users.slice(0, 2).map((u) => ({ email: u.emailAddress, exists: true, valid: true }))),
  },
  {
    tool: 'gong_meeting_create',
    name: 'a write that creates an id',
    input: () => ({
      start_time: '2026-01-15T14:00:00-07:00', end_time: '2026-01-15T15:00:00-07:00', organizer_email: d.users[0]!.emailAddress,
      invitees: [{ email: 'pat@prospect.example' }], title: 'Parity demo', external_id: 'parity-cal-1',
    }),
    check: (o, run) => {
      const r = result(o);
      expect(r.meetingId).toMatch(/^\d{1,20}$/);
      expect(r.meetingUrl).toContain(r.meetingId);
      expect(run.upstream.map((u) => [u.method, u.path, u.status])).toEqual([['POST', '/v2/meetings', 200]]);
    },
  },
  // ── privacy ──
  {
    tool: 'gong_data_privacy_email_lookup',
    input: () => ({ email_address: d.accounts[0]!.contacts[0]!.email }),
    check: (o) => {
      const r = result(o);
      expect(r.emails.length + r.calls.length).toBeGreaterThan(0);
      expect(r.calls.filter((c: { id: string }) => !d.calls.some((k) => k.metaData.id === c.id))).toEqual([]);
    },
  },
  // ── admin ──
  {
    tool: 'gong_permission_profiles_list',
    input: () => ({ workspace_id: d.permissionProfiles[0]!.workspaceId }),
    check: (o) => expect(result(o).profiles.length).toBeGreaterThan(0),
  },
  {
    tool: 'gong_logs_list',
    input: () => ({ log_type: 'AccessLog', ...YEAR, limit: 10 }),
    check: (o) => {
      const entries = result(o).logEntries as Array<{ userId: string }>;
      expect(entries).toHaveLength(10);
      expect(entries.filter((e) => !d.users.some((u) => u.id === e.userId))).toEqual([]);
      expect(result(o).next_cursor).toEqual(expect.any(Object));
    },
  },
  // ── ai ──
  {
    tool: 'gong_entity_brief_get',
    input: () => ({
      workspace_id: d.briefs[0]!.workspaceId, brief_name: d.briefs[0]!.briefName, crm_entity_type: 'ACCOUNT',
      crm_entity_id: d.accounts[0]!.crmId, time_period: 'LAST_90DAYS',
    }),
    check: (o) => {
      expect(result(o).numOfCallsSearched).toBeGreaterThan(0);
      expect(result(o).briefSections.length).toBeGreaterThan(0);
    },
  },
  {
    tool: 'gong_entity_ask',
    input: () => ({
      workspace_id: d.accounts[0]!.workspaceId, crm_entity_type: 'ACCOUNT', crm_entity_id: d.accounts[0]!.crmId,
      question: 'What are the main risks?', time_period: 'LAST_90DAYS',
    }),
    check: (o) => {
      expect(result(o).numOfCallsSearched).toBeGreaterThan(0);
      expect(result(o).answer[0].answerItems.length).toBeGreaterThan(0);
    },
  },
  // ── dates (no request: trivially the same through both) ──
  {
    tool: 'gong_dates_resolve',
    input: () => ({ relative: 'last week', time_zone: 'Europe/Paris' }),
    check: (o, run) => {
      expect(result(o)).toMatchObject({
        calls: { fromDateTime: '2025-12-29T00:00:00+01:00', toDateTime: '2026-01-05T00:00:00+01:00' },
        stats: { fromDate: '2025-12-29', toDate: '2026-01-05' },
      });
      expect(run.upstream).toEqual([]);
    },
  },
  // ── retries ──
  {
    tool: 'gong_users_list',
    name: 'one injected 5xx, retried after the same backoff',
    // Seed 7's schedule: the first request draws a 5xx, the second passes.
    faults: { seed: 7, rate5xx: 0.5 },
    input: () => ({}),
    check: (o, run) => {
      expect(result(o).users.length).toBeGreaterThan(0);
      expect(run.upstream.map((r) => r.status >= 500)).toEqual([true, false]);
    },
  },
];

const label = (s: Scenario) => `${catalog.tools.find((t) => t.name === s.tool)?.toolset ?? '?'} · ${s.tool}${s.name ? ` (${s.name})` : ''}`;

describe('every tool family behaves the same through direct and Scalekit', () => {
  it.each(SCENARIOS.map((s) => [label(s), s] as const))('%s', async (_label, s) => {
    const direct = await runOne('direct', s);
    const scalekit = await runOne('scalekit', s);
    s.check(direct.outcome, direct);
    expect(scalekit.outcome).toEqual(direct.outcome);
    expect(scalekit.upstream).toEqual(direct.upstream);
    expect(scalekit.sleeps).toEqual(direct.sleeps);
  });

  it('every toolset in the catalogue has a scenario', () => {
    const covered = new Set(SCENARIOS.map((s) => catalog.tools.find((t) => t.name === s.tool)?.toolset));
    const toolsets = [...new Set(catalog.tools.map((t) => t.toolset))].sort();
    expect(toolsets.filter((t) => !covered.has(t))).toEqual([]);
    expect(toolsets.length).toBeGreaterThanOrEqual(16);
  });
});
