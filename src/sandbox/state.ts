// The sandbox's mutable tenant: the generated data plus everything writes changed. `data` itself is
// never modified (tests compare it across instances); mutable collections are copies. Every applied
// write bumps `version`, which invalidates cached read responses, and is counted per operation so
// tests can prove a retried write was applied once.
import { crmObjectsOf } from './data/crm.js';
import type {
  CrmContact, CrmIntegration, CrmSchemaField, Flow, FlowInstance, Monologue, PermissionProfile, SandboxCall, SandboxData, SandboxUser, Task,
} from './data/types.js';
import type { SandboxWrites } from './options.js';
import { hashSeed, IdFactory, Random } from './random.js';
import { Lru } from './lru.js';
import { generateTranscript } from './data/transcript.js';

export interface Prospect {
  contact: CrmContact;
  accountName: string;
  workspaceId: string;
}

export interface BulkAssignment {
  id: string;
  submittedAt: number;
  polls: number;
  totalCount: number;
  results: Array<Record<string, unknown> & { status: string }>;
}

export interface Meeting {
  meetingId: string;
  organizerEmail: string;
  body: Record<string, unknown>;
}

export interface CrmRequest {
  clientRequestId: string;
  integrationId: string;
  kind: 'upload' | 'delete';
  polls: number;
  lines: number;
  succeeded: number;
  errors: Array<{ line: number; description: string }>;
}

export class SandboxState {
  version = 0;
  /** Ids for things writes create; seeded, so the same request sequence yields the same ids. */
  readonly ids: IdFactory;
  private readonly appliedCounts: Record<string, number> = {};
  private readonly replayedCounts: Record<string, number> = {};

  /** Generated plus created calls, ordered by their filter time. */
  readonly calls: SandboxCall[];
  readonly callsById: Map<string, SandboxCall>;
  readonly createdCallIds = new Set<string>();
  readonly clientUniqueIds = new Map<string, string>();
  readonly mediaBytes = new Map<string, number>();
  readonly callAccess = new Map<string, Set<string>>();
  private readonly transcripts = new Lru<Monologue[]>(300);

  readonly usersById: Map<string, SandboxUser>;
  readonly usersByEmail: Map<string, SandboxUser>;

  readonly flowsById: Map<string, Flow>;
  readonly flowInstances: Map<string, FlowInstance>;
  readonly prospects: Map<string, Prospect>;
  readonly bulkAssignments = new Map<string, BulkAssignment>();
  readonly tasks: Map<string, Task>;

  readonly digitalEventIds = new Set<string>();
  readonly engagementEventIds = new Set<string>();
  /** Reported engagement, by the person's email, for the data-privacy lookups. */
  readonly customerEngagement: Array<{ email: string; record: Record<string, unknown> }> = [];
  readonly meetings = new Map<string, Meeting>();

  readonly crmIntegrations: CrmIntegration[];
  readonly crmSchema: Map<string, CrmSchemaField[]>;
  readonly crmObjects: Record<string, Map<string, Record<string, unknown>>>;
  readonly crmRequests = new Map<string, CrmRequest>();

  readonly erased = new Set<string>();
  readonly profiles: Map<string, PermissionProfile & { workspaceId: string }>;
  readonly integrationSettings: Array<{ integrationType: string; allowedOrigin: string }> = [];

  constructor(readonly data: SandboxData) {
    this.ids = new IdFactory(new Random(hashSeed(data.seed, data.anchor, 'runtime')));
    this.calls = data.calls.slice();
    this.callsById = new Map(data.calls.map((c) => [c.metaData.id, c]));
    const everyone = [...data.users, ...data.avatars];
    this.usersById = new Map(everyone.map((u) => [u.id, u]));
    this.usersByEmail = new Map(everyone.map((u) => [u.emailAddress.toLowerCase(), u]));
    this.flowsById = new Map(data.flows.map((f) => [f.id, f]));
    this.flowInstances = new Map(data.flowInstances.map((i) => [i.flowInstanceId, { ...i }]));
    this.prospects = new Map(
      data.accounts.flatMap((a) => a.contacts.map((c) => [c.crmId, { contact: c, accountName: a.name, workspaceId: a.workspaceId }] as const)),
    );
    this.tasks = new Map(data.tasks.map((t) => [t.id, { ...t, priority: { ...t.priority } }]));
    this.crmIntegrations = [{ ...data.crmIntegration }];
    this.crmSchema = new Map(Object.entries(data.crmSchema).map(([type, fields]) => [type, fields.map((f) => ({ ...f }))]));
    this.crmObjects = crmObjectsOf(data.accounts);
    this.profiles = new Map(data.permissionProfiles.map((p) => [p.id, structuredClone(p)]));
  }

  /** Record an applied write of `operationId`. */
  applied(operationId: string): void {
    this.appliedCounts[operationId] = (this.appliedCounts[operationId] ?? 0) + 1;
    this.version++;
  }

  /** Record a repeat that was recognised and not applied again. */
  replayed(operationId: string): void {
    this.replayedCounts[operationId] = (this.replayedCounts[operationId] ?? 0) + 1;
  }

  writes(): SandboxWrites {
    return { applied: { ...this.appliedCounts }, replayed: { ...this.replayedCounts } };
  }

  addCall(call: SandboxCall): void {
    // Keep `calls` ordered by filter time (binary insertion; created calls are rare).
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.calls[mid] as SandboxCall).filterMs <= call.filterMs) lo = mid + 1;
      else hi = mid;
    }
    this.calls.splice(lo, 0, call);
    this.callsById.set(call.metaData.id, call);
    this.createdCallIds.add(call.metaData.id);
  }

  /** A call's transcript: the scripted one, else generated on first use; calls created through the API have none until media arrives. */
  transcriptOf(call: SandboxCall): Monologue[] {
    if (call.transcript !== undefined) return call.transcript ?? [];
    const id = call.metaData.id;
    if (this.createdCallIds.has(id) && !this.mediaBytes.has(id)) return [];
    let t = this.transcripts.get(id);
    if (!t) {
      t = generateTranscript(call);
      this.transcripts.set(id, t);
    }
    return t;
  }

  userByEmail(email: string | undefined): SandboxUser | undefined {
    return email === undefined ? undefined : this.usersByEmail.get(email.toLowerCase());
  }
}
