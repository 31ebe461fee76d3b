// Gong Engage flows: listing (flows, folders under `flowsFolders`), steps, prospect lookups, assignment
// with Gong's partial-success answer, asynchronous bulk assignment, and the two unassign calls with
// their different failure rules (by CRM id: unknown → []; by instance id: one unknown id → 400).
import { COOL_OFF_DAYS } from '../data/engage.js';
import type { Flow, FlowFolder, FlowInstance, SandboxUser } from '../data/types.js';
import { badRequest, notFound } from '../errors.js';
import type { Route, RouteContext } from '../router.js';
import { arr, bool, int, obj, str } from '../schema.js';
import type { BulkAssignment, SandboxState } from '../state.js';
import { DAY_MS, formatCompanyTime } from '../time.js';
import { bodyOf, fullName, type Json } from './common.js';

const ASSIGN_CAP = 100;
const BULK_CAP = 50;
const UNASSIGN_CAP = 200;
const STEPS_CAP = 20;

const isOpen = (i: FlowInstance) => i.status === 'Pending' || i.status === 'Running' || i.status === 'Paused';

function flowView(f: Flow): Json {
  return { id: f.id, name: f.name, folderId: f.folderId, folderName: f.folderName, visibility: f.visibility, creationDate: f.creationDate, exclusive: f.exclusive };
}

function folderView(f: FlowFolder): Json {
  return { id: f.id, name: f.name, parentFolderId: f.parentFolderId, createdById: f.createdById, visibility: f.visibility };
}

function assignedView(state: SandboxState, i: FlowInstance): Json {
  const flow = state.flowsById.get(i.flowId);
  const owner = state.usersById.get(i.ownerUserId);
  return {
    flowId: i.flowId,
    flowName: flow?.name ?? '',
    crmProspectId: i.crmProspectId,
    flowInstanceId: i.flowInstanceId,
    flowInstanceOwnerEmail: owner?.emailAddress ?? '',
    flowInstanceOwnerFullName: owner ? fullName(owner) : '',
    flowInstanceCreateDate: formatCompanyTime(i.createdMs),
    flowInstanceStatus: i.status,
    workspaceId: flow?.workspaceId ?? '',
    exclusive: flow?.exclusive ?? false,
  };
}

function userByEmailOr400(state: SandboxState, email: unknown, field: string): SandboxUser {
  const user = typeof email === 'string' ? state.userByEmail(email) : undefined;
  if (!user) throw badRequest(`${field} ${String(email)} does not belong to a Gong user`);
  return user;
}

function flowOr404(state: SandboxState, id: unknown): Flow {
  const flow = state.flowsById.get(String(id));
  if (!flow) throw notFound('Flow not found');
  return flow;
}

/** Company and shared flows/folders, plus the personal ones of this user. */
function visibleTo<T extends { visibility: string }>(items: readonly T[], owner: (t: T) => string, user: SandboxUser): T[] {
  return items.filter((f) => f.visibility !== 'Personal' || owner(f) === user.id);
}

/** Why a prospect cannot join a flow now, or undefined when it can. */
function assignBlocker(state: SandboxState, crmId: string, flow: Flow, coolOffOverride: boolean, now: number): { errorCode: string; errorMessage: string } | undefined {
  if (!state.prospects.has(crmId)) return { errorCode: 'InvalidArgument', errorMessage: `Prospect ${crmId} was not found in the CRM` };
  const mine = [...state.flowInstances.values()].filter((i) => i.crmProspectId === crmId);
  if (mine.some((i) => isOpen(i) && i.flowId === flow.id)) return { errorCode: 'InvalidState', errorMessage: 'Prospect is already assigned to this flow' };
  if (flow.exclusive && mine.some((i) => isOpen(i) && state.flowsById.get(i.flowId)?.exclusive)) {
    return { errorCode: 'InvalidState', errorMessage: 'Prospect is already active in another exclusive flow' };
  }
  const cooling = mine.some((i) => !i.unassigned && i.finishedMs !== undefined && now - i.finishedMs < COOL_OFF_DAYS * DAY_MS);
  if (cooling && !coolOffOverride) {
    return { errorCode: 'InvalidState', errorMessage: `Prospect finished a flow less than ${COOL_OFF_DAYS} days ago (cool-off); set overrides.coolOffOverride to assign anyway` };
  }
  return undefined;
}

function startInstance(state: SandboxState, crmId: string, flow: Flow, owner: SandboxUser, now: number): FlowInstance {
  const inst: FlowInstance = { flowInstanceId: state.ids.id19(), flowId: flow.id, crmProspectId: crmId, ownerUserId: owner.id, createdMs: now, status: 'Running' };
  state.flowInstances.set(inst.flowInstanceId, inst);
  return inst;
}

