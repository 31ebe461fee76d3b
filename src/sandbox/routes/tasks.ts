// Engage tasks: the list is a POST with required filter arrays and a Gong user id (not an email);
// PATCH changes status (OPEN, DONE, DISMISSED), due date or priority, on behalf of the task's owner.
import type { Task } from '../data/types.js';
import { badRequest, GongHttpError, notFound } from '../errors.js';
import type { Route } from '../router.js';
import { arr, enumOf, obj, str } from '../schema.js';
import type { SandboxState } from '../state.js';
import { formatCompanyTime, parseDateTime } from '../time.js';
import { bodyOf, int64, type Json } from './common.js';

function contactView(state: SandboxState, crmId: string): Json | undefined {
  const p = state.prospects.get(crmId);
  if (!p) return undefined;
  const c = p.contact;
  return {
    crmId: c.crmId,
    type: c.type,
    data: {
      firstName: c.firstName,
      lastName: c.lastName,
      crmUrl: `https://sandbox.my.salesforce.example/${c.crmId}`,
      companyName: p.accountName,
      affiliation: 'Them',
      emails: c.email ? [{ email: c.email }] : [],
      title: c.title,
      timezone: 'America/New_York',
      phoneNumbers: c.phoneNumber ? [{ raw: c.phoneNumber, normalized: c.phoneNumber.replace(/[^+\d]/g, ''), label: 'work', isVerified: false }] : [],
      optOutChannels: [],
    },
  };
}

function taskView(state: SandboxState, t: Task): Json {
  const account = state.data.accounts.find((a) => a.crmId === t.accountCrmId);
  const out: Json = {
    id: int64(t.id),
    userId: int64(t.userId),
    created: formatCompanyTime(t.createdMs),
    updated: formatCompanyTime(t.updatedMs),
    status: t.status,
    type: t.type,
    actions: ['CALL'],
    dueDate: formatCompanyTime(t.dueMs),
    priority: { id: int64(t.priority.id), name: t.priority.name, weight: t.priority.weight },
    additionalContacts: [],
  };
  if (account) out.account = { crmId: account.crmId, name: account.name, crmUrl: `https://sandbox.my.salesforce.example/${account.crmId}` };
  const opp = account?.opportunities.find((o) => o.crmId === t.opportunityCrmId);
  if (opp) {
    out.opportunity = {
      crmId: opp.crmId, name: opp.name, crmUrl: `https://sandbox.my.salesforce.example/${opp.crmId}`, status: opp.stage.startsWith('Closed') ? 'Closed' : 'Open',
      stage: opp.stage, amount: String(opp.amount), probability: String(opp.probability), closeDate: opp.closeDate,
    };
  }
  const contact = contactView(state, t.contactCrmId);
  if (contact) out.contact = contact;
  if (t.title !== undefined) out.title = t.title;
  const flow = t.flowId === undefined ? undefined : state.flowsById.get(t.flowId);
  const step = flow?.steps.find((s) => s.id === t.stepId);
  if (flow && step) out.flow = { id: int64(flow.id), name: flow.name, step: { id: int64(step.id), name: `Step ${step.stepOrder}: Call`, stepNumber: step.stepOrder } };
  return out;
}

export const taskRoutes: Route[] = [
  {
    method: 'POST', path: '/v2/tasks', operationId: 'listTasks', scope: 'api:tasks:read', body: 'json', cache: true,
    schema: obj({
      filter: obj({
        userId: str(),
        workspaceId: str(),
        types: arr(enumOf('FLOW', 'MANUAL')),
        taskAction: arr(enumOf('CALL')),
        status: arr(enumOf('OPEN', 'DONE', 'DISMISSED')),
      }, ['userId', 'types', 'taskAction', 'status']),
    }, ['filter']),
    handle(ctx) {
      const f = bodyOf(ctx).filter as Json;
      const userId = String(f.userId);
      if (!ctx.state.usersById.has(userId)) throw badRequest(`userId ${userId} is not a Gong user id`);
      const types = f.types as string[];
      const statuses = f.status as string[];
      const ws = typeof f.workspaceId === 'string' && f.workspaceId !== '' ? f.workspaceId : undefined;
      const tasks = [...ctx.state.tasks.values()]
        .filter((t) => t.userId === userId && types.includes(t.type) && statuses.includes(t.status) && (ws === undefined || t.workspaceId === ws))
        .sort((a, b) => a.dueMs - b.dueMs);
      return { body: { tasks: tasks.map((t) => taskView(ctx.state, t)), crmType: 'SALESFORCE' } };
    },
  },
  {
    method: 'PATCH', path: '/v2/tasks/{taskId}', operationId: 'updateReminder', scope: 'api:tasks:write', body: 'json',
    schema: obj({ userId: str(), status: enumOf('OPEN', 'DONE', 'DISMISSED'), dueDate: str(), priority: str() }, ['userId']),
    handle(ctx) {
      const id = ctx.params.taskId as string;
      if (!/^\d{1,20}$/.test(id)) throw badRequest('taskId must be a number');
      const task = ctx.state.tasks.get(id);
      if (!task) throw notFound('TaskId not found');
      const body = bodyOf(ctx);
      if (String(body.userId) !== task.userId) throw new GongHttpError(403, ['Access denied']);
      if (typeof body.dueDate === 'string') {
        const due = parseDateTime(body.dueDate);
        if (due === undefined) throw badRequest('dueDate must be an ISO-8601 date-time');
        task.dueMs = due;
      }
      if (typeof body.priority === 'string') {
        const p = ctx.state.data.tasks.map((t) => t.priority).find((x) => x.name.toLowerCase() === String(body.priority).toLowerCase() || x.id === body.priority);
        if (!p) throw badRequest(`priority ${String(body.priority)} is unknown`);
        task.priority = { ...p };
      }
      if (typeof body.status === 'string') task.status = body.status as Task['status'];
      task.updatedMs = ctx.now();
      ctx.state.applied(ctx.operationId);
      return { body: { tasks: [taskView(ctx.state, task)], crmType: 'SALESFORCE' } };
    },
  },
];
