// The shapes of the sandbox's generated data. Field names follow Gong's response schemas so routes can
// pass most objects through unchanged; ids are strings here (int64 ids are turned into raw JSON
// numbers only when serialised), plus a few internal fields (`*Ms`, `kind`, …) routes strip out.

export interface Workspace {
  id: string;
  name: string;
  description: string;
}

export interface UserSettings {
  webConferencesRecorded: boolean;
  preventWebConferenceRecording: boolean;
  telephonyCallsImported: boolean;
  emailsImported: boolean;
  preventEmailImport: boolean;
  nonRecordedMeetingsImported: boolean;
  gongConnectEnabled: boolean;
}

export type UserRole =
  | 'ceo' | 'vp-sales' | 'vp-cs' | 'sales-manager' | 'sdr-manager' | 'ae' | 'sdr' | 'se' | 'cs-manager' | 'csm' | 'revops' | 'avatar';

/** `UserMetadata` plus the sandbox's own `workspaceId`, `role` and `permissionProfileId`. */
export interface SandboxUser {
  id: string;
  emailAddress: string;
  created: string;
  active: boolean;
  emailAliases: string[];
  trustedEmailAddress: string;
  firstName: string;
  lastName: string;
  title: string;
  phoneNumber: string;
  extension: string;
  personalMeetingUrls: string[];
  settings: UserSettings;
  managerId?: string;
  meetingConsentPageUrl: string;
  conferencingProviders: Array<{ provider: string; isDefault: boolean }>;
  spokenLanguages: Array<{ language: string; primary: boolean }>;
  // Sandbox-only fields (not sent by the users routes).
  createdMs: number;
  workspaceId: string;
  role: UserRole;
  permissionProfileId: string;
}

export interface UserSettingsChange {
  setting: string;
  value: boolean;
  time: string;
}

export interface CrmContact {
  crmId: string;
  type: 'CONTACT' | 'LEAD';
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  phoneNumber: string;
  accountCrmId: string;
}

export interface CrmOpportunity {
  crmId: string;
  name: string;
  stage: string;
  amount: number;
  probability: number;
  closeDate: string;
  accountCrmId: string;
  ownerUserId: string;
}

export interface CrmAccount {
  crmId: string;
  name: string;
  domain: string;
  industry: string;
  city: string;
  country: string;
  employees: number;
  ownerUserId: string;
  workspaceId: string;
  contacts: CrmContact[];
  opportunities: CrmOpportunity[];
}

export interface Party {
  id: string;
  emailAddress?: string;
  /** Gong leaves it out when it knows no name (a dial-in, an unrecognised attendee). */
  name?: string;
  title?: string;
  userId?: string;
  speakerId?: string;
  context?: Array<{
    system: string;
    objects: Array<{ objectType: string; objectId: string; fields: Array<{ name: string; value: unknown }>; timing: string }>;
  }>;
  affiliation: 'Internal' | 'External' | 'Unknown';
  phoneNumber?: string;
  methods: string[];
}

/** Gong's `CallBasicData`. Optional fields are left out rather than sent as null. */
export interface CallMetaData {
  id: string;
  url: string;
  title: string;
  scheduled: string;
  started: string;
  duration: number;
  primaryUserId: string;
  direction: 'Inbound' | 'Outbound' | 'Conference' | 'Unknown';
  system: string;
  scope: 'Internal' | 'External' | 'Unknown';
  media: 'Video' | 'Audio';
  language: string;
  workspaceId: string;
  sdrDisposition?: string;
  clientUniqueId?: string;
  customData?: string;
  purpose?: string;
  meetingUrl?: string;
  isPrivate: boolean;
  calendarEventId?: string;
}

export interface TrackerOccurrence {
  startTime: number;
  speakerId: string;
}

export interface CallContent {
  structure: Array<{ name: string; duration: number }>;
  topics: Array<{ name: string; duration: number }>;
  trackers: Array<{
    id: string;
    name: string;
    count: number;
    type: 'KEYWORD' | 'SMART';
    occurrences: TrackerOccurrence[];
    phrases: Array<{ count: number; occurrences: TrackerOccurrence[]; phrase: string }>;
  }>;
  brief: string;
  outline: Array<{ section: string; startTime: number; duration: number; items: Array<{ text: string; startTime: number }> }>;
  highlights: Array<{ title: string; items: Array<{ text: string; startTimes: number[] }> }>;
  callOutcome?: { id: string; category: string; name: string };
  keyPoints: Array<{ text: string }>;
}

export interface CallInteraction {
  speakers: Array<{ id: string; userId?: string; talkTime: number }>;
  interactionStats: Array<{ name: string; value: number }>;
  video: Array<{ name: string; duration: number }>;
  questions: { companyCount: number; nonCompanyCount: number };
}

