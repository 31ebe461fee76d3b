// Workspaces and the 40-person revenue team: a CEO, two VPs, managers and their reps, so that
// `managerId` forms a real hierarchy (coaching and stats depend on it).
import { FIRST_NAMES, LAST_NAMES, SELLER, slug } from './names.js';
import type { IdFactory, Random } from '../random.js';
import { formatCompanyTime, DAY_MS } from '../time.js';
import type { ProfileTier } from './permissions.js';
import type { SandboxUser, UserRole, UserSettingsChange, Workspace } from './types.js';

export function generateWorkspaces(ids: IdFactory): Workspace[] {
  return [
    { id: ids.id19(), name: 'North America Sales', description: 'New business and expansion in the US and Canada' },
    { id: ids.id19(), name: 'EMEA Sales', description: 'New business in Europe, the Middle East and Africa' },
    { id: ids.id19(), name: 'Customer Success', description: 'Onboarding, renewals and business reviews' },
  ];
}

interface Seat {
  role: UserRole;
  title: string;
  /** Index of the manager's seat in SEATS. */
  manager?: number;
  /** Workspace index: 0 NA sales, 1 EMEA sales, 2 customer success. */
  ws: number;
}

// 40 seats; indexes matter because `manager` refers back to them.
const SEATS: Seat[] = [
  { role: 'ceo', title: 'Chief Executive Officer', ws: 0 }, // 0
  { role: 'vp-sales', title: 'VP of Sales', manager: 0, ws: 0 }, // 1
  { role: 'vp-cs', title: 'VP of Customer Success', manager: 0, ws: 2 }, // 2
  { role: 'revops', title: 'Revenue Operations Manager', manager: 0, ws: 0 }, // 3
  { role: 'sales-manager', title: 'Sales Manager, Mid-Market', manager: 1, ws: 0 }, // 4
  { role: 'sales-manager', title: 'Sales Manager, Enterprise', manager: 1, ws: 0 }, // 5
  { role: 'sales-manager', title: 'Sales Manager, EMEA', manager: 1, ws: 1 }, // 6
  { role: 'sdr-manager', title: 'SDR Manager', manager: 1, ws: 0 }, // 7
  { role: 'cs-manager', title: 'Customer Success Manager Lead', manager: 2, ws: 2 }, // 8
  { role: 'cs-manager', title: 'Director of Onboarding', manager: 2, ws: 2 }, // 9
  ...Array.from({ length: 4 }, (): Seat => ({ role: 'ae', title: 'Account Executive', manager: 4, ws: 0 })), // 10-13
  ...Array.from({ length: 4 }, (): Seat => ({ role: 'ae', title: 'Enterprise Account Executive', manager: 5, ws: 0 })), // 14-17
  ...Array.from({ length: 4 }, (): Seat => ({ role: 'ae', title: 'Account Executive, EMEA', manager: 6, ws: 1 })), // 18-21
  ...Array.from({ length: 8 }, (_, i): Seat => ({ role: 'sdr', title: 'Sales Development Representative', manager: 7, ws: i < 6 ? 0 : 1 })), // 22-29
  ...Array.from({ length: 3 }, (): Seat => ({ role: 'se', title: 'Solutions Engineer', manager: 1, ws: 0 })), // 30-32
  ...Array.from({ length: 4 }, (): Seat => ({ role: 'csm', title: 'Customer Success Manager', manager: 8, ws: 2 })), // 33-36
  ...Array.from({ length: 3 }, (): Seat => ({ role: 'csm', title: 'Onboarding Specialist', manager: 9, ws: 2 })), // 37-39
];

const TIER_BY_ROLE: Record<UserRole, ProfileTier> = {
  ceo: 'admin', 'vp-sales': 'admin', 'vp-cs': 'admin', revops: 'admin', 'sales-manager': 'manager',
  'sdr-manager': 'manager', 'cs-manager': 'manager', ae: 'contributor', sdr: 'contributor', se: 'contributor',
  csm: 'contributor', avatar: 'contributor',
};


