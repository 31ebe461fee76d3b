import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import type { SandboxUser } from '../../../src/sandbox/data/types.js';
import { ANCHOR, api, basicAuth, multipart } from './helpers.js';

let sb: Sandbox;
// The tenant's "now": half a day after the data's anchor, so data-relative rules (cool-off) line up.
const NOW = ANCHOR.getTime() + 12 * 3_600_000;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false, anchor: ANCHOR, clock: () => NOW });
});
afterAll(() => sb.close());

const role = (r: string, skip = 0) => sb.data.users.filter((u) => u.role === r && u.active)[skip] as SandboxUser;

function newCall(clientUniqueId: string, user: SandboxUser, extra: Record<string, unknown> = {}) {
  return {
    clientUniqueId, actualStart: '2025-05-28T14:00:00Z', direction: 'Conference', primaryUser: user.id, duration: 1800, title: 'Sandbox upload',
    parties: [{ userId: user.id, name: `${user.firstName} ${user.lastName}` }, { name: 'Pat Buyer', emailAddress: 'pat@buyer.example' }],
    ...extra,
  };
}

async function upload(path: string, body: Buffer | Readable, contentType: string, length?: number) {
  const res = await request(new URL(path, sb.baseUrl), {
    method: 'PUT',
    headers: { authorization: basicAuth(sb), 'content-type': contentType, ...(length === undefined ? {} : { 'content-length': String(length) }) },
    body,
  });
  return { status: res.statusCode, json: (await res.body.json()) as any };
}