export interface CallComment {
  id: string;
  audioStartTime: number;
  audioEndTime: number;
  commenterUserId: string;
  comment: string;
  posted: string;
  inReplyTo?: string;
  duringCall: boolean;
}

export interface CallCrmObject {
  objectType: 'Opportunity' | 'Account';
  objectId: string;
  fields: Array<{ name: string; value: unknown }>;
  /** Field values at the time of the call, when they differ from now. */
  fieldsAtTimeOfCall: Array<{ name: string; value: unknown }>;
}

/** Who did what with a call, from which the activity stats and coaching metrics are computed. */
export interface CallActivity {
  listenedBy: string[];
  feedbackGivenBy: string[];
  feedbackRequested: boolean;
  sharedInternallyBy: string[];
  sharedExternallyBy: string[];
  markedAsFeedbackBy: string[];
}

/** The segment plan shared by content (topics, outline) and the on-demand transcript. */
export interface CallSegment {
  /** Conversation phase used to pick transcript templates. */
  phase: string;
  /** Gong topic name, or null for stretches Gong does not label. */
  topic: string | null;
  startMs: number;
  endMs: number;
}

export type CallKind =
  | 'cold-call' | 'no-connect' | 'discovery' | 'demo' | 'technical' | 'negotiation' | 'onboarding' | 'qbr' | 'renewal' | 'internal';

export interface SandboxCall {
  metaData: CallMetaData;
  parties: Party[];
  content: CallContent;
  interaction: CallInteraction;
  collaboration: { publicComments: CallComment[] };
  crmObjects: CallCrmObject[];
  activity: CallActivity;
  // Sandbox-only fields.
  kind: CallKind;
  /** Instant used by date filters: scheduled time for Gong-recorded web conferences, else the actual start. */
  filterMs: number;
  startedMs: number;
  accountCrmId?: string;
  segments: CallSegment[];
  /** Seed of the on-demand transcript. */
  transcriptSeed: number;
  /** Values the transcript shares with the call's AI content (company, competitor, pain, amount…). */
  facts: Record<string, string>;
  /** A transcript given by the test that shaped this world (options.ts `calls`): used instead of the generated one; null = none. */
  transcript?: Monologue[] | null;
}

export interface Sentence {
  /** Milliseconds from the start of the call. */
  start: number;
  end: number;
  text: string;
}

/** One speaker's turn on one topic, as `POST /v2/calls/transcript` returns it. */
export interface Monologue {
  speakerId: string;
  topic: string | null;
  sentences: Sentence[];
}

export interface ScorecardQuestion {
  questionId: string;
  questionRevisionId: string;
  questionText: string;
  isOverall: boolean;
  questionType: string;
  answerGuide: string;
  minRange: number;
  maxRange: number;
  answerOptions: Array<{ id: number; text: string }>;
}

export interface Scorecard {
  scorecardId: string;
  scorecardName: string;
  workspaceId: string;
  enabled: boolean;
  updaterUserId: string;
  created: string;
  updated: string;
  reviewMethod: 'AUTOMATIC' | 'MANUAL';
  questions: ScorecardQuestion[];
}

export interface AnsweredScorecard {
  answeredScorecardId: string;
  scorecardId: string;
  scorecardName: string;
  callId: string;
  callStartTime: string;
  reviewedUserId: string;
  reviewerUserId: string;
  reviewMethod: 'AUTOMATIC' | 'MANUAL';
  editorUserId: string;
  reviewTime: string;
  visibilityType: string;
  answers: Array<{
    questionId: string;
    questionRevisionId: string;
    isOverall: boolean;
    score?: number;
    answerText?: string;
    notApplicable: boolean;
    selectedOptions?: string[];
  }>;
  // Sandbox-only.
  callMs: number;
  reviewMs: number;
}

export interface KeywordTracker {
  trackerId: string;
  trackerName: string;
  workspaceId: string;
  languageKeywords: Array<{ language: string; keywords: string[]; includeRelatedForms: boolean }>;
  affiliation: string;
  partOfQuestion: boolean;
  saidAt: string;
  saidAtInterval: number;
  saidAtUnit: string;
  saidInTopics: string[];
  filterQuery: string;
  created: string;
  creatorUserId: string;
  updated: string;
  updaterUserId: string;
}

export interface CallOutcomeSetting {
  callOutcome: string;
  displayOrder: number;
  connectStatus: 'CONNECTED' | 'NOT_CONNECTED';
  sentiment: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
  todoAction?: 'COMPLETE' | 'COMPLETE_AND_REMOVE';
  automation?: 'MARK_AS_OPT_OUT';
  category: 'ANSWERED' | 'NOT_ANSWERED';
  // Sandbox-only: the id calls' `content.callOutcome` carries.
  id: string;
}

