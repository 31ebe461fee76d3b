// Gong Engage: flow folders (top-level ones carry the string "null" as parent, like live Gong), flows
// with steps, the flow instances prospects are in, and the to-do tasks those flows create.
import type { IdFactory, Random } from '../random.js';
import { formatCompanyTime, DAY_MS } from '../time.js';
import type { CrmAccount, Flow, FlowFolder, FlowInstance, FlowInstanceStatus, FlowStep, SandboxUser, Task, Workspace } from './types.js';

/** Days after a finished flow during which a prospect cannot be re-assigned without `coolOffOverride`. */
export const COOL_OFF_DAYS = 30;

const STEP_PLAN: ReadonlyArray<FlowStep['action']> = [
  'AUTO_SEND_EMAIL', 'CALL', 'LINKEDIN_CONNECT', 'SEND_EMAIL', 'CALL', 'LINKEDIN_MESSAGE', 'SEND_EMAIL', 'CUSTOM',
];

const EMAIL_SUBJECTS = [
  'Quick question about reporting at {{account.name}}', 'Re: Quick question about reporting', 'Forecasting without the spreadsheets',
  'Idea for {{account.name}}', 'Worth a conversation?', 'Closing the loop',
];

function steps(rng: Random, ids: IdFactory, count: number): FlowStep[] {
  return Array.from({ length: count }, (_, i): FlowStep => {
    const action = STEP_PLAN[i % STEP_PLAN.length] as FlowStep['action'];
    const step: FlowStep = { id: ids.id19(), stepOrder: i + 1, action, isReply: action === 'SEND_EMAIL' && i > 0 };
    if (action === 'AUTO_SEND_EMAIL' || action === 'SEND_EMAIL') {
      step.subject = rng.pick(EMAIL_SUBJECTS);
      step.body = 'Hi {{contact.first_name}},\n\nTeams like yours often tell us the weekly forecast takes days to assemble. ' +
        'We help revenue teams see one trusted number, live from the CRM.\n\nWorth a 20-minute call next week?\n\n{{sender.first_name}}';
    }
    return step;
  });
}

export interface EngageData {
  flowFolders: FlowFolder[];
  flows: Flow[];
  flowInstances: FlowInstance[];
  tasks: Task[];
}

