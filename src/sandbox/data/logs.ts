// Audit logs, one stream per Gong log type, spread over the 12 months before the anchor (oldest first).
import type { Random } from '../random.js';
import { formatCompanyTime } from '../time.js';
import type { LogEntry, LogType, SandboxCall, SandboxUser } from './types.js';

export const LOG_TYPES: readonly LogType[] = ['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay'];

const PER_TYPE = 240;

export function generateLogs(rng: Random, anchorMs: number, users: readonly SandboxUser[], calls: readonly SandboxCall[], companyId: string): Record<LogType, LogEntry[]> {
  const active = users.filter((u) => u.active);
  const admin = users.find((u) => u.role === 'revops') ?? (users[0] as SandboxUser);
  const out = {} as Record<LogType, LogEntry[]>;
  for (const type of LOG_TYPES) {
    const entries: LogEntry[] = [];
    for (let i = 0; i < PER_TYPE; i++) {
      const user = rng.pick(active);
      const eventMs = anchorMs - rng.int(1, 365 * 24 * 60) * 60_000 - rng.int(0, 59_999);
      const call = rng.pick(calls);
      let logRecord: Record<string, unknown>;
      switch (type) {
        case 'AccessLog':
          logRecord = { action: rng.pick(['Login', 'Login', 'Logout', 'Failed login']), ipAddress: `203.0.113.${rng.int(1, 254)}`, userAgent: rng.pick(['Chrome 126 / macOS', 'Edge 125 / Windows', 'Gong iOS 9.4']) };
          break;
        case 'UserActivityLog':
          logRecord = { action: rng.pick(['Viewed deal', 'Exported call list', 'Changed settings', 'Created library folder', 'Updated scorecard']), objectId: call.metaData.id };
          break;
        case 'UserCallPlay':
          logRecord = { callId: call.metaData.id, callTitle: call.metaData.title, playedSeconds: rng.int(10, call.metaData.duration) };
          break;
        case 'ExternallySharedCallAccess':
          logRecord = { callId: call.metaData.id, sharedWith: `guest${rng.int(1, 99)}@partner.example`, accessType: 'View' };
          break;
        default:
          logRecord = { callId: call.metaData.id, viewerEmail: `guest${rng.int(1, 99)}@partner.example`, playedSeconds: rng.int(5, call.metaData.duration) };
      }
      const entry: LogEntry = {
        userId: user.id,
        userEmailAddress: user.emailAddress,
        userFullName: `${user.firstName} ${user.lastName}`,
        eventTime: formatCompanyTime(eventMs),
        logRecord,
        eventMs,
      };
      // Gong staff occasionally act on a user's behalf (impersonation), which the access log records.
      if (type === 'AccessLog' && rng.chance(0.03)) {
        entry.impersonatorUserId = admin.id;
        entry.impersonatorEmailAddress = admin.emailAddress;
        entry.impersonatorFullName = `${admin.firstName} ${admin.lastName}`;
        entry.impersonatorCompanyId = companyId;
      }
      entries.push(entry);
    }
    entries.sort((a, b) => a.eventMs - b.eventMs);
    out[type] = entries;
  }
  return out;
}
