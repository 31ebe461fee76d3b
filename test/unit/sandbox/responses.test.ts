// Every read route's answer (and the writes' answers) validated against the spec's response schema.
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { ROUTES } from '../../../src/sandbox/routes/index.js';
import { loadSpec } from '../../support/spec.js';
import { ANCHOR, api, multipart, type CallOptions } from './helpers.js';

type S = Record<string, any>;

/** A bare `{type: object}` is how swagger-core writes a Java `Object`: any JSON value. */
function javaObjectsAsAny(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(javaObjectsAsAny);
  if (node === null || typeof node !== 'object') return node;
  const n = node as S;
  if (n.type === 'object' && n.properties === undefined && n.additionalProperties === undefined && n.$ref === undefined) return {};
  return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, javaObjectsAsAny(v)]));
}

/**
 * Where live Gong (and so the sandbox) differs from the spec's response schemas, on purpose:
 * transcript topics may be null, root library folders have a null parent, and an unknown id in
 * `crmObjectsMap` maps to null. (CRM field values and log records are strings and numbers: see
 * javaObjectsAsAny.)
 */
function patchSpec(spec: S): S {
  // javaObjectsAsAny copies every node, so the shared digest is not mutated below.
  const patched = javaObjectsAsAny(spec) as S;
  const schemas = patched.components.schemas as Record<string, S>;
  (schemas.Monologue as S).properties.topic.nullable = true;
  (schemas.LibraryFolder as S).properties.parentFolderId.nullable = true;
  (schemas.GetGenericCrmObjectsResponse as S).properties.crmObjectsMap.additionalProperties = { type: 'object', nullable: true };
  return patched;
}

let sb: Sandbox;
let validators: (method: string, path: string, status: number) => ValidateFunction;

beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
  const spec = patchSpec(loadSpec() as S);
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'gong', paths: spec.paths, components: spec.components });
  const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  validators = (method, path, status) => {
    const responses = spec.paths[path][method.toLowerCase()].responses as S;
    const content = responses[String(status)].content as S;
    const type = Object.keys(content)[0] as string;
    return ajv.compile({ $ref: `gong#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}/content/${pointer(type)}/schema` });
  };
});
afterAll(() => sb.close());

const checked = new Set<string>();

async function expectValid(method: string, path: string, concrete: string, opts: CallOptions = {}, status = 200): Promise<any> {
  const res = await api(sb, method, concrete, opts);
  expect(res.status, `${method} ${concrete}: ${res.text.slice(0, 300)}`).toBe(status);
  const validate = validators(method, path, status);
  const ok = validate(res.json);
  expect(ok ? [] : validate.errors, `${method} ${path}`).toEqual([]);
  checked.add(`${method} ${path}`);
  return res.json;
}

