// What a failed write tool call says Gong did (src/dispatch/write-outcome.ts, write-check.ts), through
// the whole connector against a loopback server: a batched write's items as applied, not applied
// or uncertain; an uncertain write names the tool and input that show whether it was applied and
// never says to retry. The check table is held to the catalogue.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { catalog, findTool } from '../../../src/catalog/index.js';
import { createConnector, type Connector } from '../../../src/connector.js';
import type { GongError } from '../../../src/http/errors.js';
import { CHECKS } from '../../../src/dispatch/write-check.js';
import { startServer, writeJson, type RawHandler, type TestServer } from '../../support/server.js';

let server: TestServer | undefined;
let connector: Connector | undefined;
afterEach(async () => {
  await connector?.close();
  await server?.close();
  connector = undefined;
  server = undefined;
});

async function connect(handler: RawHandler): Promise<Connector> {
  server = await startServer(handler);
  connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, rateLimitPerSecond: 1000, env: {} });
  return connector;
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as GongError);
const reset: RawHandler = (_req, res: ServerResponse) => { res.socket?.destroy(); };
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `p${from + i}`);

describe('a batched write that fails part-way', () => {
  const input = { crm_prospect_ids: ids(0, 120), flow_id: '55', flow_instance_owner_email: 'o@company.example' };

  it('reports the batch whose request reached Gong as uncertain, not "not applied, retry them"', async () => {
    const c = await connect((req, res, n) => (n === 1 ? writeJson(res, 202, { requestId: 'r', id: 'a-1', status: 'PENDING' }) : reset(req, res, n)));
    const error = await failure(c.executeTool('gong_engage_prospects_bulk_assign', input));
    expect(server!.requests).toHaveLength(2);
    const json = error.toJSON();
    expect(json.outcome).toBe('uncertain');
    expect(json.batches).toEqual({ input: 'crm_prospect_ids', applied: ids(0, 50), uncertain: ids(50, 100), not_applied: ids(100, 120) });
    expect(json.check).toEqual({
      tool: 'gong_engage_prospects_flows_list',
      input: { crm_prospect_ids: ids(50, 100) },
      look_for: 'an instance of flow 55 for each prospect (a bulk assignment may still be running).',
    });
    expect(json.hint).toMatch(/the first 50 of 120 crm_prospect_ids were applied.*the next 50 may have been applied.*the remaining 20 were not/);
    expect(json.hint).toMatch(/call gong_engage_prospects_flows_list with check\.input/);
    expect(`${json.message} ${json.hint}`).not.toMatch(/retry/i);
  });

  it('a first request that may have been applied is uncertain; the rest were never sent', async () => {
    const c = await connect((_, res) => writeJson(res, 502, { errors: ['Bad gateway'] }));
    const error = await failure(c.executeTool('gong_engage_prospects_bulk_assign', input));
    expect(server!.requests).toHaveLength(1);
    expect(error.toJSON()).toMatchObject({
      outcome: 'uncertain',
      batches: { applied: [], uncertain: ids(0, 50), not_applied: ids(50, 120) },
      check: { input: { crm_prospect_ids: ids(0, 50) } },
    });
    expect(error.hint).not.toMatch(/retry/i);
  });

  it('a first request refused unapplied leaves every item not applied', async () => {
    const c = await connect((_, res) => writeJson(res, 400, { errors: ['Flow not found'] }));
    const error = await failure(c.executeTool('gong_engage_prospects_bulk_assign', input));
    expect(error.toJSON()).toMatchObject({ outcome: 'not_applied', batches: { applied: [], uncertain: [], not_applied: ids(0, 120) } });
    expect(error.check).toBeUndefined();
  });
});

describe('an uncertain single write names its check', () => {
  it('a CRM upload: the request status tool, with its integration and request ids', async () => {
    const c = await connect((_, res) => writeJson(res, 500, { errors: ['Internal server error occurred'] }));
    const error = await failure(c.executeTool('gong_crm_schema_upload', {
      integration_id: '2271307570613351879', object_type: 'ACCOUNT', fields: [{ unique_name: 'x', label: 'X', type: 'STRING' }], confirm: true,
    }));
    expect(error.toJSON()).toMatchObject({
      outcome: 'uncertain',
      check: { tool: 'gong_crm_schema_fields_list', input: { integration_id: '2271307570613351879', object_type: 'ACCOUNT' } },
    });
    expect(error.message).toMatch(/may have applied the write/);
    expect(error.hint).toMatch(/gong_crm_schema_fields_list.*idempotent/);
    expect(error.hint).not.toMatch(/retry/i);
  });

  it('a task update: the task list tool and the task id', async () => {
    const c = await connect(reset);
    const error = await failure(c.executeTool('gong_engage_task_complete', { task_id: '77', user_id: '12' }));
    expect(error.toJSON()).toMatchObject({ outcome: 'uncertain', check: { tool: 'gong_engage_tasks_list', look_for: 'task 77 (assignee: user 12) and its status.' } });
    expect(error.check?.input).toBeUndefined();
    expect(error.hint).toMatch(/call gong_engage_tasks_list and look for task 77/);
  });

  it('a replay-safe write: a resend with the same input is safe, said once', async () => {
    server = await startServer(reset);
    connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, rateLimitPerSecond: 1000, maxAttempts: 1, env: {} });
    const error = await failure(connector.executeTool('gong_engage_digital_interactions_create', {
      event_name: 'Visited', event_timestamp: '2025-03-01T10:00:00Z', prospect_email: 'p@x.example',
    }));
    expect(error.outcome).toBe('uncertain');
    expect(error.hint).toMatch(/same idempotency key/);
    expect(error.hint).not.toMatch(/is idempotent|retry/i);
  });

  it('a meeting create: no tool reads meetings back, so it says where to look', async () => {
    const c = await connect(reset);
    const error = await failure(c.executeTool('gong_meeting_create', {
      start_time: '2026-12-03T10:00:00Z', end_time: '2026-12-03T10:30:00Z', organizer_email: 'o@company.example', invitees: [{ email: 'i@x.example' }],
    }));
    expect(error.toJSON()).toMatchObject({ outcome: 'uncertain', check: { look_for: 'No tool lists meetings: look in Gong for a meeting organised by o@company.example at 2026-12-03T10:00:00Z.' } });
    expect(error.hint).not.toMatch(/retry/i);
  });
});