describe('calls', () => {
  it('creates a call once per clientUniqueId; a replay answers with the same callId and is counted as a replay', async () => {
    const ae = role('ae');
    const first = await api(sb, 'POST', '/v2/calls', { body: newCall('upload-1', ae) });
    expect(first.status).toBe(200);
    expect(first.json.callId).toMatch(/^\d{19}$/);
    const again = await api(sb, 'POST', '/v2/calls', { body: newCall('upload-1', ae, { title: 'changed' }) });
    expect(again.json.callId).toBe(first.json.callId);
    expect(sb.writes().applied.addCall).toBe(1);
    expect(sb.writes().replayed.addCall).toBe(1);

    const got = await api(sb, 'GET', `/v2/calls/${first.json.callId}`);
    expect(got.json.call).toMatchObject({ id: first.json.callId, title: 'Sandbox upload', clientUniqueId: 'upload-1', primaryUserId: ae.id, duration: 1800 });
    const listed = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: '2025-05-28T14:00:00Z', toDateTime: '2025-05-28T14:00:01Z' } });
    expect(listed.json.calls.map((c: { id: string }) => c.id)).toEqual([first.json.callId]);
  });

  it('refuses a call without a party for the primary user, and one for a user who cannot be recorded (409)', async () => {
    const ae = role('ae');
    const noParty = await api(sb, 'POST', '/v2/calls', { body: { ...newCall('upload-2', ae), parties: [{ name: 'Pat Buyer', emailAddress: 'pat@buyer.example' }] } });
    expect(noParty.status).toBe(400);
    expect(noParty.json.errors).toEqual(['A party must be provided for the primaryUser']);
    const unrecorded = sb.data.users.find((u) => !u.settings.webConferencesRecorded && !u.settings.telephonyCallsImported && u.role !== 'avatar') as SandboxUser;
    const refused = await api(sb, 'POST', '/v2/calls', { body: newCall('upload-3', unrecorded) });
    expect(refused.status).toBe(409);
    const missing = await api(sb, 'POST', '/v2/calls', { body: { clientUniqueId: 'x', parties: [] } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual(expect.arrayContaining(['actualStart is required', 'direction is required', 'primaryUser is required']));
  });

  it('accepts streamed media once (201), then serves a transcript for the call', async () => {
    const created = await api(sb, 'POST', '/v2/calls', { body: newCall('upload-media', role('ae', 1)) });
    const callId = created.json.callId as string;
    const empty = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: [callId] } } });
    expect(empty.json.callTranscripts[0].transcript).toEqual([]);

    // 16 MB in 64 KB chunks, streamed: the sandbox counts the bytes without holding them.
    const head = multipart('mediaFile', 'call.mp4', Buffer.alloc(0));
    const [pre, post] = [head.body.subarray(0, head.body.length - `\r\n--${head.contentType.split('=')[1]}--\r\n`.length), Buffer.from(`\r\n--${head.contentType.split('=')[1]}--\r\n`)];
    const total = 16 * 1024 * 1024;
    const stream = Readable.from((function* () {
      yield pre;
      for (let sent = 0; sent < total; sent += 65_536) yield Buffer.alloc(65_536, sent % 251);
      yield post;
    })());
    const res = await upload(`/v2/calls/${callId}/media`, stream, head.contentType, pre.length + total + post.length);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ callId, url: `https://app.gong.io/call?id=${callId}` });
    expect(res.json.requestId).toBeTypeOf('string');

    const transcript = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: [callId] } } });
    expect(transcript.json.callTranscripts[0].transcript.length).toBeGreaterThan(5);

    const again = multipart('mediaFile', 'call.mp4', Buffer.alloc(100, 1));
    expect((await upload(`/v2/calls/${callId}/media`, again.body, again.contentType)).status).toBe(400);
    expect(sb.writes().applied.addCallRecording).toBe(1);
  });

  it('rejects media without a mediaFile part, for unknown calls and for calls not created through the API', async () => {
    const created = await api(sb, 'POST', '/v2/calls', { body: newCall('upload-nofile', role('ae', 2)) });
    const wrongField = multipart('file', 'call.mp3', Buffer.alloc(10, 1));
    const noFile = await upload(`/v2/calls/${created.json.callId}/media`, wrongField.body, wrongField.contentType);
    expect(noFile.status).toBe(400);
    expect(noFile.json.errors).toEqual(['mediaFile is required']);
    const file = multipart('mediaFile', 'call.mp3', Buffer.alloc(10, 1));
    expect((await upload('/v2/calls/1234567890123456789/media', file.body, file.contentType)).status).toBe(404);
    expect((await upload(`/v2/calls/${sb.data.calls[0]?.metaData.id}/media`, file.body, file.contentType)).status).toBe(400);
    expect((await upload(`/v2/calls/${created.json.callId}/media`, Buffer.from('{}'), 'application/json')).status).toBe(400);
  });

  it('grants, lists and removes call access', async () => {
    const callId = sb.data.calls[42]?.metaData.id as string;
    const user = role('sdr');
    expect((await api(sb, 'PUT', '/v2/calls/users-access', { body: { callAccessList: [{ callId, userIds: [user.id] }] } })).status).toBe(200);
    const listed = await api(sb, 'POST', '/v2/calls/users-access', { body: { filter: { callIds: [callId] } } });
    expect(listed.json.callAccessList).toEqual([{ callId, users: [{ userId: user.id }] }]);
    expect((await api(sb, 'DELETE', '/v2/calls/users-access', { body: { callAccessList: [{ callId, userIds: [user.id] }] } })).status).toBe(200);
    const after = await api(sb, 'POST', '/v2/calls/users-access', { body: { filter: { callIds: [callId] } } });
    expect(after.json.callAccessList[0].users).toEqual([]);
    const bad = await api(sb, 'PUT', '/v2/calls/users-access', { body: { callAccessList: [{ callId: '1', userIds: [user.id] }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual(['Some calls not found']);
  });
});

describe('Engage flows', () => {
  const flowFor = (exclusive: boolean) => sb.data.flows.find((f) => f.exclusive === exclusive && f.visibility === 'Company' && f.workspaceId === sb.data.workspaces[0]?.id);
  const freeProspects = () => {
    const busy = new Set(sb.data.flowInstances.map((i) => i.crmProspectId));
    return sb.data.accounts.flatMap((a) => a.contacts).filter((c) => !busy.has(c.crmId)).map((c) => c.crmId);
  };

  it('caps assign at 100 prospects', async () => {
    const res = await api(sb, 'POST', '/v2/flows/prospects/assign', {
      body: { crmProspectsIds: Array.from({ length: 101 }, (_, i) => `p${i}`), flowId: flowFor(false)?.id, flowInstanceOwnerEmail: role('sdr').emailAddress },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toContain('at most 100');
  });

  it('assigns partially: 200 with prospectsAssigned and prospectsNotAssigned; a retry assigns nothing twice', async () => {
    const flow = flowFor(false);
    const [a, b] = freeProspects();
    const body = { crmProspectsIds: [a, 'not-a-prospect', b], flowId: flow?.id, flowInstanceOwnerEmail: role('sdr').emailAddress };
    const res = await api(sb, 'POST', '/v2/flows/prospects/assign', { body });
    expect(res.status).toBe(200);
    expect(res.json.prospectsAssigned.map((p: { crmProspectId: string }) => p.crmProspectId)).toEqual([a, b]);
    expect(res.json.prospectsAssigned[0]).toMatchObject({ flowId: flow?.id, flowName: flow?.name, flowInstanceStatus: 'Running', flowInstanceOwnerEmail: role('sdr').emailAddress });
    expect(res.json.prospectsNotAssigned).toEqual([{ flowId: flow?.id, crmProspectId: 'not-a-prospect', errorCode: 'InvalidArgument', errorMessage: 'Prospect not-a-prospect was not found in the CRM' }]);
    const applied = sb.writes().applied.assignProspects;

    const retry = await api(sb, 'POST', '/v2/flows/prospects/assign', { body });
    expect(retry.json.prospectsAssigned).toEqual([]);
    expect(retry.json.prospectsNotAssigned.map((p: { errorCode: string }) => p.errorCode)).toEqual(['InvalidState', 'InvalidArgument', 'InvalidState']);
    expect(sb.writes().applied.assignProspects).toBe(applied);

    const lookup = await api(sb, 'POST', '/v2/flows/prospects', { body: { crmProspectsIds: [a] } });
    expect(lookup.json.prospectsAssigned.map((p: { flowId: string }) => p.flowId)).toContain(flow?.id);
  });

  it('keeps prospects in cool-off unless overridden (also through the deprecated endpoint)', async () => {
    const cooling = sb.data.flowInstances.find((i) => i.finishedMs !== undefined && NOW - i.finishedMs < 30 * 86_400_000
      && !sb.data.flowInstances.some((j) => j.crmProspectId === i.crmProspectId && !j.status.startsWith('Finished')));
    if (!cooling) throw new Error('seed has no prospect in cool-off');
    const flow = flowFor(false);
    const body = { crmProspectsIds: [cooling.crmProspectId], flowId: flow?.id, flowInstanceOwnerEmail: role('sdr').emailAddress };
    const refused = await api(sb, 'POST', '/v2/flows/prospects/assign', { body });
    expect(refused.json.prospectsNotAssigned[0].errorMessage).toContain('cool-off');
    const forced = await api(sb, 'POST', '/v2/flows/prospects/assign/cool-off-override', { body });
    expect(forced.json.prospectsAssigned).toHaveLength(1);
  });

  it('bulk-assigns asynchronously: 202, then status polls until COMPLETED; capped at 50', async () => {
    const flow = flowFor(true);
    const owner = role('sdr', 1).emailAddress;
    const tooMany = await api(sb, 'POST', '/v2/flows/prospects/bulk-assignments', { body: { flowId: flow?.id, flowInstanceOwnerEmail: owner, prospects: Array.from({ length: 51 }, (_, i) => ({ crmId: `c${i}` })) } });
    expect(tooMany.status).toBe(400);
    const [known] = freeProspects().slice(5);
    const submitted = await api(sb, 'POST', '/v2/flows/prospects/bulk-assignments', {
      body: { flowId: flow?.id, flowInstanceOwnerEmail: owner, prospects: [{ crmId: known }, { crmId: 'missing-crm-id' }, { firstName: 'Ana', lastName: 'Lima', companyName: 'Lima Co' }] },
    });
    expect(submitted.status).toBe(202);
    expect(submitted.json).toMatchObject({ status: 'PENDING', totalCount: 3, processedCount: 0 });
    const path = `/v2/flows/prospects/bulk-assignments/${submitted.json.id}`;
    expect((await api(sb, 'GET', path)).json.status).toBe('IN_PROGRESS');
    const done = await api(sb, 'GET', path);
    expect(done.json).toMatchObject({ status: 'COMPLETED', processedCount: 3, successCount: 2, failedCount: 1 });
    expect(done.json.results.map((r: { status: string }) => r.status)).toEqual(['ASSIGNED', 'CRM_OPERATION_FAILED', 'ASSIGNED']);
    expect(done.json.results[2].crmId).toMatch(/^00Q/);
  });

  it('unassigns by instance id (one unknown id fails everything; cap 200) and by CRM id (unknown → [])', async () => {
    const open = sb.data.flowInstances.filter((i) => i.status === 'Running').slice(10, 12).map((i) => i.flowInstanceId);
    const bad = await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-instance-id', { body: { flowInstanceIds: [...open, '1'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual(['One or more of the given flowInstanceIds does not exist']);
    const cap = await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-instance-id', { body: { flowInstanceIds: Array.from({ length: 201 }, (_, i) => String(i)) } });
    expect(cap.status).toBe(400);
    const ok = await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-instance-id', { body: { flowInstanceIds: open } });
    expect(ok.json.unassignedFlowInstanceIds).toEqual(open);
    const twice = await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-instance-id', { body: { flowInstanceIds: open } });
    expect(twice.json.unassignedFlowInstanceIds).toEqual([]);

    expect((await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: { crmProspectId: 'nobody' } })).json.unassignedFlowInstanceIds).toEqual([]);
    const target = sb.data.flowInstances.find((i) => i.status === 'Paused');
    const byCrm = await api(sb, 'POST', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: { crmProspectId: target?.crmProspectId, flowId: target?.flowId } });
    expect(byCrm.json.unassignedFlowInstanceIds).toEqual([target?.flowInstanceId]);
  });
});

describe('tasks', () => {
  it('completes a task for its owner; others get 403', async () => {
    const task = sb.data.tasks.find((t) => t.status === 'OPEN');
    if (!task) throw new Error('no open task');
    const stranger = sb.data.users.find((u) => u.id !== task.userId) as SandboxUser;
    expect((await api(sb, 'PATCH', `/v2/tasks/${task.id}`, { body: { userId: stranger.id, status: 'DONE' } })).status).toBe(403);
    expect((await api(sb, 'PATCH', `/v2/tasks/${task.id}`, { body: { status: 'DONE' } })).status).toBe(400);
    const done = await api(sb, 'PATCH', `/v2/tasks/${task.id}`, { body: { userId: task.userId, status: 'DONE' } });
    expect(done.status).toBe(200);
    expect(done.text).toContain(`"id":${task.id}`);
    const list = await api(sb, 'POST', '/v2/tasks', { body: { filter: { userId: task.userId, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN'] } } });
    expect(list.text).not.toContain(`"id":${task.id},`);
    const bad = await api(sb, 'PATCH', `/v2/tasks/${task.id}`, { body: { userId: task.userId, status: 'SKIPPED' } });
    expect(bad.status).toBe(400);
  });
});

describe('engagement events', () => {
  const event = (eventId: string, extra: Record<string, unknown> = { person: { email: 'pat@buyer.example' } }) => ({
    eventId, timestamp: '2025-05-20T10:00:00Z', eventType: 'page viewed', content: { contentTitle: 'Pricing page', contentUrl: 'https://seller.example/pricing' }, ...extra,
  });

  it('records a digital interaction once; a replayed eventId is a 409', async () => {
    expect((await api(sb, 'POST', '/v2/digital-interaction', { body: event('ev-1') })).status).toBe(200);
    const replay = await api(sb, 'POST', '/v2/digital-interaction', { body: event('ev-1') });
    expect(replay.status).toBe(409);
    expect(replay.json.errors).toEqual(['Event was already reported in the past']);
    expect(sb.writes().applied.addDigitalInteraction).toBe(1);
    expect(sb.writes().replayed.addDigitalInteraction).toBe(1);
  });

  it('needs exactly one of person and trackingId, and contentTitle', async () => {
    expect((await api(sb, 'POST', '/v2/digital-interaction', { body: event('ev-2', { person: { email: 'a@b.example' }, trackingId: 't1' }) })).status).toBe(400);
    expect((await api(sb, 'POST', '/v2/digital-interaction', { body: event('ev-3', {}) })).status).toBe(400);
    const noTitle = await api(sb, 'POST', '/v2/digital-interaction', { body: { ...event('ev-4'), content: {} } });
    expect(noTitle.json.errors).toEqual(['content.contentTitle is required']);
  });

  it('accepts the legacy engagement PUTs and dedupes their eventId', async () => {
    const body = { reportingSystem: 'Docs', eventTimestamp: '2025-05-20T10:00:00Z', eventId: 'legacy-1', contentId: 'd1', contentUrl: 'https://docs.example/d1', contentTitle: 'Proposal', viewer: { email: 'pat@buyer.example' } };
    expect((await api(sb, 'PUT', '/v2/customer-engagement/content/viewed', { body })).status).toBe(200);
    expect((await api(sb, 'PUT', '/v2/customer-engagement/content/viewed', { body })).status).toBe(409);
    expect((await api(sb, 'PUT', '/v2/customer-engagement/action', { body: { reportingSystem: 'Docs', eventTimestamp: '2025-05-20T10:00:00Z', actionName: 'Signed' } })).status).toBe(200);
    expect((await api(sb, 'PUT', '/v2/customer-engagement/content/shared', { body: { reportingSystem: 'Docs' } })).status).toBe(400);
  });
});

describe('meetings', () => {
  it('creates, updates and deletes a meeting; checks organizers', async () => {
    const organizer = role('ae');
    const body = { startTime: '2025-06-03T15:00:00Z', endTime: '2025-06-03T15:30:00Z', title: 'Demo', invitees: [{ email: 'pat@buyer.example' }], organizerEmail: organizer.emailAddress };
    const created = await api(sb, 'POST', '/v2/meetings', { body });
    expect(created.status).toBe(200);
    const id = created.json.meetingId as string;
    expect((await api(sb, 'PUT', `/v2/meetings/${id}`, { body: { ...body, title: 'Demo v2' } })).status).toBe(200);
    const wrongOrganizer = await api(sb, 'DELETE', `/v2/meetings/${id}`, { body: { organizerEmail: 'someone@else.example' } });
    expect(wrongOrganizer.status).toBe(404);
    expect(wrongOrganizer.json.errors).toEqual(['No Gong meeting found corresponding to the provided organizer email']);
    expect((await api(sb, 'DELETE', `/v2/meetings/${id}`, { body: { organizerEmail: organizer.emailAddress } })).status).toBe(200);
    expect((await api(sb, 'PUT', `/v2/meetings/${id}`, { body })).status).toBe(404);
    const stranger = await api(sb, 'POST', '/v2/meetings', { body: { ...body, organizerEmail: 'nobody@nowhere.example' } });
    expect(stranger.json.errors).toEqual(['No Gong user found corresponding to the provided organizer email']);
    const tooMany = await api(sb, 'POST', '/v2/meetings/integration/status', { body: { emails: Array.from({ length: 101 }, (_, i) => `u${i}@x.example`) } });
    expect(tooMany.status).toBe(400);
  });
});

describe('CRM integration', () => {
  it('registers one integration at a time, deletes with a single-use clientRequestId, uploads LDJSON and reports status', async () => {
    const existing = sb.data.crmIntegration.integrationId;
    const owner = sb.data.users.find((u) => u.role === 'revops') as SandboxUser;
    expect((await api(sb, 'PUT', '/v2/crm/integrations', { body: { ownerEmail: owner.emailAddress, name: 'Second' } })).status).toBe(409);
    const del = await api(sb, 'DELETE', '/v2/crm/integrations', { query: { integrationId: existing, clientRequestId: 'del-1' } });
    expect(del.status).toBe(201);
    expect(del.json.clientRequestId).toBe('del-1');
    expect((await api(sb, 'GET', '/v2/crm/integrations')).json.integrations).toEqual([]);
    const registered = await api(sb, 'PUT', '/v2/crm/integrations', { body: { ownerEmail: owner.emailAddress, name: 'Second' } });
    expect(registered.status).toBe(200);
    const integrationId = /"integrationId":(\d+)/.exec(registered.text)?.[1] as string;
    expect(integrationId).toMatch(/^\d{19}$/);
    expect((await api(sb, 'DELETE', '/v2/crm/integrations', { query: { integrationId, clientRequestId: 'del-1' } })).status).toBe(409);

    const lines = [
      JSON.stringify({ objectId: 'acct-1', Name: 'Acme', lastModified: '2025-05-01T10:00:00Z' }),
      JSON.stringify({ Name: 'no id' }),
      '{not json',
      JSON.stringify({ objectId: 'acct-2', Name: 'Beta', lastModified: '2025-05-01T10:00:00.123Z' }),
      JSON.stringify({ objectId: 'acct-3', Name: 'Gamma' }),
    ].join('\n');
    const file = multipart('dataFile', 'accounts.ldjson', Buffer.from(lines));
    const up = await api(sb, 'POST', '/v2/crm/entities', { query: { integrationId, objectType: 'ACCOUNT', clientRequestId: 'up-1' }, raw: file.body, headers: { 'content-type': file.contentType } });
    expect(up.status).toBe(201);
    const status = (await api(sb, 'GET', '/v2/crm/request-status', { query: { integrationId, clientRequestId: 'up-1' } })).json;
    expect(status.status).toBe('IN_PROGRESS');
    const final = (await api(sb, 'GET', '/v2/crm/request-status', { query: { integrationId, clientRequestId: 'up-1' } })).json;
    expect(final).toMatchObject({ status: 'DONE', totalSuccessCount: 2, totalErrorCount: 3 });
    expect(final.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);
    const objects = await api(sb, 'GET', '/v2/crm/entities', { query: { integrationId, objectType: 'ACCOUNT' }, body: ['acct-1', 'acct-2', 'acct-3'] });
    expect(objects.json.crmObjectsMap['acct-1']).toMatchObject({ Name: 'Acme' });
    expect(objects.json.crmObjectsMap['acct-2']).toBeNull();
    expect(objects.json.crmObjectsMap['acct-3']).toMatchObject({ Name: 'Gamma' });

    const fields = [{ uniqueName: 'Tier', label: 'Tier', type: 'PICKLIST', orderedValueList: ['Gold', 'Silver'] }];
    expect((await api(sb, 'POST', '/v2/crm/entity-schema', { query: { integrationId, objectType: 'ACCOUNT' }, body: fields })).status).toBe(201);
    const schema = await api(sb, 'GET', '/v2/crm/entity-schema', { query: { integrationId, objectType: 'ACCOUNT' } });
    expect(schema.json.objectTypeToSelectedFields.ACCOUNT).toEqual(fields);
  });
});

describe('data privacy, permission profiles, integration settings', () => {
  it('erases an email address: later lookups find nothing', async () => {
    const contact = sb.data.calls.find((c) => c.parties.some((p) => p.affiliation === 'External'))?.parties.find((p) => p.affiliation === 'External');
    const email = contact?.emailAddress as string;
    const before = await api(sb, 'GET', '/v2/data-privacy/data-for-email-address', { query: { emailAddress: email } });
    expect(before.json.calls.length).toBeGreaterThan(0);
    expect(before.json.customerData[0].objects.length).toBeGreaterThan(0);
    expect((await api(sb, 'POST', '/v2/data-privacy/erase-data-for-email-address', { query: { emailAddress: email } })).status).toBe(200);
    const after = await api(sb, 'GET', '/v2/data-privacy/data-for-email-address', { query: { emailAddress: email } });
    expect(after.json).toMatchObject({ emails: [], calls: [], meetings: [], customerData: [], customerEngagement: [] });
  });

  it('creates, updates and lists permission profiles (422 on a duplicate name)', async () => {
    const ws = sb.data.workspaces[0]?.id as string;
    const created = await api(sb, 'POST', '/v2/permission-profile', { query: { workspaceId: ws }, body: { name: 'Auditors', scoreCalls: false } });
    expect(created.status).toBe(200);
    expect((await api(sb, 'POST', '/v2/permission-profile', { query: { workspaceId: ws }, body: { name: 'Auditors' } })).status).toBe(422);
    const id = created.json.profile.id as string;
    const updated = await api(sb, 'PUT', '/v2/permission-profile', { query: { profileId: id }, body: { scoreCalls: true, description: 'Read-only auditors' } });
    expect(updated.json.profile).toMatchObject({ id, name: 'Auditors', scoreCalls: true, description: 'Read-only auditors' });
    const all = await api(sb, 'GET', '/v2/all-permission-profiles', { query: { workspaceId: ws } });
    const names = all.json.profiles.map((p: { name: string }) => p.name);
    expect(names).toContain('Auditors');
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it('stores integration settings, rejecting origins that are not https origins', async () => {
    expect((await api(sb, 'POST', '/v2/integration-settings', { body: { integrationTypeSettings: [{ integrationType: 'EMAIL_COMPOSER', allowedOrigin: 'https://mail.example' }] } })).status).toBe(200);
    expect((await api(sb, 'POST', '/v2/integration-settings', { body: { integrationTypeSettings: [{ integrationType: 'DIALER', allowedOrigin: 'http://x.example/path' }] } })).status).toBe(400);
  });
});
