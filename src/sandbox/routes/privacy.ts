// Data privacy: find every reference to an email address or phone number, and erase it. Erasure is
// asynchronous and irreversible in Gong; here it takes effect at once and later lookups find nothing.
import type { Route, RouteContext } from '../router.js';
import type { SandboxCall } from '../data/types.js';
import { hashSeed } from '../random.js';
import { formatCompanyTime } from '../time.js';
import type { Json } from './common.js';

const digits = (s: string) => s.replace(/\D/g, '');

function callReference(call: SandboxCall): Json {
  return {
    id: call.metaData.id,
    status: 'Active',
    externalSystems: call.crmObjects.length > 0
      ? [{ system: 'Salesforce', objects: [{ objectType: 'Conversation', externalId: `00U5e00000${call.metaData.id.slice(-8)}` }] }]
      : [],
  };
}

/** A few synthetic email messages that mention the address (deterministic per address). */
function emailsFor(ctx: RouteContext, address: string, calls: readonly SandboxCall[]): Json[] {
  const n = hashSeed(ctx.state.data.seed, address) % 4;
  return Array.from({ length: calls.length > 0 ? n : 0 }, (_, i) => {
    const call = calls[i % calls.length] as SandboxCall;
    return {
      from: address,
      id: String(hashSeed(address, i)).padStart(12, '0'),
      sentTime: formatCompanyTime(call.startedMs - 86_400_000),
      mailbox: ctx.state.usersById.get(call.metaData.primaryUserId)?.emailAddress ?? '',
      messageHash: hashSeed('msg', address, i).toString(16).padStart(8, '0'),
    };
  });
}

function customerData(ctx: RouteContext, match: (c: { email: string; phoneNumber: string }) => boolean): Json[] {
  const objects: Json[] = [];
  for (const p of ctx.state.prospects.values()) {
    const c = p.contact;
    if (!match(c)) continue;
    objects.push({
      id: c.crmId,
      objectType: c.type === 'LEAD' ? 'Lead' : 'Contact',
      externalId: c.crmId,
      mirrorId: String(hashSeed('mirror', c.crmId)),
      fields: [{ name: 'Name', value: `${c.firstName} ${c.lastName}` }, { name: 'Email', value: c.email }],
    });
  }
  return objects.length > 0 ? [{ system: 'Salesforce', objects }] : [];
}

function meetingsWith(ctx: RouteContext, email: string): Json[] {
  return [...ctx.state.meetings.values()]
    .filter((m) => m.organizerEmail.toLowerCase() === email || ((m.body.invitees as Json[] | undefined) ?? []).some((i) => String(i.email).toLowerCase() === email))
    .map((m) => ({ id: m.meetingId }));
}

export const privacyRoutes: Route[] = [
  {
    method: 'GET', path: '/v2/data-privacy/data-for-email-address', operationId: 'findAllReferencesToEmailAddress', scope: 'api:data-privacy:read', cache: true,
    query: [{ name: 'emailAddress', required: true }],
    handle(ctx) {
      const email = (ctx.query.get('emailAddress') as string).toLowerCase();
      if (ctx.state.erased.has(email)) return { body: { emails: [], calls: [], meetings: [], customerData: [], customerEngagement: [] } };
      const calls = ctx.state.calls.filter((c) => c.parties.some((p) => p.emailAddress?.toLowerCase() === email));
      return {
        body: {
          emails: emailsFor(ctx, email, calls),
          calls: calls.map(callReference),
          meetings: meetingsWith(ctx, email),
          customerData: customerData(ctx, (c) => c.email.toLowerCase() === email),
          customerEngagement: ctx.state.customerEngagement.filter((e) => e.email === email).map((e) => e.record),
        },
      };
    },
  },
  {
    method: 'GET', path: '/v2/data-privacy/data-for-phone-number', operationId: 'findAllReferencesToPhoneNumber', scope: 'api:data-privacy:read', cache: true,
    query: [{ name: 'phoneNumber', required: true }],
    handle(ctx) {
      const supplied = ctx.query.get('phoneNumber') as string;
      const wanted = digits(supplied);
      const empty = { emails: [], calls: [], meetings: [], customerData: [], suppliedPhoneNumber: supplied, matchingPhoneNumbers: [], emailAddresses: [] };
      if (wanted === '' || ctx.state.erased.has(`tel:${wanted}`)) return { body: empty };
      const same = (phone: string | undefined) => phone !== undefined && digits(phone) === wanted;
      const calls = ctx.state.calls.filter((c) => c.parties.some((p) => same(p.phoneNumber)));
      const contacts = [...ctx.state.prospects.values()].map((p) => p.contact).filter((c) => same(c.phoneNumber));
      const users = ctx.state.data.users.filter((u) => same(u.phoneNumber));
      return {
        body: {
          ...empty,
          calls: calls.map(callReference),
          customerData: customerData(ctx, (c) => same(c.phoneNumber)),
          matchingPhoneNumbers: [...new Set([...contacts.map((c) => c.phoneNumber), ...users.map((u) => u.phoneNumber)])],
          emailAddresses: [...new Set([...contacts.map((c) => c.email), ...users.map((u) => u.emailAddress)])],
        },
      };
    },
  },
  {
    method: 'POST', path: '/v2/data-privacy/erase-data-for-email-address', operationId: 'purgeEmailAddress', scope: 'api:data-privacy:delete',
    query: [{ name: 'emailAddress', required: true }],
    handle(ctx) {
      ctx.state.erased.add((ctx.query.get('emailAddress') as string).toLowerCase());
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
  {
    method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', operationId: 'purgePhoneNumber', scope: 'api:data-privacy:delete',
    query: [{ name: 'phoneNumber', required: true }],
    handle(ctx) {
      ctx.state.erased.add(`tel:${digits(ctx.query.get('phoneNumber') as string)}`);
      ctx.state.applied(ctx.operationId);
      return { body: {} };
    },
  },
];