export function generateEngage(
  rng: Random,
  ids: IdFactory,
  anchorMs: number,
  workspaces: readonly Workspace[],
  users: readonly SandboxUser[],
  accounts: readonly CrmAccount[],
): EngageData {
  const [na, emea, cs] = workspaces as [Workspace, Workspace, Workspace];
  const revops = users.find((u) => u.role === 'revops') ?? (users[0] as SandboxUser);
  const flowFolders: FlowFolder[] = [];
  const folder = (name: string, parent: string, owner: SandboxUser, visibility: FlowFolder['visibility'], ws: Workspace): FlowFolder => {
    const f: FlowFolder = { id: ids.id19(), name, parentFolderId: parent, createdById: owner.id, visibility, workspaceId: ws.id };
    flowFolders.push(f);
    return f;
  };
  const outbound = folder('Outbound Prospecting', 'null', revops, 'Company', na);
  const enterprise = folder('Enterprise', outbound.id, revops, 'Company', na);
  const midMarket = folder('Mid-Market', outbound.id, revops, 'Company', na);
  const inbound = folder('Inbound Leads', 'null', revops, 'Company', na);
  const events = folder('Events & Webinars', 'null', revops, 'Shared', na);
  const emeaFolder = folder('EMEA Outbound', 'null', revops, 'Company', emea);
  const expansion = folder('Customer Expansion', 'null', revops, 'Company', cs);

  const flows: Flow[] = [];
  const flow = (name: string, f: FlowFolder, owner: SandboxUser, exclusive: boolean, ws: Workspace): void => {
    flows.push({
      id: ids.id19(),
      name,
      folderId: f.id,
      folderName: f.name,
      visibility: f.visibility,
      creationDate: formatCompanyTime(anchorMs - rng.int(60, 700) * DAY_MS),
      exclusive,
      description: `${name} — ${f.visibility === 'Personal' ? 'personal sequence' : 'company sequence'} owned by ${owner.firstName} ${owner.lastName}`,
      steps: steps(rng, ids, rng.int(4, 8)),
      ownerUserId: owner.id,
      workspaceId: ws.id,
    });
  };
  flow('Enterprise Cold Outreach', enterprise, revops, true, na);
  flow('Enterprise Executive Sponsor', enterprise, revops, true, na);
  flow('Mid-Market Cold Outreach', midMarket, revops, true, na);
  flow('Mid-Market Re-engage Closed Lost', midMarket, revops, false, na);
  flow('Inbound Demo Request', inbound, revops, true, na);
  flow('Inbound Content Download', inbound, revops, false, na);
  flow('Webinar Follow-up', events, revops, false, na);
  flow('Trade Show Follow-up', events, revops, false, na);
  flow('EMEA Cold Outreach', emeaFolder, revops, true, emea);
  flow('EMEA Inbound Follow-up', emeaFolder, revops, false, emea);
  flow('Renewal Check-in', expansion, revops, false, cs);
  flow('Expansion Champion Outreach', expansion, revops, false, cs);
  for (const u of users.filter((x) => x.role === 'sdr' || (x.role === 'ae' && rng.chance(0.4)))) {
    const ws = workspaces.find((w) => w.id === u.workspaceId) ?? na;
    const personal = folder(`${u.firstName}'s Flows`, 'null', u, 'Personal', ws);
    flow(`${u.firstName} - Personal Follow-up`, personal, u, false, ws);
    if (rng.chance(0.5)) flow(`${u.firstName} - Referral Outreach`, personal, u, false, ws);
  }

  // Flow instances: prospects are CRM contacts/leads; owners are SDRs/AEs of the flow's workspace.
  const contacts = accounts.flatMap((a) => a.contacts.map((c) => ({ c, a })));
  const sellers = users.filter((u) => u.role === 'sdr' || u.role === 'ae' || u.role === 'csm');
  const flowInstances: FlowInstance[] = [];
  const openExclusive = new Set<string>();
  const statuses: ReadonlyArray<readonly [FlowInstanceStatus, number]> = [
    ['Running', 35], ['Pending', 5], ['Paused', 8], ['FinishedNoReply', 25], ['FinishedResponse', 15], ['Finished', 12],
  ];
  for (const { c, a } of rng.sample(contacts, 260)) {
    const candidates = flows.filter((f) => f.workspaceId === a.workspaceId || f.visibility === 'Shared');
    const f = rng.pick(candidates.length > 0 ? candidates : flows);
    const status = rng.weighted(statuses);
    const open = !status.startsWith('Finished');
    if (open && f.exclusive) {
      if (openExclusive.has(c.crmId)) continue;
      openExclusive.add(c.crmId);
    }
    const ownerPool = sellers.filter((u) => u.workspaceId === f.workspaceId && u.active);
    const owner = f.visibility === 'Personal' ? users.find((u) => u.id === f.ownerUserId) ?? rng.pick(sellers) : rng.pick(ownerPool.length > 0 ? ownerPool : sellers);
    const createdMs = anchorMs - rng.int(open ? 1 : 35, open ? 40 : 200) * DAY_MS - rng.int(0, 86_399_999);
    const inst: FlowInstance = { flowInstanceId: ids.id19(), flowId: f.id, crmProspectId: c.crmId, ownerUserId: owner.id, createdMs, status };
    // Some finished instances ended within the cool-off window.
    if (!open) inst.finishedMs = Math.min(anchorMs - DAY_MS, createdMs + rng.int(10, 40) * DAY_MS);
    flowInstances.push(inst);
  }

  const priorities = [
    { id: ids.id19(), name: 'High', weight: 3 },
    { id: ids.id19(), name: 'Medium', weight: 2 },
    { id: ids.id19(), name: 'Low', weight: 1 },
  ];
  const tasks: Task[] = [];
  const contactIndex = new Map(contacts.map((x) => [x.c.crmId, x]));
  for (const inst of flowInstances) {
    const f = flows.find((x) => x.id === inst.flowId) as Flow;
    const callSteps = f.steps.filter((s) => s.action === 'CALL');
    const entry = contactIndex.get(inst.crmProspectId);
    const step = callSteps[0];
    if (!entry || !step) continue;
    const open = inst.status === 'Running' || inst.status === 'Pending';
    const status: Task['status'] = open ? 'OPEN' : rng.chance(0.7) ? 'DONE' : 'DISMISSED';
    const createdMs = inst.createdMs + rng.int(1, 5) * DAY_MS;
    const owner = users.find((u) => u.id === inst.ownerUserId) as SandboxUser;
    const task: Task = {
      id: ids.id19(),
      userId: inst.ownerUserId,
      createdMs,
      updatedMs: createdMs + rng.int(0, 3) * DAY_MS,
      status,
      type: 'FLOW',
      dueMs: open ? anchorMs + rng.int(-3, 10) * DAY_MS : createdMs + DAY_MS,
      accountCrmId: entry.a.crmId,
      contactCrmId: entry.c.crmId,
      flowId: f.id,
      stepId: step.id,
      priority: rng.pick(priorities),
      workspaceId: owner.workspaceId,
    };
    const opp = entry.a.opportunities[0];
    if (opp) task.opportunityCrmId = opp.crmId;
    tasks.push(task);
  }
  for (const owner of sellers) {
    const n = rng.int(1, 4);
    const own = contacts.filter((x) => x.a.ownerUserId === owner.id);
    for (let i = 0; i < n; i++) {
      const { c, a } = rng.pick(own.length > 0 ? own : contacts);
      const createdMs = anchorMs - rng.int(1, 60) * DAY_MS;
      const status: Task['status'] = rng.weighted([['OPEN', 6], ['DONE', 3], ['DISMISSED', 1]] as const);
      tasks.push({
        id: ids.id19(),
        userId: owner.id,
        createdMs,
        updatedMs: createdMs,
        status,
        type: 'MANUAL',
        dueMs: createdMs + rng.int(1, 14) * DAY_MS,
        title: rng.pick([`Call ${c.firstName} about the proposal`, `Follow up with ${c.firstName} on pricing`, `Check in with ${c.firstName} after the demo`]),
        accountCrmId: a.crmId,
        contactCrmId: c.crmId,
        priority: rng.pick(priorities),
        workspaceId: owner.workspaceId,
      });
    }
  }
  return { flowFolders, flows, flowInstances, tasks };
}
