// Permission profiles: three per workspace (admin, manager, individual contributor), shaped like Gong's
// `PermissionProfileDTO`.
import type { IdFactory } from '../random.js';
import type { PermissionLevel, PermissionProfile, Workspace } from './types.js';

/** The boolean capability flags of `PermissionProfileDTO`, in the spec's order. */
export const PROFILE_FLAGS = [
  'scoreCalls', 'overrideScore', 'downloadCallMedia', 'shareCallsWithCustomers', 'manuallyScheduleAndUploadCalls',
  'privateCalls', 'deleteCalls', 'trimCalls', 'listenInCalls', 'deleteEmails', 'callsAndSearch', 'library', 'deals',
  'createEditAndDeleteDealsBoards', 'dealsInlineEditing', 'account', 'coaching', 'usage', 'teamStats', 'initiatives',
  'market', 'activity', 'forecast', 'forecastManage', 'engageManageCompanyTemplates', 'engageManageCompanySequences',
  'engageCreateAndManageRulesets', 'engageSnoozeFlowToDosForOthers', 'engageAllowCrmFieldsViewChange',
  'viewEngageAnalyticsActivity', 'viewEngageAnalyticsPerformance', 'viewEngageAnalyticsFlows',
  'manageGeneralBusinessSettings', 'manageScorecards', 'exportCallsAndCoachingDataToCSV', 'crmDataInlineEditing',
  'crmDataImport', 'viewRevenueAnalytics', 'manageRevenueAnalytics', 'engageReassignFlowToDosToOthers',
  'engageAssignFlowToDosToOthers', 'dealsDataExport', 'aiBuilder', 'orchestrateCreateAndManagePlays',
] as const;

export type ProfileTier = 'admin' | 'manager' | 'contributor';

const TIERS: ReadonlyArray<{ tier: ProfileTier; name: string; description: string; level: PermissionLevel; flagsOn: number }> = [
  { tier: 'admin', name: 'Administrator', description: 'Full access to all calls, deals and settings', level: 'all', flagsOn: PROFILE_FLAGS.length },
  { tier: 'manager', name: 'Manager', description: 'Managers see their team and coach their reports', level: 'managers-team', flagsOn: 30 },
  { tier: 'contributor', name: 'Individual contributor', description: 'Reps see their own calls and deals', level: 'own', flagsOn: 16 },
];

function access(level: PermissionLevel): { permissionLevel: PermissionLevel; teamLeadIds: string[] } {
  return { permissionLevel: level, teamLeadIds: [] };
}

export function generatePermissionProfiles(
  ids: IdFactory,
  workspaces: readonly Workspace[],
): Array<PermissionProfile & { workspaceId: string; tier: ProfileTier }> {
  const profiles: Array<PermissionProfile & { workspaceId: string; tier: ProfileTier }> = [];
  for (const ws of workspaces) {
    for (const t of TIERS) {
      const profile: PermissionProfile & { workspaceId: string; tier: ProfileTier } = {
        id: ids.id19(),
        name: t.name,
        description: t.description,
        callsAccess: access(t.level),
        libraryFolderAccess: {
          permissionLevel: t.tier === 'contributor' ? 'specific-folders' : 'all',
          libraryFolderIds: [],
          managePublicFolder: t.tier !== 'contributor',
          manageStreams: t.tier !== 'contributor',
          manageFolderCalls: t.tier !== 'contributor',
          shareFoldersAndStreams: true,
        },
        dealsAccess: access(t.level),
        forecastPermissions: {
          forecastAccess: access(t.level),
          forecastEditSubmissions: access(t.tier === 'contributor' ? 'own' : t.level),
          forecastEditTargets: access(t.tier === 'admin' ? 'all' : 'none'),
        },
        coachingAccess: access(t.tier === 'contributor' ? 'none' : t.level),
        insightsAccess: access(t.level),
        usageAccess: access(t.tier === 'contributor' ? 'own' : t.level),
        emailsAccess: access(t.level),
        workspaceId: ws.id,
        tier: t.tier,
      };
      PROFILE_FLAGS.forEach((flag, i) => {
        profile[flag] = i < t.flagsOn;
      });
      profiles.push(profile);
    }
  }
  return profiles;
}
