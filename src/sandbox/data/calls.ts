// The 2,000 calls of the 12 months before the anchor: metadata, parties, AI content, interaction
// stats, comments, CRM context and "who did what" activity. Transcripts are not built here — they are
// generated on demand from each call's segment plan (transcript.ts) to keep start-up fast.
import { KIND_PLANS, PHASE_TOPICS, STRUCTURE_BY_PHASE, type KindPlan } from './call-kinds.js';
import { COMPETITORS, FEATURES, PAIN_POINTS, SELLER } from './names.js';
import { hashSeed, Random, type IdFactory } from '../random.js';
import { companyDate, companyInstant, formatCompanyTime, DAY_MS } from '../time.js';
import { KEYWORD_TRACKERS, SMART_TRACKERS } from './settings.js';
import type {
  CallComment, CallContent, CallCrmObject, CallInteraction, CallKind, CallOutcomeSetting, CallSegment, CrmAccount,
  CrmContact, KeywordTracker, Party, SandboxCall, SandboxUser,
} from './types.js';

/** Calls in the 12 months unless the sandbox is asked for another number. */
export const CALL_COUNT = 2000;

export interface CallContext {
  seed: number;
  anchorMs: number;
  users: readonly SandboxUser[];
  accounts: readonly CrmAccount[];
  trackers: readonly KeywordTracker[];
  outcomes: readonly CallOutcomeSetting[];
  callCount: number;
}

