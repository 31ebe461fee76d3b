// Prospect companies as they sit in the CRM: accounts with contacts/leads and opportunities. Calls,
// Engage prospects, tasks and the generic-CRM objects all draw on the same accounts.
import { CITIES, COMPANY_PREFIXES, COMPANY_SUFFIXES, FIRST_NAMES, INDUSTRIES, LAST_NAMES, OPPORTUNITY_STAGES, PROSPECT_TITLES, slug } from './names.js';
import type { IdFactory, Random } from '../random.js';
import { utcDate, DAY_MS } from '../time.js';
import type { CrmAccount, CrmContact, CrmOpportunity, SandboxUser } from './types.js';

export const ACCOUNT_COUNT = 120;


export function generateAccounts(rng: Random, ids: IdFactory, anchorMs: number, users: readonly SandboxUser[]): CrmAccount[] {
  const aes = users.filter((u) => u.role === 'ae');
  const naAes = aes.filter((u) => u.workspaceId === aes[0]?.workspaceId);
  const emeaAes = aes.filter((u) => !naAes.includes(u));
  const usedNames = new Set<string>();
  const accounts: CrmAccount[] = [];
  while (accounts.length < ACCOUNT_COUNT) {
    const suffix = rng.pick(COMPANY_SUFFIXES);
    const name = `${rng.pick(COMPANY_PREFIXES)} ${suffix}`;
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    const [city, country] = rng.pick(CITIES);
    const emea = country !== 'USA' && country !== 'Canada';
    const owner = rng.pick(emea && emeaAes.length > 0 ? emeaAes : naAes);
    const domain = `${slug(name)}.example`;
    const crmId = ids.crm('001');
    const contacts: CrmContact[] = [];
    const contactCount = rng.int(3, 7);
    const titles = rng.sample(PROSPECT_TITLES, contactCount);
    for (let c = 0; c < contactCount; c++) {
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      const lead = rng.chance(0.2);
      contacts.push({
        crmId: ids.crm(lead ? '00Q' : '003'),
        type: lead ? 'LEAD' : 'CONTACT',
        firstName,
        lastName,
        email: `${slug(firstName)}.${slug(lastName)}@${domain}`,
        title: titles[c] ?? rng.pick(PROSPECT_TITLES),
        phoneNumber: emea ? `+44 20 7946 ${String(rng.int(0, 9999)).padStart(4, '0')}` : `+1 ${rng.int(201, 989)} 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`,
        accountCrmId: crmId,
      });
    }
    const opportunities: CrmOpportunity[] = [];
    const oppCount = rng.int(1, 3);
    for (let o = 0; o < oppCount; o++) {
      const stage = rng.weighted(OPPORTUNITY_STAGES.map((s, i) => [s, i < 5 ? 3 : 2] as const));
      opportunities.push({
        crmId: ids.crm('006'),
        name: `${name} - ${rng.pick(['New Business', 'Expansion', 'Renewal', 'Platform Upgrade'])} ${new Date(anchorMs).getUTCFullYear() - (o > 0 ? 1 : 0)}`,
        stage,
        amount: rng.int(12, 240) * 1000,
        probability: stage === 'Closed Won' ? 100 : stage === 'Closed Lost' ? 0 : 10 + OPPORTUNITY_STAGES.indexOf(stage) * 15,
        closeDate: utcDate(anchorMs + rng.int(-200, 120) * DAY_MS),
        accountCrmId: crmId,
        ownerUserId: owner.id,
      });
    }
    accounts.push({
      crmId,
      name,
      domain,
      industry: INDUSTRIES[suffix] ?? 'Technology',
      city,
      country,
      employees: rng.pick([80, 150, 400, 900, 2500, 6000, 15000]),
      ownerUserId: owner.id,
      workspaceId: owner.workspaceId,
      contacts,
      opportunities,
    });
  }
  return accounts;
}
