// createSandboxData: the whole fake Gong tenant from (seed, anchor). Pure and deterministic — each area
// draws from its own seeded stream, so the output depends only on the two inputs.
import { generateAccounts } from './accounts.js';
import { CALL_COUNT, generateCalls } from './calls.js';
import { generateCrmIntegration, generateCrmSchema } from './crm.js';
import { generateEngage } from './engage.js';
import { generateLibrary } from './library.js';
import { generateLogs } from './logs.js';
import { SELLER } from './names.js';
import { generatePermissionProfiles } from './permissions.js';
import { generateAnsweredScorecards } from './scorecards.js';
import { generateBriefs, generateCallOutcomes, generateScorecards, generateTrackers } from './settings.js';
import { generateSettingsHistory, generateUsers, generateWorkspaces } from './users.js';
import { hashSeed, IdFactory, Random } from '../random.js';
import { COMPANY_TIME_ZONE } from '../time.js';
import type { SandboxData } from './types.js';

export function createSandboxData(seed: number, anchor: Date, options: { callCount?: number } = {}): SandboxData {
  const callCount = options.callCount ?? CALL_COUNT;
  if (!Number.isInteger(callCount) || callCount < 1 || callCount > 100_000) throw new RangeError('callCount must be a whole number from 1 to 100,000');
  const anchorMs = anchor.getTime();
  if (!Number.isFinite(anchorMs)) throw new RangeError('anchor must be a valid Date');
  const stream = (name: string) => new Random(hashSeed(seed, anchorMs, name));
  const ids = new IdFactory(stream('ids'));

  const workspaces = generateWorkspaces(ids);
  const profiles = generatePermissionProfiles(ids, workspaces);
  const { users, avatars } = generateUsers(stream('users'), ids, anchorMs, workspaces, profiles);
  const admins = users.filter((u) => u.role === 'revops' || u.role.startsWith('vp'));
  const accounts = generateAccounts(stream('accounts'), ids, anchorMs, users);
  const trackers = generateTrackers(stream('trackers'), ids, anchorMs, workspaces, admins);
  const scorecards = generateScorecards(stream('scorecards'), ids, anchorMs, workspaces, admins);
  const callOutcomes = generateCallOutcomes(ids);
  const companyId = ids.id19();
  const calls = generateCalls(stream('calls'), ids, { seed, anchorMs, users, accounts, trackers, outcomes: callOutcomes, callCount });
  const engage = generateEngage(stream('engage'), ids, anchorMs, workspaces, users, accounts);

  return {
    seed,
    anchor: anchor.toISOString(),
    company: { name: SELLER.name, domain: SELLER.domain, timeZone: COMPANY_TIME_ZONE, companyId },
    workspaces,
    users,
    avatars,
    userSettingsHistory: generateSettingsHistory(stream('history'), [...users, ...avatars], anchorMs),
    accounts,
    calls,
    scorecards,
    answeredScorecards: generateAnsweredScorecards(stream('answered'), ids, anchorMs, scorecards, calls, users),
    trackers,
    callOutcomes,
    briefs: generateBriefs(stream('briefs'), ids, anchorMs, workspaces, users),
    libraryFolders: generateLibrary(stream('library'), ids, anchorMs, workspaces, users, calls),
    ...engage,
    crmIntegration: generateCrmIntegration(ids, users),
    crmSchema: generateCrmSchema(),
    logs: generateLogs(stream('logs'), anchorMs, users, calls, companyId),
    permissionProfiles: profiles,
  };
}