function unassign(inst: FlowInstance, now: number): void {
  inst.status = 'Finished';
  inst.finishedMs = now;
  inst.unassigned = true;
}

const assignSchema = obj({
  crmProspectsIds: arr(str()),
  flowId: str(),
  flowInstanceOwnerEmail: str(),
  overrides: obj({
    steps: arr(obj({ number: int(), subject: str(), body: str() }, ['number'])),
    flowInstanceVariables: arr(obj({ name: str(), value: str() }, ['name', 'value'])),
    coolOffOverride: bool(),
  }),
  flowInstanceDescription: str(),
}, ['crmProspectsIds', 'flowId', 'flowInstanceOwnerEmail']);

function assign(ctx: RouteContext, forceCoolOff: boolean) {
  const body = bodyOf(ctx);
  const { state } = ctx;
  const ids = [...new Set((body.crmProspectsIds as unknown[]).map(String))];
  if (ids.length > ASSIGN_CAP) throw badRequest(`crmProspectsIds must contain at most ${ASSIGN_CAP} ids; got ${ids.length}`);
  const flow = flowOr404(state, body.flowId);
  const owner = userByEmailOr400(state, body.flowInstanceOwnerEmail, 'flowInstanceOwnerEmail');
  const overrides = (body.overrides ?? {}) as Json;
  for (const s of (overrides.steps as Json[] | undefined) ?? []) {
    if (!flow.steps.some((step) => step.stepOrder === s.number)) throw badRequest(`overrides.steps: flow ${flow.id} has no step number ${String(s.number)}`);
  }
  const now = ctx.now();
  const prospectsAssigned: Json[] = [];
  const prospectsNotAssigned: Json[] = [];
  for (const crmId of ids) {
    const blocker = assignBlocker(state, crmId, flow, forceCoolOff || overrides.coolOffOverride === true, now);
    if (blocker) prospectsNotAssigned.push({ flowId: flow.id, crmProspectId: crmId, ...blocker });
    else prospectsAssigned.push(assignedView(state, startInstance(state, crmId, flow, owner, now)));
  }
  if (prospectsAssigned.length > 0) state.applied(ctx.operationId);
  return { body: { prospectsAssigned, prospectsNotAssigned } };
}

function bulkView(b: BulkAssignment): Json {
  // Progress is revealed over successive polls: PENDING at submit, IN_PROGRESS at the first poll, then COMPLETED.
  const processed = b.polls === 0 ? 0 : b.polls === 1 ? Math.ceil(b.totalCount / 2) : b.totalCount;
  const done = b.results.slice(0, processed);
  const success = done.filter((r) => r.status === 'ASSIGNED').length;
  return {
    id: b.id,
    status: b.polls === 0 ? 'PENDING' : processed < b.totalCount ? 'IN_PROGRESS' : 'COMPLETED',
    totalCount: b.totalCount,
    processedCount: processed,
    successCount: success,
    failedCount: done.length - success,
    results: done,
  };
}