export function generateUsers(
  rng: Random,
  ids: IdFactory,
  anchorMs: number,
  workspaces: readonly Workspace[],
  profiles: ReadonlyArray<{ id: string; workspaceId: string; tier: ProfileTier }>,
): { users: SandboxUser[]; avatars: SandboxUser[] } {
  const firstNames = rng.sample(FIRST_NAMES, SEATS.length + 2);
  const lastNames = rng.sample(LAST_NAMES, SEATS.length + 2);
  const users: SandboxUser[] = [];
  const make = (seat: Seat, i: number, managerId: string | undefined): SandboxUser => {
    const firstName = firstNames[i] as string;
    const lastName = lastNames[i % lastNames.length] as string;
    const email = `${slug(firstName)}.${slug(lastName)}@${SELLER.domain}`;
    const ws = workspaces[seat.ws] as Workspace;
    // Leaders joined first; everyone joined 2 months to 4 years before the anchor.
    const createdMs = anchorMs - (seat.role === 'avatar' ? 1500 : rng.int(seat.manager === undefined ? 1300 : 60, 1460)) * DAY_MS - rng.int(0, 86_399_999);
    const id = ids.id19();
    const profile = profiles.find((p) => p.workspaceId === ws.id && p.tier === TIER_BY_ROLE[seat.role]);
    const phone = `+1 617 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`;
    const user: SandboxUser = {
      id,
      emailAddress: email,
      created: formatCompanyTime(createdMs),
      active: true,
      emailAliases: rng.chance(0.25) ? [`${slug(firstName)[0]}${slug(lastName)}@${SELLER.domain}`] : [],
      trustedEmailAddress: email,
      firstName,
      lastName,
      title: seat.title,
      phoneNumber: phone,
      extension: rng.chance(0.3) ? String(rng.int(100, 499)) : '',
      personalMeetingUrls: [`https://zoom.us/j/${rng.digits(10)}`],
      settings: {
        webConferencesRecorded: seat.role !== 'avatar',
        preventWebConferenceRecording: false,
        telephonyCallsImported: seat.role === 'sdr' || seat.role === 'ae' || seat.role === 'csm',
        emailsImported: seat.role !== 'ceo',
        preventEmailImport: false,
        nonRecordedMeetingsImported: rng.chance(0.5),
        gongConnectEnabled: seat.role === 'sdr' || seat.role === 'ae',
      },
      meetingConsentPageUrl: `https://app.gong.io/consent/${slug(firstName)}-${id.slice(-6)}`,
      conferencingProviders: [
        { provider: 'Zoom', isDefault: true },
        ...(rng.chance(0.4) ? [{ provider: 'Google Meet', isDefault: false }] : []),
      ],
      spokenLanguages: [
        { language: 'en-US', primary: true },
        ...(seat.ws === 1 && rng.chance(0.6) ? [{ language: rng.pick(['de-DE', 'fr-FR', 'es-ES']), primary: false }] : []),
      ],
      createdMs,
      workspaceId: ws.id,
      role: seat.role,
      permissionProfileId: profile?.id ?? '',
    };
    if (managerId !== undefined) user.managerId = managerId;
    return user;
  };
  SEATS.forEach((seat, i) => {
    const managerId = seat.manager === undefined ? undefined : (users[seat.manager] as SandboxUser).id;
    users.push(make(seat, i, managerId));
  });
  // Two people left the company; one onboarding specialist cannot be recorded (POST /v2/calls → 409).
  (users[29] as SandboxUser).active = false;
  (users[39] as SandboxUser).active = false;
  const unrecorded = users[38] as SandboxUser;
  unrecorded.settings = { ...unrecorded.settings, webConferencesRecorded: false, telephonyCallsImported: false };

  const avatarSeat: Seat = { role: 'avatar', title: 'Gong Customer Success', ws: 0 };
  const avatars = [0, 1].map((k) => {
    const a = make(avatarSeat, SEATS.length + k, undefined);
    a.emailAddress = `${slug(a.firstName)}.${slug(a.lastName)}@gong.io`;
    a.trustedEmailAddress = a.emailAddress;
    a.title = k === 0 ? 'Gong Customer Success Manager' : 'Gong Support Engineer';
    return a;
  });
  return { users, avatars };
}

const HISTORY_SETTINGS = [
  'webConferencesRecorded', 'emailsImported', 'nonRecordedMeetingsImported', 'gongConnectEnabled', 'callsImported',
  'preventEmailImport',
] as const;

/** A few settings changes per user since they joined, oldest first, ending in their current values. */
export function generateSettingsHistory(rng: Random, users: readonly SandboxUser[], anchorMs: number): Record<string, UserSettingsChange[]> {
  const out: Record<string, UserSettingsChange[]> = {};
  for (const u of users) {
    const changes: UserSettingsChange[] = [{ setting: 'active', value: true, time: u.created }];
    const n = rng.int(1, 4);
    let t = u.createdMs;
    for (let i = 0; i < n; i++) {
      t += rng.int(1, Math.max(2, Math.floor((anchorMs - t) / DAY_MS / (n - i + 1)))) * DAY_MS;
      if (t >= anchorMs) break;
      const setting = rng.pick(HISTORY_SETTINGS);
      changes.push({ setting, value: setting === 'preventEmailImport' ? false : rng.chance(0.7), time: formatCompanyTime(t) });
    }
    if (!u.active) changes.push({ setting: 'active', value: false, time: formatCompanyTime(anchorMs - rng.int(10, 60) * DAY_MS) });
    out[u.id] = changes;
  }
  return out;
}
