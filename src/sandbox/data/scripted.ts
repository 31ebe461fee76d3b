// Calls a test writes itself (`SandboxOptions.calls`, options.ts): exact titles, days, parties and
// sentences, or no transcript at all, for the cases the generated world does not pin down. They
// replace the generated calls; everything else in the tenant stays as seeded.
import type { CallMetaData, Monologue, Party, SandboxCall, SandboxData, SandboxUser } from './types.js';
import { formatCompanyTime, parseDateTime } from '../time.js';

export interface ScriptedParty {
  /** Default `<call id>-<index>`. */
  id?: string;
  /** Leave out for a party Gong knows no name for. */
  name?: string;
  emailAddress?: string;
  title?: string;
  affiliation: Party['affiliation'];
  /** Links the party to the transcript's monologues. */
  speakerId?: string;
  userId?: string;
}

export interface ScriptedCall {
  /** Digits, unique among the calls. */
  id: string;
  title: string;
  /** ISO 8601 instant the call started; date filters use it. */
  started: string;
  /** Seconds. */
  duration: number;
  parties: ScriptedParty[];
  /** Gong's monologues; null = the call has no transcript (left out of transcript answers). */
  transcript: Monologue[] | null;
  /** Default: the first internal party's user, else the tenant's first user. */
  primaryUserId?: string;
}

/** The empty content, interaction, collaboration, CRM and activity of a call nobody has analysed. */
export function blankCallParts(): Pick<SandboxCall, 'content' | 'interaction' | 'collaboration' | 'crmObjects' | 'activity'> {
  return {
    content: { structure: [], topics: [], trackers: [], brief: '', outline: [], highlights: [], keyPoints: [] },
    interaction: { speakers: [], interactionStats: [], video: [], questions: { companyCount: 0, nonCompanyCount: 0 } },
    collaboration: { publicComments: [] },
    crmObjects: [],
    activity: { listenedBy: [], feedbackGivenBy: [], feedbackRequested: false, sharedInternallyBy: [], sharedExternallyBy: [], markedAsFeedbackBy: [] },
  };
}

function partyOf(callId: string, p: ScriptedParty, index: number): Party {
  const party: Party = { id: p.id ?? `${callId}-${index}`, affiliation: p.affiliation, methods: ['Attendee'] };
  if (p.name !== undefined) party.name = p.name;
  if (p.emailAddress !== undefined) party.emailAddress = p.emailAddress;
  if (p.title !== undefined) party.title = p.title;
  if (p.speakerId !== undefined) party.speakerId = p.speakerId;
  if (p.userId !== undefined) party.userId = p.userId;
  return party;
}

function primaryUserOf(spec: ScriptedCall, users: ReadonlyMap<string, SandboxUser>, fallback: SandboxUser): SandboxUser {
  const wanted = spec.primaryUserId ?? spec.parties.find((p) => p.affiliation === 'Internal' && p.userId !== undefined && users.has(p.userId))?.userId;
  if (wanted === undefined) return fallback;
  const user = users.get(wanted);
  if (!user) throw new RangeError(`calls: primaryUserId ${wanted} of call ${spec.id} is not a user of the tenant`);
  return user;
}

function scriptedCall(spec: ScriptedCall, users: ReadonlyMap<string, SandboxUser>, fallback: SandboxUser): SandboxCall {
  if (!/^\d{1,19}$/.test(spec.id)) throw new RangeError(`calls: id must be 1 to 19 digits, got '${spec.id}'`);
  const startedMs = parseDateTime(spec.started);
  if (startedMs === undefined) throw new RangeError(`calls: started of call ${spec.id} must be an ISO 8601 date-time, got '${spec.started}'`);
  const user = primaryUserOf(spec, users, fallback);
  const parties = spec.parties.map((p, i) => partyOf(spec.id, p, i));
  const metaData: CallMetaData = {
    id: spec.id,
    url: `https://app.gong.io/call?id=${spec.id}`,
    title: spec.title,
    scheduled: formatCompanyTime(startedMs),
    started: formatCompanyTime(startedMs),
    duration: spec.duration,
    primaryUserId: user.id,
    direction: 'Conference',
    system: 'Zoom',
    scope: parties.some((p) => p.affiliation === 'External') ? 'External' : 'Internal',
    media: 'Audio',
    language: 'eng',
    workspaceId: user.workspaceId,
    isPrivate: false,
  };
  return {
    metaData,
    parties,
    ...blankCallParts(),
    kind: parties.some((p) => p.affiliation === 'External') ? 'discovery' : 'internal',
    filterMs: startedMs,
    startedMs,
    segments: [],
    transcriptSeed: 0,
    facts: {},
    transcript: spec.transcript === null ? null : structuredClone(spec.transcript),
  };
}

/** The tenant with `specs` as its calls (ordered by start, like the generated ones). */
export function withScriptedCalls(data: SandboxData, specs: readonly ScriptedCall[]): SandboxData {
  const users = new Map([...data.users, ...data.avatars].map((u) => [u.id, u]));
  const fallback = data.users[0];
  if (!fallback) throw new RangeError('calls: the tenant has no users');
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.id)) throw new RangeError(`calls: id ${s.id} appears twice`);
    seen.add(s.id);
  }
  const calls = specs.map((s) => scriptedCall(s, users, fallback)).sort((a, b) => a.filterMs - b.filterMs);
  return { ...data, calls };
}
