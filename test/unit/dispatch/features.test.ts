// The dispatcher behaviours the catalogue relies on, against a loopback server: input defaults,
// partial success of batched writes, client-side filters with limit and cursor, computed-input
// errors, replays, and no automatic repeat of requests that spend AI credits.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnector, type Connector } from '../../../src/connector.js';
import { GongError, InvalidInputError } from '../../../src/http/errors.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';

let server: ReplyServer;
let connector: Connector;

beforeAll(async () => {
  server = await startReplyServer();
});
afterEach(async () => {
  await connector?.close();
  server.reset();
});
afterAll(async () => {
  await server.close();
});

function connect(): Connector {
  connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, rateLimitPerSecond: 1000, env: {} });
  return connector;
}
const ok = (body: Record<string, unknown> = {}, status = 200) => ({ status, body: { requestId: 'r', ...body } });
const fail = (status: number, message: string) => ({ status, body: { requestId: 'r', errors: [message] } });

describe('input defaults', () => {
  it('are sent when the input is absent and replaced when it is given', async () => {
    const c = connect();
    const dry = async (input: Record<string, unknown>) =>
      ((await c.executeTool('gong_engage_tasks_list', input, { dryRun: true })).requests as Array<{ body: { filter: Record<string, unknown> } }>)[0]!.body.filter;
    expect(await dry({ assignee_email: 'a@company.example' })).toMatchObject({ types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN'] });
    expect(await dry({ assignee_email: 'a@company.example', status: ['DONE', 'DISMISSED'], types: ['MANUAL'] }))
      .toMatchObject({ types: ['MANUAL'], taskAction: ['CALL'], status: ['DONE', 'DISMISSED'] });
  });
});

describe('batched writes that fail part-way', () => {
  it('say exactly which inputs were already applied', async () => {
    server.reply(ok({ unassignedFlowInstanceIds: ['1'] }), fail(400, 'Flow not found'));
    const error = await connect()
      .executeTool('gong_engage_prospects_unassign', { crm_prospect_ids: ['a', 'b', 'c'], flow_id: '55', confirm: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongError);
    expect((error as GongError).status).toBe(400);
    expect((error as GongError).hint).toMatch(/^Partial success: 1 of 3 requests succeeded before this failure, so the first 1 of 3 crm_prospect_ids were applied in Gong \(batches\.applied: do not send them again\); the remaining 2 were not \(batches\.not_applied: safe to send again\)\./);
    // A 400 is refused unapplied: the failed request's prospect is not applied, like the one never sent.
    expect((error as GongError).toJSON()).toMatchObject({
      outcome: 'partly_applied',
      batches: { input: 'crm_prospect_ids', applied: ['a'], not_applied: ['b', 'c'], uncertain: [] },
    });
    expect(server.requests).toHaveLength(2);
  });

  it('count prospects, not requests, for multi-item batches', async () => {
    server.reply(ok({ id: 'a-1', status: 'PENDING' }, 202), fail(403, 'Flow belongs to another user'));
    const ids = Array.from({ length: 51 }, (_, i) => `p${i}`);
    const error = await connect()
      .executeTool('gong_engage_prospects_bulk_assign', { crm_prospect_ids: ids, flow_id: '55', flow_instance_owner_email: 'o@company.example' })
      .catch((e: unknown) => e);
    expect((error as GongError).hint).toMatch(/the first 50 of 51 crm_prospect_ids were applied/);
  });

  it('but reads that fail part-way claim nothing was applied', async () => {
    server.reply(ok({ records: { totalRecords: 1 }, calls: [] }), fail(400, 'Some calls not found'));
    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1));
    const error = await connect().executeTool('gong_calls_get', { call_ids: ids }).catch((e: unknown) => e);
    expect((error as GongError).status).toBe(400);
    expect((error as GongError).hint ?? '').not.toMatch(/Partial success/);
  });

  it('a failure in the first request has no partial-success hint', async () => {
    server.reply(fail(400, 'Flow not found'));
    const error = await connect()
      .executeTool('gong_engage_prospects_unassign', { crm_prospect_ids: ['a', 'b'], flow_id: '55', confirm: true })
      .catch((e: unknown) => e);
    expect((error as GongError).hint ?? '').not.toMatch(/Partial success/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('client-side filters', () => {
  const page1 = ok({ records: { totalRecords: 5, cursor: 'g2' }, users: [{ id: '1', active: true }, { id: '2', active: false }, { id: '3', active: true }] });
  const page2 = ok({ records: { totalRecords: 5 }, users: [{ id: '4', active: true }, { id: '5', active: false }] });

  it('keep limit and cursor exact: filtered records are counted, never skipped or repeated', async () => {
    const c = connect();
    server.reply(page1);
    const first = await c.executeTool('gong_engage_users_list', { limit: 1 });
    expect(first.users).toEqual([{ id: '1', active: true }]);
    expect(typeof first.next_cursor).toBe('string');
    server.reply(page1, page2);
    const second = await c.executeTool('gong_engage_users_list', { limit: 5, cursor: first.next_cursor });
    expect(second.users).toEqual([{ id: '3', active: true }, { id: '4', active: true }]);
    expect(second.next_cursor).toBeUndefined();
    expect(server.requests.map((r) => [...r.query])).toEqual([[], [], [['cursor', 'g2']]]);
  });

  it('apply a window with an inclusive start and an exclusive date-time end', async () => {
    server.reply(ok({ users: [{ id: '1', emailAddress: 'a@company.example' }] }), ok({
      tasks: [
        { id: 1, dueDate: '2025-03-01T00:00:00Z' },
        { id: 2, dueDate: '2025-03-10T12:00:00Z' },
        { id: 3, dueDate: '2025-03-10T12:00:01+00:00' },
        { id: 4, dueDate: '2025-02-28T23:59:59Z' },
      ],
    }));
    const result = await connect().executeTool('gong_engage_tasks_list', {
      assignee_email: 'a@company.example', from_date: '2025-03-01T00:00:00Z', to_date: '2025-03-10T12:00:01Z',
    });
    expect((result.tasks as Array<{ id: number }>).map((t) => t.id)).toEqual([1, 2]);
  });

  it('keep every record when no bound is given', async () => {
    server.reply(ok({ users: [{ id: '1', emailAddress: 'a@company.example' }] }), ok({ tasks: [{ id: 1 }, { id: 2, dueDate: '2025-03-01T00:00:00Z' }] }));
    const result = await connect().executeTool('gong_engage_tasks_list', { assignee_email: 'a@company.example' });
    expect(result.tasks).toHaveLength(2);
    expect(result.notes).toBeUndefined();
  });
});

describe('computed inputs', () => {
  it('a missing primary user is an input error naming the field, and nothing is sent', async () => {
    const error = await connect()
      .executeTool('gong_calls_create', { actual_start: '2025-03-01T14:00:00Z', parties: [{ name: 'Pat' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('primary_user');
    expect(server.requests).toHaveLength(0);
  });

  it('the same call registered twice carries the same clientUniqueId', async () => {
    const c = connect();
    const input = { actual_start: '2025-03-01T14:00:00Z', parties: [{ user_id: '1' }], direction: 'Outbound' };
    server.reply(ok({ callId: '1' }), ok({ callId: '1' }));
    await c.executeTool('gong_calls_create', input);
    await c.executeTool('gong_calls_create', input);
    const [a, b] = server.requests.map((r) => (r.json as { clientUniqueId: string }).clientUniqueId);
    expect(a).toMatch(/^gc-/);
    expect(b).toBe(a);
  });
});

describe('retries', () => {
  it('a digital interaction retried after a 500 and answered 409 counts as recorded once', async () => {
    server.reply(fail(500, 'Internal server error occurred'), fail(409, 'Event was already reported in the past'));
    const result = await connect().executeTool('gong_engage_digital_interactions_create', {
      event_name: 'Visited', event_timestamp: '2025-03-01T10:00:00Z', prospect_email: 'p@x.example',
    });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.text).toBe(server.requests[0]!.text);
    expect((result.notes as string[]).join(' ')).toMatch(/applied once/);
  });

  it('a request that spends AI credits is not repeated after a 500', async () => {
    server.reply(fail(500, 'Internal server error occurred'), ok());
    const error = await connect().executeTool('gong_entity_ask', {
      workspace_id: '1', crm_entity_type: 'ACCOUNT', crm_entity_id: '001A', question: 'Risks?', time_period: 'LAST_30DAYS',
    }).catch((e: unknown) => e);
    expect((error as GongError).status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });
});

describe('gong_engage_flow_content_override', () => {
  const input = { flow_instance_id: '77', field_values: { 'recipient.first_name': 'Mike', score: 3 }, confirm: true };

  it('refuses an unknown instance after the lookup, changing nothing', async () => {
    server.reply(ok({ prospectsAssigned: [] }));
    const error = await connect().executeTool('gong_engage_flow_content_override', input).catch((e: unknown) => e);
    expect((error as GongError).code).toBe('not_found');
    expect(server.requests.map((r) => r.path)).toEqual(['/v2/flows/prospects']);
  });

  it('refuses a finished instance, changing nothing', async () => {
    server.reply(ok({ prospectsAssigned: [{ flowId: '55', crmProspectId: '003A', flowInstanceId: '77', flowInstanceOwnerEmail: 'o@company.example', flowInstanceStatus: 'FinishedNoReply' }] }));
    const error = await connect().executeTool('gong_engage_flow_content_override', input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends non-text values as text, as Gong\'s variables require', async () => {
    server.reply(
      ok({ prospectsAssigned: [{ flowId: '55', crmProspectId: '003A', flowInstanceId: '77', flowInstanceOwnerEmail: 'o@company.example', flowInstanceStatus: 'Running' }] }),
      ok({ unassignedFlowInstanceIds: ['77'] }),
      ok({ prospectsAssigned: [{ flowInstanceId: '78' }], prospectsNotAssigned: [] }),
    );
    await connect().executeTool('gong_engage_flow_content_override', input);
    expect((server.requests[2]!.json as { overrides: unknown }).overrides).toEqual({
      flowInstanceVariables: [{ name: 'recipient.first_name', value: 'Mike' }, { name: 'score', value: '3' }],
      coolOffOverride: true,
    });
  });

  const running = ok({ prospectsAssigned: [{ flowId: '55', crmProspectId: '003A', flowInstanceId: '77', flowInstanceOwnerEmail: 'o@company.example', flowInstanceStatus: 'Running' }] });

  it('a re-assignment Gong declines is an error saying the prospect already left the flow', async () => {
    server.reply(running, ok({ unassignedFlowInstanceIds: ['77'] }), ok({ prospectsAssigned: [], prospectsNotAssigned: [{ crmProspectId: '003A', errorCode: 'InvalidState', errorMessage: 'Prospect is in cool-off' }] }));
    const error = await connect().executeTool('gong_engage_flow_content_override', input).catch((e: unknown) => e);
    expect((error as GongError).code).toBe('conflict');
    expect((error as Error).message).toMatch(/already unassigned.*no longer in flow 55.*Prospect is in cool-off/);
    expect((error as GongError).hint).toMatch(/gong_engage_prospects_assign.*003A.*55/);
  });

  it('a failed re-assign request never claims that nothing was applied', async () => {
    server.reply(running, ok({ unassignedFlowInstanceIds: ['77'] }), fail(400, 'Flow not active'));
    const error = await connect().executeTool('gong_engage_flow_content_override', input).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/already unassigned/);
    expect(JSON.stringify((error as GongError).toJSON())).not.toMatch(/was not applied/);
    expect(server.requests).toHaveLength(3);
  });
});