describe('gong_engage_flow_content_override states only what Gong\'s answers showed', () => {
  const input = { flow_instance_id: '77', field_values: { 'recipient.first_name': 'Mike' }, confirm: true };
  const running = { requestId: 'r', prospectsAssigned: [{ flowId: '55', crmProspectId: '003A', flowInstanceId: '77', flowInstanceOwnerEmail: 'o@company.example', flowInstanceStatus: 'Running' }] };
  const answers = (...rest: RawHandler[]): RawHandler => (req, res, n) => (n === 1 ? writeJson(res, 200, running) : rest[n - 2]!(req, res, n));
  const json = (status: number, body: unknown): RawHandler => (_req, res) => writeJson(res, status, body);

  it('an instance Gong does not list as unassigned was not: nothing is re-assigned over it', async () => {
    const c = await connect(answers(json(200, { requestId: 'r', unassignedFlowInstanceIds: [] })));
    const error = await failure(c.executeTool('gong_engage_flow_content_override', input));
    expect(server!.requests.map((r) => r.path)).toEqual(['/v2/flows/prospects', '/v2/flows/prospects/unassign-flows-by-instance-id']);
    expect(error.outcome).toBe('not_applied');
    expect(error.message).toMatch(/did not unassign flow instance 77.*nothing was changed/);
  });

  it('an unassignment that may have been applied names the prospect\'s flows to check', async () => {
    const c = await connect(answers(reset));
    const error = await failure(c.executeTool('gong_engage_flow_content_override', input));
    expect(server!.requests).toHaveLength(2);
    expect(error.toJSON()).toMatchObject({ outcome: 'uncertain', check: { tool: 'gong_engage_prospects_flows_list', input: { crm_prospect_ids: ['003A'] } } });
    expect(error.hint).not.toMatch(/retry/i);
  });

  it('a re-assignment that may have been applied is uncertain, not "re-assign it"', async () => {
    const c = await connect(answers(json(200, { requestId: 'r', unassignedFlowInstanceIds: ['77'] }), reset));
    const error = await failure(c.executeTool('gong_engage_flow_content_override', input));
    expect(server!.requests).toHaveLength(3);
    expect(error.toJSON()).toMatchObject({ outcome: 'uncertain', check: { tool: 'gong_engage_prospects_flows_list', input: { crm_prospect_ids: ['003A'] } } });
    expect(error.message).toMatch(/re-assigning prospect 003A to flow 55 may have been applied/);
    expect(error.hint).toMatch(/^Do not re-assign the prospect before checking/);
  });

  it('a re-assignment refused unapplied leaves it partly applied', async () => {
    const c = await connect(answers(json(200, { requestId: 'r', unassignedFlowInstanceIds: ['77'] }), json(400, { errors: ['Flow not active'] })));
    const error = await failure(c.executeTool('gong_engage_flow_content_override', input));
    expect(error.outcome).toBe('partly_applied');
    expect(error.hint).toMatch(/Re-assign the prospect with gong_engage_prospects_assign/);
  });

  it('an answer that lists the prospect neither as assigned nor as not assigned is uncertain', async () => {
    const c = await connect(answers(json(200, { requestId: 'r', unassignedFlowInstanceIds: ['77'] }), json(200, { requestId: 'r', prospectsAssigned: [], prospectsNotAssigned: [] })));
    const error = await failure(c.executeTool('gong_engage_flow_content_override', input));
    expect(error.outcome).toBe('uncertain');
    expect(error.check?.tool).toBe('gong_engage_prospects_flows_list');
  });
});

describe('the check table', () => {
  const writes = catalog.tools.filter((t) => !t.annotations.readOnlyHint && t.annotations.openWorldHint);

  it('has a rule for every tool that writes, and only for those', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(writes.map((t) => t.name).sort());
  });

  it('names only read-only tools and inputs both tools have', () => {
    for (const [name, rule] of Object.entries(CHECKS)) {
      const write = findTool(name);
      const writeInputs = Object.keys((write.inputSchema.properties ?? {}) as object);
      for (const placeholder of rule.look.matchAll(/\{([a-z_]+)\}/g)) expect(writeInputs, `${name}: {${placeholder[1]}}`).toContain(placeholder[1]);
      if (!rule.tool) continue;
      const check = findTool(rule.tool);
      expect(check.annotations.readOnlyHint, rule.tool).toBe(true);
      const checkInputs = Object.keys((check.inputSchema.properties ?? {}) as object);
      for (const [to, from] of Object.entries(rule.with ?? {})) {
        expect(checkInputs, `${name} → ${rule.tool}.${to}`).toContain(to);
        expect(writeInputs, `${name}.${from}`).toContain(from.split('[].')[0]);
      }
    }
  });
});