export const flowRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/flows', operationId: 'listFlows', scope: 'api:flows:read', cache: true,
    query: [{ name: 'flowOwnerEmail', required: true }, { name: 'cursor' }, { name: 'workspaceId' }, { name: 'folderId' }, { name: 'mostRecentlyAssigned', type: 'boolean' }],
    handle(ctx) {
      const { state } = ctx;
      const user = userByEmailOr400(state, ctx.query.get('flowOwnerEmail'), 'flowOwnerEmail');
      const ws = ctx.query.get('workspaceId') || undefined;
      const folder = ctx.query.get('folderId') || undefined;
      let flows = visibleTo(state.data.flows, (f) => f.ownerUserId, user).filter((f) => (ws === undefined || f.workspaceId === ws) && (folder === undefined || f.folderId === folder));
      if (ctx.query.get('mostRecentlyAssigned') === 'true') {
        // The flows this user assigned prospects to most recently, at most 20.
        const last = new Map<string, number>();
        for (const i of state.flowInstances.values()) if (i.ownerUserId === user.id) last.set(i.flowId, Math.max(last.get(i.flowId) ?? 0, i.createdMs));
        flows = flows.filter((f) => last.has(f.id)).sort((a, b) => (last.get(b.id) ?? 0) - (last.get(a.id) ?? 0)).slice(0, 20);
      }
      const page = ctx.pager.page(ctx.operationId, flows, ctx.query.get('cursor') ?? undefined);
      return { body: { records: page.records, flows: page.items.map(flowView) } };
    },
  },
  {
    method: 'GET', path: '/v2/flows/folders', operationId: 'listFlowsFolders', scope: 'api:flows:read', cache: true,
    query: [{ name: 'flowFolderOwnerEmail', required: true }, { name: 'cursor' }, { name: 'parentId', type: 'int64' }, { name: 'workspaceId' }],
    handle(ctx) {
      const { state } = ctx;
      const user = userByEmailOr400(state, ctx.query.get('flowFolderOwnerEmail'), 'flowFolderOwnerEmail');
      const ws = ctx.query.get('workspaceId') || undefined;
      const parent = ctx.query.get('parentId') || undefined;
      const folders = visibleTo(state.data.flowFolders, (f) => f.createdById, user)
        .filter((f) => (ws === undefined || f.workspaceId === ws) && (parent === undefined || f.id === parent || f.parentFolderId === parent));
      const page = ctx.pager.page(ctx.operationId, folders, ctx.query.get('cursor') ?? undefined);
      // Live Gong answers under `flowsFolders` (the spec says `flows`).
      return { body: { records: page.records, flowsFolders: page.items.map(folderView) } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/steps', operationId: 'getFlowSteps', scope: 'api:flows:read', body: 'json', cache: true,
    schema: obj({ flowIds: arr(str()) }),
    handle(ctx) {
      const ids = ((bodyOf(ctx).flowIds as unknown[] | undefined) ?? []).map(String);
      if (ids.length === 0) throw badRequest('flowIds is required');
      if (ids.length > STEPS_CAP) throw badRequest(`flowIds must contain at most ${STEPS_CAP} ids; got ${ids.length}`);
      const flows = ids.map((id) => {
        const f = ctx.state.flowsById.get(id);
        if (!f) throw notFound(`Flow not found: flowId=${id}`);
        return { ...flowView(f), description: f.description, steps: f.steps };
      });
      return { body: { flows } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects', operationId: 'getProspectsAssignedFlows', scope: 'api:flows:read', body: 'json',
    schema: obj({ crmProspectsIds: arr(str()), flowInstanceIds: arr(str()) }),
    handle(ctx) {
      const body = bodyOf(ctx);
      const byCrm = Array.isArray(body.crmProspectsIds) ? new Set(body.crmProspectsIds.map(String)) : undefined;
      const byInstance = Array.isArray(body.flowInstanceIds) ? new Set(body.flowInstanceIds.map(String)) : undefined;
      if (!byCrm === !byInstance) throw badRequest('Provide either crmProspectsIds or flowInstanceIds');
      const all = [...ctx.state.flowInstances.values()];
      // By CRM id: open instances only; by instance id: any status, finished included.
      const found = byCrm ? all.filter((i) => byCrm.has(i.crmProspectId) && isOpen(i)) : all.filter((i) => byInstance?.has(i.flowInstanceId));
      return { body: { prospectsAssigned: found.map((i) => assignedView(ctx.state, i)) } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects/assign', operationId: 'assignProspects', scope: 'api:flows:write', body: 'json', schema: assignSchema,
    handle: (ctx) => assign(ctx, false),
  },
  {
    // Deprecated by Gong in favour of assign with overrides.coolOffOverride; same body and answer.
    method: 'POST', path: '/v2/flows/prospects/assign/cool-off-override', operationId: 'assignProspectsCoolOffOverrides', scope: 'api:flows:write', body: 'json', schema: assignSchema,
    handle: (ctx) => assign(ctx, true),
  },
  {
    method: 'POST', path: '/v2/flows/prospects/bulk-assignments', operationId: 'submitFlowProspectsBulkAssignment', scope: 'api:flows:write', body: 'json',
    schema: obj({
      flowInstanceOwnerEmail: str(),
      flowId: str(),
      prospects: arr(obj({
        firstName: str(), lastName: str(), email: str(), jobTitle: str(), linkedInUrl: str(), crmId: str(), accountCrmId: str(), companyName: str(),
      })),
    }, ['flowInstanceOwnerEmail', 'flowId', 'prospects']),
    handle(ctx) {
      const body = bodyOf(ctx);
      const { state } = ctx;
      const prospects = body.prospects as Json[];
      if (prospects.length > BULK_CAP) throw badRequest(`prospects must contain at most ${BULK_CAP} entries; got ${prospects.length}`);
      prospects.forEach((p, i) => {
        if (typeof p.crmId !== 'string' && (typeof p.firstName !== 'string' || typeof p.lastName !== 'string')) {
          throw badRequest(`prospects[${i}]: firstName and lastName are required when crmId is missing`);
        }
      });
      const flow = flowOr404(state, body.flowId);
      const owner = userByEmailOr400(state, body.flowInstanceOwnerEmail, 'flowInstanceOwnerEmail');
      const now = ctx.now();
      const results = prospects.map((p): BulkAssignment['results'][number] => {
        let crmId = typeof p.crmId === 'string' ? p.crmId : undefined;
        if (crmId === undefined) {
          // Without a CRM id Gong creates the lead first.
          crmId = state.ids.crm('00Q');
          const accountName = typeof p.companyName === 'string' ? p.companyName : '';
          state.prospects.set(crmId, {
            contact: {
              crmId, type: 'LEAD', firstName: String(p.firstName), lastName: String(p.lastName), email: typeof p.email === 'string' ? p.email : '',
              title: typeof p.jobTitle === 'string' ? p.jobTitle : '', phoneNumber: '', accountCrmId: typeof p.accountCrmId === 'string' ? p.accountCrmId : '',
            },
            accountName,
            workspaceId: flow.workspaceId,
          });
        } else if (!state.prospects.has(crmId)) {
          return { prospect: p, status: 'CRM_OPERATION_FAILED', crmId, errorCode: 'NotFound', errorMessage: `CRM record ${crmId} was not found` };
        }
        const blocker = assignBlocker(state, crmId, flow, false, now);
        if (blocker) return { prospect: p, status: 'FLOW_ASSIGNMENT_FAILED', crmId, ...blocker };
        const inst = startInstance(state, crmId, flow, owner, now);
        return { prospect: p, status: 'ASSIGNED', crmId, flowInstanceId: inst.flowInstanceId };
      });
      const bulk: BulkAssignment = { id: state.ids.id19(), submittedAt: now, polls: 0, totalCount: prospects.length, results };
      state.bulkAssignments.set(bulk.id, bulk);
      state.applied(ctx.operationId);
      return { status: 202, body: bulkView(bulk) };
    },
  },
  {
    method: 'GET', path: '/v2/flows/prospects/bulk-assignments/{id}', operationId: 'getFlowProspectsBulkAssignment', scope: 'api:flows:read',
    handle(ctx) {
      const id = ctx.params.id as string;
      const bulk = ctx.state.bulkAssignments.get(id);
      if (!bulk) throw notFound(`Flow prospects bulk assignment ${id} not found`);
      bulk.polls++;
      return { body: bulkView(bulk) };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-crm-id', operationId: 'unassignProspectFlows', scope: 'api:flows:write', body: 'json',
    schema: obj({ crmProspectId: str(), flowId: str(), unassignedByUserEmail: str() }, ['crmProspectId']),
    handle(ctx) {
      const body = bodyOf(ctx);
      const crmId = String(body.crmProspectId);
      const flowId = typeof body.flowId === 'string' ? body.flowId : undefined;
      const now = ctx.now();
      const removed: string[] = [];
      for (const i of ctx.state.flowInstances.values()) {
        if (i.crmProspectId === crmId && isOpen(i) && (flowId === undefined || i.flowId === flowId)) {
          unassign(i, now);
          removed.push(i.flowInstanceId);
        }
      }
      if (removed.length > 0) ctx.state.applied(ctx.operationId);
      return { body: { unassignedFlowInstanceIds: removed } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id', operationId: 'unassignFlows', scope: 'api:flows:write', body: 'json',
    schema: obj({ flowInstanceIds: arr(str()), unassignedByUserEmail: str() }, ['flowInstanceIds']),
    handle(ctx) {
      const ids = [...new Set((bodyOf(ctx).flowInstanceIds as unknown[]).map(String))];
      if (ids.length > UNASSIGN_CAP) throw badRequest(`flowInstanceIds must contain at most ${UNASSIGN_CAP} ids; got ${ids.length}`);
      const instances = ids.map((id) => ctx.state.flowInstances.get(id));
      // One unknown id fails the whole request, before anything changes.
      if (instances.some((i) => i === undefined)) throw badRequest('One or more of the given flowInstanceIds does not exist');
      const now = ctx.now();
      const removed: string[] = [];
      for (const i of instances as FlowInstance[]) {
        if (!isOpen(i)) continue;
        unassign(i, now);
        removed.push(i.flowInstanceId);
      }
      if (removed.length > 0) ctx.state.applied(ctx.operationId);
      return { body: { unassignedFlowInstanceIds: removed } };
    },
  },
];