describe('responses validate against the spec', () => {
  it('for every read route', async () => {
    const d = sb.data;
    const ws = d.workspaces[0]?.id as string;
    const call = d.calls.find((c) => c.kind === 'demo' && c.collaboration.publicComments.length > 0) ?? d.calls[10];
    const callId = call?.metaData.id as string;
    const manager = d.users.find((u) => u.role === 'sales-manager') ?? d.users[0];
    const sdr = d.users.find((u) => u.role === 'sdr') ?? d.users[0];
    const account = d.accounts[0];
    const integrationId = d.crmIntegration.integrationId;
    const profileId = d.permissionProfiles[0]?.id as string;
    const folder = d.libraryFolders.find((f) => f.calls.length > 0);
    const stats = { filter: { fromDate: '2025-01-01', toDate: '2025-03-01' } };

    await expectValid('GET', '/v2/calls', '/v2/calls', { query: { fromDateTime: '2025-01-01T00:00:00Z', toDateTime: '2025-03-01T00:00:00Z' } });
    await expectValid('GET', '/v2/calls/{id}', `/v2/calls/${callId}`);
    const everything = {
      context: 'Extended', contextTiming: ['Now', 'TimeOfCall'],
      exposedFields: {
        parties: true, media: true,
        content: { structure: true, topics: true, trackers: true, trackerOccurrences: true, brief: true, outline: true, highlights: true, callOutcome: true, keyPoints: true },
        interaction: { speakers: true, video: true, personInteractionStats: true, questions: true },
        collaboration: { publicComments: true },
      },
    };
    await expectValid('POST', '/v2/calls/extensive', '/v2/calls/extensive', { body: { filter: { fromDateTime: '2025-01-01T00:00:00Z', toDateTime: '2025-02-01T00:00:00Z' }, contentSelector: everything } });
    await expectValid('POST', '/v2/calls/transcript', '/v2/calls/transcript', { body: { filter: { callIds: [callId, d.calls[3]?.metaData.id] } } });
    await expectValid('POST', '/v2/calls/users-access', '/v2/calls/users-access', { body: { filter: { callIds: [callId] } } });
    await expectValid('GET', '/v2/users', '/v2/users', { query: { includeAvatars: 'true' } });
    await expectValid('GET', '/v2/users/{id}', `/v2/users/${manager?.id}`);
    await expectValid('GET', '/v2/users/{id}/settings-history', `/v2/users/${manager?.id}/settings-history`);
    await expectValid('POST', '/v2/users/extensive', '/v2/users/extensive', { body: { filter: {} } });
    await expectValid('POST', '/v2/stats/interaction', '/v2/stats/interaction', { body: stats });
    await expectValid('POST', '/v2/stats/activity/aggregate', '/v2/stats/activity/aggregate', { body: stats });
    await expectValid('POST', '/v2/stats/activity/aggregate-by-period', '/v2/stats/activity/aggregate-by-period', { body: { ...stats, aggregationPeriod: 'WEEK' } });
    await expectValid('POST', '/v2/stats/activity/day-by-day', '/v2/stats/activity/day-by-day', { body: stats });
    await expectValid('POST', '/v2/stats/activity/scorecards', '/v2/stats/activity/scorecards', { body: { filter: { reviewMethod: 'BOTH' } } });
    await expectValid('GET', '/v2/settings/scorecards', '/v2/settings/scorecards');
    await expectValid('GET', '/v2/settings/trackers', '/v2/settings/trackers');
    await expectValid('GET', '/v2/settings/briefs', '/v2/settings/briefs', { query: { workspaceId: ws } });
    await expectValid('GET', '/v2/workspaces', '/v2/workspaces');
    await expectValid('GET', '/v2/call-outcomes', '/v2/call-outcomes');
    await expectValid('GET', '/v2/library/folders', '/v2/library/folders');
    await expectValid('GET', '/v2/library/folder-content', '/v2/library/folder-content', { query: { folderId: folder?.id as string } });
    await expectValid('GET', '/v2/coaching', '/v2/coaching', { query: { 'workspace-id': ws, 'manager-id': manager?.id as string, from: '2024-06-01T00:00:00Z', to: '2025-06-01T00:00:00Z' } });
    await expectValid('GET', '/v2/flows', '/v2/flows', { query: { flowOwnerEmail: sdr?.emailAddress as string } });
    await expectValid('GET', '/v2/flows/folders', '/v2/flows/folders', { query: { flowFolderOwnerEmail: sdr?.emailAddress as string } });
    await expectValid('POST', '/v2/flows/steps', '/v2/flows/steps', { body: { flowIds: d.flows.slice(0, 3).map((f) => f.id) } });
    await expectValid('POST', '/v2/flows/prospects', '/v2/flows/prospects', { body: { crmProspectsIds: d.flowInstances.slice(0, 10).map((i) => i.crmProspectId) } });
    await expectValid('POST', '/v2/tasks', '/v2/tasks', { body: { filter: { userId: d.tasks[0]?.userId, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN', 'DONE', 'DISMISSED'] } } });
    await expectValid('POST', '/v2/meetings/integration/status', '/v2/meetings/integration/status', { body: { emails: [manager?.emailAddress, 'nobody@example.com'] } });
    await expectValid('GET', '/v2/data-privacy/data-for-email-address', '/v2/data-privacy/data-for-email-address', { query: { emailAddress: account?.contacts[0]?.email as string } });
    await expectValid('GET', '/v2/data-privacy/data-for-phone-number', '/v2/data-privacy/data-for-phone-number', { query: { phoneNumber: account?.contacts[0]?.phoneNumber as string } });
    await expectValid('GET', '/v2/crm/integrations', '/v2/crm/integrations');
    await expectValid('GET', '/v2/crm/entity-schema', '/v2/crm/entity-schema', { query: { integrationId, objectType: 'DEAL' } });
    await expectValid('GET', '/v2/crm/entities', '/v2/crm/entities', { query: { integrationId, objectType: 'ACCOUNT' }, body: [account?.crmId, 'missing'] });
    const entity = { workspaceId: ws, crmEntityType: 'ACCOUNT', crmEntityId: call?.accountCrmId as string, timePeriod: 'ALL_CONVERSATIONS' };
    await expectValid('GET', '/v2/entities/ask-entity', '/v2/entities/ask-entity', { query: { ...entity, question: 'What are the main risks?' } });
    await expectValid('GET', '/v2/entities/get-brief', '/v2/entities/get-brief', { query: { ...entity, briefName: d.briefs[0]?.briefName as string } });
    await expectValid('GET', '/v2/logs', '/v2/logs', { query: { logType: 'AccessLog', fromDateTime: '2024-06-01T00:00:00Z' } });
    await expectValid('GET', '/v2/permission-profile', '/v2/permission-profile', { query: { profileId } });
    await expectValid('GET', '/v2/all-permission-profiles', '/v2/all-permission-profiles', { query: { workspaceId: ws } });
    await expectValid('GET', '/v2/permission-profile/users', '/v2/permission-profile/users', { query: { profileId } });

    // Reads of state that writes create.
    const bulk = await expectValid('POST', '/v2/flows/prospects/bulk-assignments', '/v2/flows/prospects/bulk-assignments', {
      body: { flowId: d.flows[0]?.id, flowInstanceOwnerEmail: sdr?.emailAddress, prospects: [{ firstName: 'Ana', lastName: 'Lima', email: 'ana@lima.example' }] },
    }, 202);
    await expectValid('GET', '/v2/flows/prospects/bulk-assignments/{id}', `/v2/flows/prospects/bulk-assignments/${bulk.id}`);
    const file = multipart('dataFile', 'accounts.ldjson', Buffer.from('{"objectId":"acc-1","Name":"One"}\n'));
    await expectValid('POST', '/v2/crm/entities', '/v2/crm/entities', { query: { integrationId, objectType: 'ACCOUNT', clientRequestId: 'resp-1' }, raw: file.body, headers: { 'content-type': file.contentType } }, 201);
    await expectValid('GET', '/v2/crm/request-status', '/v2/crm/request-status', { query: { integrationId, clientRequestId: 'resp-1' } });

    const reads = ROUTES.filter((r) => r.method === 'GET' || (r.method === 'POST' && r.cache));
    for (const r of reads) expect(checked, `${r.method} ${r.path}`).toContain(`${r.method} ${r.path}`);
  });

  it('for the writes', async () => {
    const d = sb.data;
    const user = d.users.find((u) => u.role === 'ae') ?? d.users[0];
    const sdr = d.users.find((u) => u.role === 'sdr') ?? d.users[0];
    const created = await expectValid('POST', '/v2/calls', '/v2/calls', {
      body: {
        clientUniqueId: 'resp-call-1', actualStart: '2025-05-20T15:00:00Z', direction: 'Outbound', primaryUser: user?.id,
        parties: [{ userId: user?.id }, { name: 'Pat Buyer', emailAddress: 'pat@buyer.example', phoneNumber: '+1 555 0100' }], duration: 300,
      },
    });
    const media = multipart('mediaFile', 'call.mp3', Buffer.alloc(2048, 7));
    await expectValid('PUT', '/v2/calls/{id}/media', `/v2/calls/${created.callId}/media`, { raw: media.body, headers: { 'content-type': media.contentType } }, 201);
    await expectValid('PUT', '/v2/calls/users-access', '/v2/calls/users-access', { body: { callAccessList: [{ callId: created.callId, userIds: [sdr?.id] }] } });
    await expectValid('DELETE', '/v2/calls/users-access', '/v2/calls/users-access', { body: { callAccessList: [{ callId: created.callId, userIds: [sdr?.id] }] } });
    const instance = d.flowInstances.find((i) => i.status === 'Running');
    await expectValid('POST', '/v2/flows/prospects/assign', '/v2/flows/prospects/assign', {
      body: { crmProspectsIds: [d.accounts[5]?.contacts[0]?.crmId, 'nope'], flowId: d.flows[3]?.id, flowInstanceOwnerEmail: sdr?.emailAddress },
    });
    await expectValid('POST', '/v2/flows/prospects/unassign-flows-by-instance-id', '/v2/flows/prospects/unassign-flows-by-instance-id', { body: { flowInstanceIds: [instance?.flowInstanceId] } });
    await expectValid('POST', '/v2/flows/prospects/unassign-flows-by-crm-id', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: { crmProspectId: 'nobody' } });
    const task = d.tasks[0];
    await expectValid('PATCH', '/v2/tasks/{taskId}', `/v2/tasks/${task?.id}`, { body: { userId: task?.userId, status: 'DONE' } });
    await expectValid('POST', '/v2/digital-interaction', '/v2/digital-interaction', {
      body: { eventId: 'resp-ev-1', timestamp: '2025-05-20T15:00:00Z', eventType: 'page viewed', content: { contentTitle: 'Pricing' }, person: { email: 'pat@buyer.example' } },
    });
    const meeting = await expectValid('POST', '/v2/meetings', '/v2/meetings', {
      body: { startTime: '2025-06-10T15:00:00Z', endTime: '2025-06-10T15:30:00Z', invitees: [{ email: 'pat@buyer.example' }], organizerEmail: user?.emailAddress },
    });
    await expectValid('PUT', '/v2/meetings/{meetingId}', `/v2/meetings/${meeting.meetingId}`, {
      body: { startTime: '2025-06-10T16:00:00Z', endTime: '2025-06-10T16:30:00Z', invitees: [], organizerEmail: user?.emailAddress },
    });
    await expectValid('POST', '/v2/integration-settings', '/v2/integration-settings', { body: { integrationTypeSettings: [{ integrationType: 'DIALER', allowedOrigin: 'https://dialer.example' }] } });
    await expectValid('PUT', '/v2/permission-profile', '/v2/permission-profile', { query: { profileId: d.permissionProfiles[1]?.id as string }, body: { coaching: false } });
    await expectValid('POST', '/v2/permission-profile', '/v2/permission-profile', { query: { workspaceId: d.workspaces[1]?.id as string }, body: { name: 'Auditors', callsAccess: { permissionLevel: 'all' } } });
    await expectValid('POST', '/v2/data-privacy/erase-data-for-email-address', '/v2/data-privacy/erase-data-for-email-address', { query: { emailAddress: 'pat@buyer.example' } });
    await expectValid('POST', '/v2/crm/entity-schema', '/v2/crm/entity-schema', { query: { integrationId: d.crmIntegration.integrationId, objectType: 'LEAD' }, body: [{ uniqueName: 'Score', label: 'Score', type: 'NUMBER' }] }, 201);
  });
});
