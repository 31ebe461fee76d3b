// Company settings: keyword trackers, scorecards with questions, dialer call outcomes and AI briefs.
import { COMPETITORS } from './names.js';
import type { IdFactory, Random } from '../random.js';
import { formatCompanyTime, DAY_MS } from '../time.js';
import type { Brief, CallOutcomeSetting, KeywordTracker, SandboxUser, Scorecard, ScorecardQuestion, Workspace } from './types.js';

/** Keyword trackers: name and the phrases transcripts and call content use for them. */
export const KEYWORD_TRACKERS: ReadonlyArray<{ name: string; keywords: string[] }> = [
  { name: 'Competitors', keywords: COMPETITORS.filter((c) => !c.startsWith('an ')) },
  { name: 'Pricing', keywords: ['price', 'pricing', 'discount', 'budget', 'per seat'] },
  { name: 'Security', keywords: ['SOC 2', 'security review', 'SSO', 'GDPR'] },
  { name: 'Next Steps', keywords: ['next step', 'follow up', 'send over', 'calendar invite'] },
  { name: 'Legal', keywords: ['contract', 'MSA', 'redlines', 'procurement'] },
  { name: 'Integrations', keywords: ['Salesforce', 'Snowflake', 'API', 'integration'] },
];

/** Smart trackers exist only in call content (the settings API lists keyword trackers only). */
export const SMART_TRACKERS = ['Pain Points', 'Timeline', 'Decision Process'] as const;

export function generateTrackers(rng: Random, ids: IdFactory, anchorMs: number, workspaces: readonly Workspace[], admins: readonly SandboxUser[]): KeywordTracker[] {
  return KEYWORD_TRACKERS.map((t, i) => {
    const createdMs = anchorMs - rng.int(400, 900) * DAY_MS;
    const creator = rng.pick(admins);
    return {
      trackerId: ids.id19(),
      trackerName: t.name,
      // The last tracker belongs to Customer Success; the rest are company-wide in the first workspace.
      workspaceId: (workspaces[i === KEYWORD_TRACKERS.length - 1 ? 2 : 0] as Workspace).id,
      languageKeywords: [{ language: 'eng', keywords: t.keywords, includeRelatedForms: i % 2 === 0 }],
      affiliation: i === 0 ? 'External' : 'Whoever',
      partOfQuestion: i === 1,
      saidAt: 'Anytime',
      saidAtInterval: 0,
      saidAtUnit: 'Minutes',
      saidInTopics: i === 1 ? ['Pricing'] : [],
      filterQuery: '',
      created: formatCompanyTime(createdMs),
      creatorUserId: creator.id,
      updated: formatCompanyTime(createdMs + rng.int(1, 300) * DAY_MS),
      updaterUserId: rng.pick(admins).id,
    };
  });
}

const SCORECARDS: ReadonlyArray<{ name: string; method: 'AUTOMATIC' | 'MANUAL'; kinds: string[]; questions: string[] }> = [
  {
    name: 'Discovery Call Scorecard', method: 'MANUAL', kinds: ['discovery'],
    questions: ['Did the rep uncover the business pain?', 'Did the rep identify the decision process?', 'Was a clear next step agreed?', 'Overall call score'],
  },
  {
    name: 'Demo Excellence', method: 'MANUAL', kinds: ['demo', 'technical'],
    questions: ['Was the demo tailored to the pains raised in discovery?', 'Did the rep handle objections well?', 'Which features were shown?', 'Overall call score'],
  },
  {
    name: 'Cold Call Framework', method: 'AUTOMATIC', kinds: ['cold-call'],
    questions: ['Did the rep state a reason for the call within 30 seconds?', 'Did the rep ask for a meeting?', 'Overall call score'],
  },
  {
    name: 'Business Review Quality', method: 'MANUAL', kinds: ['qbr', 'renewal', 'onboarding'],
    questions: ['Were success metrics reviewed?', 'Was expansion potential discussed?', 'Overall call score'],
  },
];

export function scorecardKinds(name: string): readonly string[] {
  return SCORECARDS.find((s) => s.name === name)?.kinds ?? [];
}