const CONFERENCE_SYSTEMS = ['Zoom', 'Zoom', 'Zoom', 'Google Meet', 'Microsoft Teams'];
const PHONE_SYSTEMS = ['Gong Dialer', 'Aircall', 'Outreach'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** `$48,000` — by hand, because Intl formatting is slow enough to show up in start-up time. */
function dollars(n: number): string {
  return `$${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Defines `obj[key]` as an enumerable, memoised getter (serialised and compared like a plain field). */
function lazy<T extends object, K extends keyof T>(obj: T, key: K, build: () => T[K]): void {
  let value: T[K] | undefined;
  let built = false;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!built) {
        value = build();
        built = true;
      }
      return value as T[K];
    },
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Split the call into consecutive phase segments whose lengths follow the plan's shares (± jitter). */
function planSegments(rng: Random, plan: KindPlan, durationMs: number): CallSegment[] {
  const weights = plan.phases.map((p) => p.share * rng.float(0.8, 1.2));
  const total = weights.reduce((a, b) => a + b, 0);
  const segments: CallSegment[] = [];
  let t = 0;
  plan.phases.forEach((p, i) => {
    const end = i === plan.phases.length - 1 ? durationMs : Math.round(t + (durationMs * (weights[i] as number)) / total);
    segments.push({ phase: p.phase, topic: PHASE_TOPICS[p.phase] ?? null, startMs: t, endMs: end });
    t = end;
  });
  return segments;
}

function partyFromUser(ids: IdFactory, user: SandboxUser, speaking: boolean): Party {
  const party: Party = {
    id: ids.id19(),
    emailAddress: user.emailAddress,
    name: `${user.firstName} ${user.lastName}`,
    title: user.title,
    userId: user.id,
    affiliation: 'Internal',
    methods: ['Invitee', 'Attendee'],
  };
  if (speaking) party.speakerId = ids.id19();
  return party;
}

function partyFromContact(ids: IdFactory, contact: CrmContact, company: string, speaking: boolean, phone: boolean): Party {
  const party: Party = {
    id: ids.id19(),
    emailAddress: contact.email,
    name: `${contact.firstName} ${contact.lastName}`,
    title: contact.title,
    context: [{
      system: 'Salesforce',
      objects: [{
        objectType: contact.type === 'LEAD' ? 'Lead' : 'Contact',
        objectId: contact.crmId,
        fields: [{ name: 'Title', value: contact.title }, { name: 'Email', value: contact.email }, { name: 'Company', value: company }],
        timing: 'Now',
      }],
    }],
    affiliation: 'External',
    methods: speaking ? ['Invitee', 'Attendee'] : ['Invitee'],
  };
  if (phone) party.phoneNumber = contact.phoneNumber;
  if (speaking) party.speakerId = ids.id19();
  return party;
}

function pickUser(rng: Random, users: readonly SandboxUser[], roles: readonly string[], workspaceId: string | undefined, atMs: number, anchorMs: number): SandboxUser | undefined {
  // Departed users stop appearing on calls two months before the anchor.
  const eligible = users.filter((u) => roles.includes(u.role) && (u.active || atMs < anchorMs - 60 * DAY_MS));
  const local = workspaceId === undefined ? [] : eligible.filter((u) => u.workspaceId === workspaceId);
  const pool = local.length > 0 ? local : eligible;
  return pool.length > 0 ? rng.pick(pool) : undefined;
}

function buildContent(
  rng: Random,
  ctx: CallContext,
  kind: CallKind,
  segments: readonly CallSegment[],
  speakers: readonly Party[],
  vars: Record<string, string>,
): CallContent {
  const topics = new Map<string, number>();
  const structure: Array<{ name: string; duration: number }> = [];
  for (const s of segments) {
    const seconds = Math.round((s.endMs - s.startMs) / 1000);
    if (s.topic !== null) topics.set(s.topic, (topics.get(s.topic) ?? 0) + seconds);
    const name = STRUCTURE_BY_PHASE[s.phase] ?? 'Discussion';
    const last = structure[structure.length - 1];
    if (last && last.name === name) last.duration += seconds;
    else structure.push({ name, duration: seconds });
  }

  const durationSec = (segments[segments.length - 1]?.endMs ?? 0) / 1000;
  const occurrence = (within?: CallSegment) => {
    const seg = within ?? rng.pick(segments);
    const start = (seg.startMs + rng.next() * (seg.endMs - seg.startMs)) / 1000;
    return { startTime: Math.round(start * 100) / 100, speakerId: rng.pick(speakers).speakerId ?? '' };
  };
  const trackers: CallContent['trackers'] = [];
  if (speakers.length > 0 && kind !== 'no-connect') {
    const labelled = segments.filter((s) => s.topic !== null);
    ctx.trackers.forEach((t, i) => {
      const def = KEYWORD_TRACKERS[i];
      if (!def || !rng.chance(0.5)) return;
      const matching = labelled.filter((s) => s.topic === t.trackerName);
      const relevant = matching.length > 0 ? matching : labelled;
      const count = rng.int(1, Math.max(1, Math.min(6, Math.round(durationSec / 420))));
      const occurrences = Array.from({ length: count }, () => occurrence(relevant.length > 0 ? rng.pick(relevant) : undefined))
        .sort((a, b) => a.startTime - b.startTime);
      const phrases = new Map<string, typeof occurrences>();
      for (const o of occurrences) {
        const phrase = rng.pick(def.keywords);
        const list = phrases.get(phrase) ?? [];
        list.push(o);
        phrases.set(phrase, list);
      }
      trackers.push({
        id: t.trackerId,
        name: t.trackerName,
        count,
        type: 'KEYWORD',
        occurrences,
        phrases: [...phrases].map(([phrase, occ]) => ({ count: occ.length, occurrences: occ, phrase })),
      });
    });
    SMART_TRACKERS.forEach((name, i) => {
      if (!rng.chance(0.35)) return;
      const count = rng.int(1, 4);
      const occurrences = Array.from({ length: count }, () => occurrence()).sort((a, b) => a.startTime - b.startTime);
      trackers.push({ id: `7${String(hashSeed(ctx.seed, 'smart-tracker', i)).padStart(18, '0')}`, name, count, type: 'SMART', occurrences, phrases: [] });
    });
  }

  const kindLabel: Record<CallKind, string> = {
    'cold-call': 'a cold call', 'no-connect': 'an unanswered call', discovery: 'a discovery call', demo: 'a product demo',
    technical: 'a technical deep dive', negotiation: 'a commercial negotiation', onboarding: 'an onboarding session',
    qbr: 'a quarterly business review', renewal: 'a renewal discussion', internal: 'an internal pipeline review',
  };
  const brief = kind === 'internal'
    ? `The team reviewed open pipeline and forecast risk. ${vars.rep} pushed for next steps on ${vars.company}, where procurement could delay signature, and asked reps to requalify deals with no activity in two weeks.`
    : kind === 'no-connect'
      ? `${vars.rep} tried to reach ${vars.contact} at ${vars.company} and did not connect.`
      : `${vars.rep} held ${kindLabel[kind]} with ${vars.contact} of ${vars.company}. ${vars.contactFirst} explained that ${vars.pain}, and the team currently relies on ${vars.competitor}. ` +
        `They discussed ${vars.feature} and agreed to follow up with ${vars.nextStep}.`;

  const outline: CallContent['outline'] = [];
  for (const s of segments) {
    if (s.phase === 'greeting' || s.phase === 'wrap' || s.endMs - s.startMs < 30_000) continue;
    const start = s.startMs / 1000;
    const itemTexts: Record<string, string[]> = {
      discovery: [`${vars.contactFirst} described how ${vars.pain}`, 'Leadership wants one trusted view of the forecast', 'The CFO signs off on purchases over $50k'],
      'current-process': [`The team uses ${vars.competitor} plus spreadsheets`, 'One analyst maintains all reporting'],
      demo: [`${vars.rep} showed the pipeline health view`, `Walkthrough of ${vars.feature}`, 'Drill-down from forecast to deals'],
      technical: ['Salesforce sync runs through the REST API', 'Direct Snowflake connection with key pair auth'],
      security: ['SOC 2 Type II and ISO 27001 reports available under NDA', 'SSO through Okta with SCIM provisioning'],
      pricing: [`Quoted ${vars.amount} per year for ${vars.seats} seats`, 'Discount possible on a two-year term'],
      negotiation: [`${vars.competitor} quoted about 15% lower`, 'Legal redlines on liability caps'],
      timeline: [`Target go-live by ${vars.month}`],
      onboarding: ['Salesforce connection scheduled with the ops admin', 'Three dashboards to go live in 30 days'],
      review: ['Weekly active users at 78%', 'Report preparation time down to one hour'],
      renewal: [`Renewal due in ${vars.month}`, 'Price held for a two-year renewal'],
      'next-steps': [`Send recap and security documents`, `Follow-up with ${vars.contact2} next ${vars.day}`],
      pitch: [`${vars.rep} opened with the forecasting pain`], objection: [`Prospect uses ${vars.competitor}`],
      pipeline: ['Commit deals reviewed one by one', 'Coverage for next quarter is thin'],
      agenda: ['Agenda agreed'], competition: [`Also evaluating ${vars.competitor}`], voicemail: ['Voicemail left'],
    };
    const texts = itemTexts[s.phase] ?? ['Discussion'];
    const span = (s.endMs - s.startMs) / 1000;
    outline.push({
      section: STRUCTURE_BY_PHASE[s.phase] ?? 'Discussion',
      startTime: round1(start),
      duration: round1(span),
      items: texts.map((text, k) => ({ text, startTime: round1(start + (span * k) / texts.length) })),
    });
  }

  const at = (phase: string): number[] => {
    const seg = segments.find((s) => s.phase === phase);
    return seg ? [round1((seg.startMs + (seg.endMs - seg.startMs) * 0.3) / 1000)] : [round1(durationSec / 2)];
  };
  const highlights: CallContent['highlights'] = kind === 'no-connect' ? [] : [
    { title: 'Next steps', items: [{ text: `Follow up with ${vars.nextStep}`, startTimes: at('next-steps') }] },
    ...(kind === 'internal' ? [] : [{ title: 'Pain points', items: [{ text: vars.pain as string, startTimes: at('discovery') }] }]),
    ...(segments.some((s) => s.phase === 'pricing') ? [{ title: 'Pricing', items: [{ text: `${vars.amount} per year discussed for ${vars.seats} seats`, startTimes: at('pricing') }] }] : []),
  ];

  const keyPoints = kind === 'no-connect' ? [] : [
    { text: kind === 'internal' ? 'Forecast risk concentrated in two late-stage deals' : `${vars.company} struggles because ${vars.pain}` },
    { text: `Current approach: ${vars.competitor}` },
    { text: `Next step: ${vars.nextStep}` },
  ];

  const content: CallContent = { structure, topics: [...topics].map(([name, duration]) => ({ name, duration })), trackers, brief, outline, highlights, keyPoints };
  const outcomeNames = KIND_PLANS.find((p) => p.kind === kind)?.outcomes ?? [];
  if (outcomeNames.length > 0) {
    const outcome = ctx.outcomes.find((o) => o.callOutcome === rng.pick(outcomeNames));
    if (outcome) content.callOutcome = { id: outcome.id, category: outcome.category === 'ANSWERED' ? 'Answered' : 'Not answered', name: outcome.callOutcome };
  }
  return content;
}

function buildInteraction(rng: Random, kind: CallKind, conference: boolean, durationSec: number, speakers: readonly Party[]): CallInteraction {
  const hostShare = kind === 'demo' || kind === 'cold-call' ? rng.float(0.55, 0.7) : kind === 'internal' ? rng.float(0.35, 0.5) : rng.float(0.4, 0.62);
  const talkSpan = durationSec * rng.float(0.82, 0.93);
  const others = speakers.slice(1);
  const weights = others.map(() => rng.float(0.5, 1.5));
  const wsum = weights.reduce((a, b) => a + b, 0) || 1;
  const list = speakers.map((p, i) => {
    const share = i === 0 ? (others.length === 0 ? 1 : hostShare) : ((1 - hostShare) * (weights[i - 1] as number)) / wsum;
    const entry: { id: string; userId?: string; talkTime: number } = { id: p.speakerId ?? '', talkTime: round1(talkSpan * share) };
    if (p.userId !== undefined) entry.userId = p.userId;
    return entry;
  });
  const internalTalk = speakers.reduce((sum, p, i) => sum + (p.affiliation === 'Internal' ? (list[i]?.talkTime ?? 0) : 0), 0);
  const questionsCompany = Math.round((durationSec / 60) * rng.float(0.2, 0.6));
  return {
    speakers: list,
    interactionStats: [
      { name: 'Talk Ratio', value: Math.round((internalTalk / Math.max(1, talkSpan)) * 100) / 100 },
      { name: 'Longest Monologue', value: Math.round(Math.min(durationSec, rng.float(40, 160))) },
      { name: 'Longest Customer Story', value: Math.round(Math.min(durationSec, rng.float(20, 120))) },
      { name: 'Interactivity', value: round1(rng.float(3, 9)) },
      { name: 'Patience', value: Math.round(rng.float(0.4, 1.6) * 100) / 100 },
      { name: 'Question Rate', value: round1(questionsCompany / Math.max(1, durationSec / 3600)) },
    ],
    video: conference
      ? [
          { name: 'Browser', duration: round1(durationSec * rng.float(0.05, 0.2)) },
          { name: 'Shared Screen', duration: round1(durationSec * rng.float(0.2, 0.6)) },
          { name: 'Face Time', duration: round1(durationSec * rng.float(0.2, 0.5)) },
        ]
      : [],
    questions: { companyCount: questionsCompany, nonCompanyCount: Math.round(questionsCompany * rng.float(0.3, 0.9)) },
  };
}

const COMMENTS = [
  'Great job uncovering the budget owner here.', 'Listen to how the objection about price was handled.',
  'We should send the security docs right after this.', 'Nice discovery question.', 'This is a risk for the close date.',
  'Can you loop in legal on this?', 'Good example for the onboarding playlist.', 'Watch the talk ratio in this part.',
];

export function generateCalls(rng: Random, ids: IdFactory, ctx: CallContext): SandboxCall[] {
  const calls: SandboxCall[] = [];
  const usersById = new Map(ctx.users.map((u) => [u.id, u]));
  const accountsByOwner = groupBy(ctx.accounts, (a) => a.ownerUserId);
  const accountsByWorkspace = groupBy(ctx.accounts, (a) => a.workspaceId);
  const usersByManager = groupBy(ctx.users, (u) => u.managerId ?? '');
  const startDay = companyDate(ctx.anchorMs - 365 * DAY_MS);
  const startDayMs = Date.parse(`${startDay}T00:00:00Z`);
  while (calls.length < ctx.callCount) {
    // A business day in the window, weekends rarely.
    const dayIndex = rng.int(0, 364);
    const date = new Date(startDayMs + dayIndex * DAY_MS).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !rng.chance(0.05)) continue;
    const plan = rng.weighted(KIND_PLANS.map((p) => [p, p.weight] as const));
    const scheduledMs = plan.conference
      ? companyInstant(date, rng.int(8, 17), rng.pick([0, 0, 15, 30, 30, 45]))
      : companyInstant(date, rng.int(8, 17), rng.int(0, 59)) + rng.int(0, 59_999);
    const startedMs = plan.conference ? scheduledMs + rng.int(0, 300_000) : scheduledMs;
    if (startedMs >= ctx.anchorMs) continue;

    const host = pickUser(rng, ctx.users, plan.hosts, undefined, startedMs, ctx.anchorMs);
    if (!host) continue;
    const external = plan.externals[1] > 0;
    // Internal calls are about an account half of the time (deal reviews); external ones always are.
    const ownAccounts = accountsByOwner.get(host.id) ?? [];
    const account = !external && !rng.chance(0.5)
      ? undefined
      : ownAccounts.length > 0 && rng.chance(0.75) ? rng.pick(ownAccounts) : rng.pick(accountsByWorkspace.get(host.workspaceId) ?? ctx.accounts);

    const durationSec = Math.max(20, Math.round(rng.float(plan.minutes[0], plan.minutes[1]) * 60));
    const phone = !plan.conference;
    const internals: Party[] = [partyFromUser(ids, host, true)];
    const joined = new Set([host.id]);
    for (const role of plan.extras) {
      if (!rng.chance(plan.extraChance)) continue;
      const u = role === 'sales-manager' || role === 'cs-manager'
        ? (host.managerId !== undefined ? usersById.get(host.managerId) : undefined) ?? pickUser(rng, ctx.users, [role], host.workspaceId, startedMs, ctx.anchorMs)
        : pickUser(rng, ctx.users, [role], host.workspaceId, startedMs, ctx.anchorMs);
      if (u && !joined.has(u.id)) {
        joined.add(u.id);
        internals.push(partyFromUser(ids, u, true));
      }
    }
    const externals: Party[] = [];
    const contacts = account ? rng.sample(account.contacts, rng.int(plan.externals[0], plan.externals[1])) : [];
    contacts.forEach((c, i) => {
      // In meetings, now and then an invitee does not show up (no speakerId, invitee only).
      const speaking = plan.kind !== 'no-connect' && (i === 0 || !plan.conference || rng.chance(0.85));
      externals.push(partyFromContact(ids, c, account?.name ?? '', speaking, phone));
    });
    const parties = [...internals, ...externals];
    const speakers = parties.filter((p) => p.speakerId !== undefined);

    const segments = planSegments(rng, plan, durationSec * 1000);
    const firstContact = contacts[0];
    const opp = account ? rng.pick(account.opportunities) : undefined;
    const vars: Record<string, string> = {
      company: account?.name ?? rng.pick(ctx.accounts).name,
      seller: SELLER.name,
      product: SELLER.product,
      contact: firstContact ? `${firstContact.firstName} ${firstContact.lastName}` : 'the team',
      contactFirst: firstContact?.firstName ?? 'The team',
      contact2: contacts[1] ? `${contacts[1].firstName} ${contacts[1].lastName}` : 'the economic buyer',
      rep: `${host.firstName} ${host.lastName}`,
      pain: rng.pick(PAIN_POINTS),
      competitor: rng.pick(COMPETITORS),
      feature: rng.pick(FEATURES),
      nextStep: rng.pick(['a proposal', 'a technical deep dive', 'a security review', 'a two-week trial', 'a call with the CFO']),
      amount: dollars(opp?.amount ?? rng.int(20, 200) * 1000),
      seats: String(rng.int(15, 120)),
      month: rng.pick(MONTHS),
      day: rng.pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']),
      city: account?.city ?? 'Boston',
      industry: account?.industry ?? 'Technology',
    };
    const id = ids.id19();
    const title = fill(rng.pick(plan.titles), vars);
    const comments: CallComment[] = [];
    if (rng.chance(0.2) && plan.kind !== 'no-connect') {
      const manager = host.managerId !== undefined ? usersById.get(host.managerId) : undefined;
      const commenter = manager ?? host;
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) {
        const audioStart = round1(rng.float(0, durationSec - 10));
        const comment: CallComment = {
          id: ids.id19(),
          audioStartTime: audioStart,
          audioEndTime: round1(audioStart + rng.float(5, 40)),
          commenterUserId: k > 0 && rng.chance(0.4) ? host.id : commenter.id,
          comment: rng.pick(COMMENTS),
          posted: formatCompanyTime(startedMs + durationSec * 1000 + rng.int(1, 72) * 3_600_000),
          duringCall: rng.chance(0.15),
        };
        const previous = comments[comments.length - 1];
        if (previous && rng.chance(0.5)) comment.inReplyTo = previous.id;
        comments.push(comment);
      }
    }

    const crmObjects: CallCrmObject[] = [];
    if (account) {
      crmObjects.push({
        objectType: 'Account',
        objectId: account.crmId,
        fields: [{ name: 'Name', value: account.name }, { name: 'Industry', value: account.industry }, { name: 'NumberOfEmployees', value: account.employees }],
        fieldsAtTimeOfCall: [{ name: 'Name', value: account.name }, { name: 'Industry', value: account.industry }, { name: 'NumberOfEmployees', value: account.employees }],
      });
      if (opp) {
        crmObjects.push({
          objectType: 'Opportunity',
          objectId: opp.crmId,
          fields: [{ name: 'Name', value: opp.name }, { name: 'StageName', value: opp.stage }, { name: 'Amount', value: opp.amount }, { name: 'CloseDate', value: opp.closeDate }],
          fieldsAtTimeOfCall: [{ name: 'Name', value: opp.name }, { name: 'StageName', value: rng.pick(['Qualification', 'Discovery', 'Solution Review']) }, { name: 'Amount', value: Math.round(opp.amount * 0.8) }, { name: 'CloseDate', value: opp.closeDate }],
        });
      }
    }

    const manager = host.managerId !== undefined ? usersById.get(host.managerId) : undefined;
    const teammates = (usersByManager.get(host.managerId ?? '') ?? []).filter((u) => u.id !== host.id);
    const activity = {
      listenedBy: [
        ...(manager && rng.chance(0.25) ? [manager.id] : []),
        ...(rng.chance(0.1) ? [host.id] : []),
        ...(teammates.length > 0 && rng.chance(0.08) ? [rng.pick(teammates).id] : []),
      ],
      feedbackGivenBy: manager && rng.chance(0.1) ? [manager.id] : [],
      feedbackRequested: rng.chance(0.06),
      sharedInternallyBy: rng.chance(0.1) ? [host.id] : [],
      sharedExternallyBy: external && rng.chance(0.03) ? [host.id] : [],
      markedAsFeedbackBy: manager && rng.chance(0.05) ? [manager.id] : [],
    };

    const call = {
      metaData: {
        id,
        url: `https://app.gong.io/call?id=${id}`,
        title,
        scheduled: formatCompanyTime(scheduledMs),
        started: formatCompanyTime(startedMs),
        duration: durationSec,
        primaryUserId: host.id,
        direction: plan.conference ? 'Conference' : plan.direction,
        system: plan.conference ? rng.pick(CONFERENCE_SYSTEMS) : rng.pick(PHONE_SYSTEMS),
        scope: externals.length > 0 ? 'External' : 'Internal',
        media: plan.conference ? 'Video' : 'Audio',
        language: plan.kind === 'no-connect' ? 'und' : 'eng',
        workspaceId: host.workspaceId,
        isPrivate: rng.chance(0.02),
      },
      parties,
      collaboration: { publicComments: comments },
      crmObjects,
      activity,
      kind: plan.kind,
      filterMs: plan.conference ? scheduledMs : startedMs,
      startedMs,
      segments,
      transcriptSeed: hashSeed(ctx.seed, 'transcript', id),
      facts: vars,
    } as SandboxCall;
    // Content and interaction stats are the bulk of a call; build them on first read, from their own
    // per-call seed so the result does not depend on when (or whether) they are read.
    const conference = plan.conference;
    lazy(call, 'content', () => buildContent(new Random(hashSeed(ctx.seed, 'content', id)), ctx, plan.kind, segments, speakers, vars));
    lazy(call, 'interaction', () => buildInteraction(new Random(hashSeed(ctx.seed, 'interaction', id)), plan.kind, conference, durationSec, speakers));
    if (account) call.accountCrmId = account.crmId;
    if (phone) call.metaData.sdrDisposition = plan.kind === 'no-connect' ? rng.pick(['Left voicemail', 'No answer']) : 'Connected';
    if (plan.conference) {
      call.metaData.meetingUrl = call.metaData.system === 'Zoom' ? `https://zoom.us/j/${rng.digits(10)}` : call.metaData.system === 'Google Meet' ? `https://meet.google.com/${rng.alnum(3).toLowerCase()}-${rng.alnum(4).toLowerCase()}-${rng.alnum(3).toLowerCase()}` : `https://teams.microsoft.com/l/meetup-join/${rng.alnum(24)}`;
      call.metaData.calendarEventId = rng.alnum(26).toLowerCase();
    }
    if (rng.chance(0.3) && plan.kind !== 'internal') call.metaData.purpose = plan.kind === 'cold-call' || plan.kind === 'no-connect' ? 'Prospecting' : `${plan.kind[0]?.toUpperCase()}${plan.kind.slice(1)} meeting`;
    calls.push(call);
  }
  calls.sort((a, b) => a.filterMs - b.filterMs);
  return calls;
}
