// The generic CRM integration (one registered, with an int64 id above 2^53) and its field schema per
// object type. The objects themselves come from the accounts (see crmObjectsOf).
import type { IdFactory } from '../random.js';
import type { CrmAccount, CrmIntegration, CrmSchemaField, SandboxUser } from './types.js';

export function generateCrmIntegration(ids: IdFactory, users: readonly SandboxUser[]): CrmIntegration {
  const owner = users.find((u) => u.role === 'revops') ?? (users[0] as SandboxUser);
  return { integrationId: ids.id19(), ownerEmail: owner.emailAddress, name: 'Sandbox Generic CRM' };
}

export function generateCrmSchema(): Record<string, CrmSchemaField[]> {
  const modified = '2024-05-02T10:00:00Z';
  const f = (uniqueName: string, label: string, type: string, extra: Partial<CrmSchemaField> = {}): CrmSchemaField => ({
    uniqueName, label, type, lastModified: modified, isDeleted: false, ...extra,
  });
  return {
    ACCOUNT: [f('Name', 'Account Name', 'STRING'), f('Domain', 'Website', 'URL'), f('Industry', 'Industry', 'PICKLIST', { orderedValueList: ['Technology', 'Healthcare', 'Financial Services', 'Manufacturing', 'Retail'] }), f('NumberOfEmployees', 'Employees', 'NUMBER'), f('OwnerId', 'Account Owner', 'REFERENCE', { referenceTo: 'BUSINESS_USER' })],
    CONTACT: [f('FirstName', 'First Name', 'STRING'), f('LastName', 'Last Name', 'STRING'), f('Email', 'Email', 'EMAILADDRESS'), f('Title', 'Title', 'STRING'), f('Phone', 'Phone', 'PHONENUMBER'), f('AccountId', 'Account', 'REFERENCE', { referenceTo: 'ACCOUNT' })],
    DEAL: [f('Name', 'Deal Name', 'STRING'), f('StageName', 'Stage', 'PICKLIST', { orderedValueList: ['Qualification', 'Discovery', 'Solution Review', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'] }), f('Amount', 'Amount', 'CURRENCY'), f('CloseDate', 'Close Date', 'DATE'), f('Probability', 'Probability', 'PERCENT'), f('AccountId', 'Account', 'REFERENCE', { referenceTo: 'ACCOUNT' })],
    LEAD: [f('FirstName', 'First Name', 'STRING'), f('LastName', 'Last Name', 'STRING'), f('Email', 'Email', 'EMAILADDRESS'), f('Company', 'Company', 'STRING'), f('Status', 'Lead Status', 'PICKLIST', { orderedValueList: ['New', 'Working', 'Qualified', 'Unqualified'] })],
  };
}

/** The CRM records behind `GET /v2/crm/entities`, keyed by object type then CRM id. */
export function crmObjectsOf(accounts: readonly CrmAccount[]): Record<string, Map<string, Record<string, unknown>>> {
  const out: Record<string, Map<string, Record<string, unknown>>> = { ACCOUNT: new Map(), CONTACT: new Map(), DEAL: new Map(), LEAD: new Map() };
  for (const a of accounts) {
    out.ACCOUNT?.set(a.crmId, { objectId: a.crmId, Name: a.name, Domain: a.domain, Industry: a.industry, NumberOfEmployees: a.employees, OwnerId: a.ownerUserId });
    for (const c of a.contacts) {
      const record = { objectId: c.crmId, FirstName: c.firstName, LastName: c.lastName, Email: c.email, Title: c.title, Phone: c.phoneNumber };
      if (c.type === 'LEAD') out.LEAD?.set(c.crmId, { ...record, Company: a.name, Status: 'Working' });
      else out.CONTACT?.set(c.crmId, { ...record, AccountId: a.crmId });
    }
    for (const o of a.opportunities) {
      out.DEAL?.set(o.crmId, { objectId: o.crmId, Name: o.name, StageName: o.stage, Amount: o.amount, CloseDate: o.closeDate, Probability: o.probability, AccountId: a.crmId });
    }
  }
  return out;
}
