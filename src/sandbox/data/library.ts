// Public library folders (a small tree per workspace) holding call snippets worth sharing.
import type { IdFactory, Random } from '../random.js';
import { formatCompanyTime, DAY_MS } from '../time.js';
import type { LibraryFolder, SandboxCall, SandboxUser, Workspace } from './types.js';

const TREE: ReadonlyArray<readonly [string, string | null, number]> = [
  // name, parent name, workspace index
  ['Best Discovery Calls', null, 0],
  ['Objection Handling', null, 0],
  ['Pricing Objections', 'Objection Handling', 0],
  ['Competitor Mentions', 'Objection Handling', 0],
  ['Great Demos', null, 0],
  ['New Hire Onboarding', null, 0],
  ['EMEA Wins', null, 1],
  ['Cold Call Openers', null, 1],
  ['Customer Stories', null, 2],
  ['Renewal Saves', null, 2],
];

const KINDS_BY_FOLDER: Record<string, readonly string[]> = {
  'Best Discovery Calls': ['discovery'], 'Objection Handling': ['cold-call', 'negotiation'], 'Pricing Objections': ['negotiation', 'renewal'],
  'Competitor Mentions': ['discovery', 'negotiation'], 'Great Demos': ['demo', 'technical'], 'New Hire Onboarding': ['discovery', 'demo', 'cold-call'],
  'EMEA Wins': ['demo', 'negotiation', 'discovery'], 'Cold Call Openers': ['cold-call'], 'Customer Stories': ['qbr', 'onboarding'], 'Renewal Saves': ['renewal', 'qbr'],
};

export function generateLibrary(
  rng: Random,
  ids: IdFactory,
  anchorMs: number,
  workspaces: readonly Workspace[],
  users: readonly SandboxUser[],
  calls: readonly SandboxCall[],
): LibraryFolder[] {
  const managers = users.filter((u) => u.role.endsWith('manager') || u.role.startsWith('vp'));
  const byName = new Map<string, LibraryFolder>();
  for (const [name, parent, ws] of TREE) {
    const workspace = workspaces[ws] as Workspace;
    const creator = rng.pick(managers.filter((m) => m.workspaceId === workspace.id).length > 0 ? managers.filter((m) => m.workspaceId === workspace.id) : managers);
    const candidates = calls.filter((c) => (KINDS_BY_FOLDER[name] ?? []).includes(c.kind) && c.metaData.workspaceId === workspace.id && !c.metaData.isPrivate);
    const chosen = rng.sample(candidates, rng.int(name === 'Objection Handling' ? 0 : 4, 12));
    const folder: LibraryFolder = {
      id: ids.id19(),
      name,
      parentFolderId: parent === null ? null : (byName.get(parent)?.id ?? null),
      createdBy: creator.id,
      updated: formatCompanyTime(anchorMs - rng.int(1, 90) * DAY_MS),
      workspaceId: workspace.id,
      calls: chosen.map((c) => {
        const fromSec = rng.int(0, Math.max(0, c.metaData.duration - 120));
        return {
          id: c.metaData.id,
          title: c.metaData.title,
          note: rng.pick(['Listen from the snippet start', 'Great example of active listening', 'Textbook handling', 'Use in onboarding', '']),
          addedBy: creator.id,
          created: formatCompanyTime(c.startedMs + rng.int(1, 20) * DAY_MS),
          url: c.metaData.url,
          snippet: { fromSec, toSec: Math.min(c.metaData.duration, fromSec + rng.int(30, 240)) },
        };
      }),
    };
    byName.set(name, folder);
  }
  return [...byName.values()];
}