export interface Brief {
  briefId: string;
  briefName: string;
  workspaceId: string;
  description: string;
  status: string;
  creator: string;
  creatorUserId: string;
  created: string;
  updated: string;
}

export interface LibraryFolder {
  id: string;
  name: string;
  parentFolderId: string | null;
  createdBy: string;
  updated: string;
  workspaceId: string;
  calls: Array<{ id: string; title: string; note: string; addedBy: string; created: string; url: string; snippet: { fromSec: number; toSec: number } }>;
}

export interface FlowFolder {
  id: string;
  name: string;
  /** Gong sends the string "null" for top-level folders. */
  parentFolderId: string;
  createdById: string;
  visibility: 'Company' | 'Personal' | 'Shared';
  workspaceId: string;
}

export interface FlowStep {
  id: string;
  stepOrder: number;
  action: 'SEND_EMAIL' | 'AUTO_SEND_EMAIL' | 'CALL' | 'LINKEDIN_CONNECT' | 'LINKEDIN_MESSAGE' | 'CUSTOM';
  subject?: string;
  body?: string;
  isReply: boolean;
}

export interface Flow {
  id: string;
  name: string;
  folderId: string;
  folderName: string;
  visibility: 'Company' | 'Personal' | 'Shared';
  creationDate: string;
  exclusive: boolean;
  description: string;
  steps: FlowStep[];
  // Sandbox-only.
  ownerUserId: string;
  workspaceId: string;
}

export type FlowInstanceStatus = 'Pending' | 'Running' | 'Paused' | 'FinishedNoReply' | 'FinishedResponse' | 'Finished';

export interface FlowInstance {
  flowInstanceId: string;
  flowId: string;
  crmProspectId: string;
  ownerUserId: string;
  createdMs: number;
  status: FlowInstanceStatus;
  /** When a finished instance ended; the prospect is in cool-off for 30 days after. */
  finishedMs?: number;
  /** Removed through an unassign call (no cool-off follows). */
  unassigned?: boolean;
}

export interface Task {
  id: string;
  userId: string;
  createdMs: number;
  updatedMs: number;
  status: 'OPEN' | 'DONE' | 'DISMISSED';
  type: 'FLOW' | 'MANUAL';
  dueMs: number;
  title?: string;
  accountCrmId: string;
  opportunityCrmId?: string;
  contactCrmId: string;
  flowId?: string;
  stepId?: string;
  priority: { id: string; name: string; weight: number };
  workspaceId: string;
}

export interface CrmIntegration {
  integrationId: string;
  ownerEmail: string;
  name: string;
}

export interface CrmSchemaField {
  uniqueName: string;
  label: string;
  type: string;
  lastModified?: string;
  isDeleted?: boolean;
  referenceTo?: string;
  orderedValueList?: string[];
}

export type LogType = 'AccessLog' | 'UserActivityLog' | 'UserCallPlay' | 'ExternallySharedCallAccess' | 'ExternallySharedCallPlay';

export interface LogEntry {
  userId: string;
  userEmailAddress: string;
  userFullName: string;
  impersonatorUserId?: string;
  impersonatorEmailAddress?: string;
  impersonatorFullName?: string;
  impersonatorCompanyId?: string;
  eventTime: string;
  logRecord: Record<string, unknown>;
  // Sandbox-only.
  eventMs: number;
}

export type PermissionLevel = 'all' | 'managers-team' | 'report-to-them' | 'own' | 'none';

/** Gong's `PermissionProfileDTO` (access objects plus about 45 boolean flags). */
export interface PermissionProfile {
  id: string;
  name: string;
  description: string;
  [flag: string]: unknown;
}

export interface SandboxData {
  seed: number;
  /** "Now" for the generated data, ISO 8601 UTC. */
  anchor: string;
  company: { name: string; domain: string; timeZone: string; companyId: string };
  workspaces: Workspace[];
  users: SandboxUser[];
  /** Synthetic Gong-employee users, returned only with `includeAvatars`. */
  avatars: SandboxUser[];
  userSettingsHistory: Record<string, UserSettingsChange[]>;
  accounts: CrmAccount[];
  /** Sorted by `filterMs`, oldest first. */
  calls: SandboxCall[];
  scorecards: Scorecard[];
  answeredScorecards: AnsweredScorecard[];
  trackers: KeywordTracker[];
  callOutcomes: CallOutcomeSetting[];
  briefs: Brief[];
  libraryFolders: LibraryFolder[];
  flowFolders: FlowFolder[];
  flows: Flow[];
  flowInstances: FlowInstance[];
  tasks: Task[];
  crmIntegration: CrmIntegration;
  crmSchema: Record<string, CrmSchemaField[]>;
  logs: Record<LogType, LogEntry[]>;
  permissionProfiles: Array<PermissionProfile & { workspaceId: string }>;
}