export function generateScorecards(rng: Random, ids: IdFactory, anchorMs: number, workspaces: readonly Workspace[], admins: readonly SandboxUser[]): Scorecard[] {
  return SCORECARDS.map((s, i) => {
    const createdMs = anchorMs - rng.int(500, 900) * DAY_MS;
    const questions: ScorecardQuestion[] = s.questions.map((text) => {
      const overall = text.startsWith('Overall');
      const multi = text.startsWith('Which');
      return {
        questionId: ids.id19(),
        questionRevisionId: ids.id19(),
        questionText: text,
        isOverall: overall,
        questionType: multi ? 'MULTIPLE_CHOICE' : overall ? 'SCALE' : 'SCALE',
        answerGuide: overall ? 'Score the call as a whole' : '1 = not at all, 5 = textbook',
        minRange: 1,
        maxRange: 5,
        answerOptions: multi
          ? ['Dashboards', 'Forecasting', 'Integrations', 'Alerts'].map((t, k) => ({ id: k + 1, text: t }))
          : [],
      };
    });
    return {
      scorecardId: ids.id19(),
      scorecardName: s.name,
      workspaceId: (workspaces[s.kinds.includes('qbr') ? 2 : 0] as Workspace).id,
      enabled: i !== 2 || rng.chance(0.9),
      updaterUserId: rng.pick(admins).id,
      created: formatCompanyTime(createdMs),
      updated: formatCompanyTime(createdMs + rng.int(10, 400) * DAY_MS),
      reviewMethod: s.method,
      questions,
    };
  });
}

export function generateCallOutcomes(ids: IdFactory): CallOutcomeSetting[] {
  const rows: Array<Omit<CallOutcomeSetting, 'displayOrder' | 'id'>> = [
    { callOutcome: 'Meeting booked', connectStatus: 'CONNECTED', sentiment: 'POSITIVE', todoAction: 'COMPLETE', category: 'ANSWERED' },
    { callOutcome: 'Interested - follow up', connectStatus: 'CONNECTED', sentiment: 'POSITIVE', todoAction: 'COMPLETE', category: 'ANSWERED' },
    { callOutcome: 'Not interested', connectStatus: 'CONNECTED', sentiment: 'NEGATIVE', todoAction: 'COMPLETE_AND_REMOVE', category: 'ANSWERED' },
    { callOutcome: 'Do not call', connectStatus: 'CONNECTED', sentiment: 'NEGATIVE', todoAction: 'COMPLETE_AND_REMOVE', automation: 'MARK_AS_OPT_OUT', category: 'ANSWERED' },
    { callOutcome: 'Gatekeeper', connectStatus: 'CONNECTED', sentiment: 'NEUTRAL', category: 'ANSWERED' },
    { callOutcome: 'Left voicemail', connectStatus: 'NOT_CONNECTED', sentiment: 'NEUTRAL', todoAction: 'COMPLETE', category: 'NOT_ANSWERED' },
    { callOutcome: 'No answer', connectStatus: 'NOT_CONNECTED', sentiment: 'NEUTRAL', category: 'NOT_ANSWERED' },
    { callOutcome: 'Wrong number', connectStatus: 'NOT_CONNECTED', sentiment: 'NEGATIVE', todoAction: 'COMPLETE_AND_REMOVE', category: 'NOT_ANSWERED' },
  ];
  return rows.map((r, i) => ({ ...r, displayOrder: i + 1, id: ids.id19() }));
}

export function generateBriefs(rng: Random, ids: IdFactory, anchorMs: number, workspaces: readonly Workspace[], users: readonly SandboxUser[]): Brief[] {
  const defs: ReadonlyArray<readonly [string, string, number]> = [
    ['Account Brief', 'Who the account is, what they care about and where the relationship stands', 0],
    ['Deal Brief', 'Deal status, stakeholders, risks and next steps', 0],
    ['Pre-call Prep', 'Everything to know before the next call with this account', 1],
    ['Renewal Brief', 'Adoption, value delivered and renewal risks', 2],
  ];
  return defs.map(([name, description, ws]) => {
    const creator = rng.pick(users.filter((u) => u.role !== 'sdr'));
    const createdMs = anchorMs - rng.int(30, 300) * DAY_MS;
    return {
      briefId: ids.id19(),
      briefName: name,
      workspaceId: (workspaces[ws] as Workspace).id,
      description,
      status: 'ACTIVE',
      creator: `${creator.firstName} ${creator.lastName}`,
      creatorUserId: creator.id,
      created: formatCompanyTime(createdMs),
      updated: formatCompanyTime(createdMs + rng.int(0, 25) * DAY_MS),
    };
  });
}
