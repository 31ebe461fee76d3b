// Converters and computed fields the manifest refers to.
import { describe, expect, it } from 'vitest';
import { CONVERTERS, type ConvertContext } from '../../../src/dispatch/convert.js';
import { COMPUTED } from '../../../src/dispatch/computed.js';
import { JsonInteger, stringifyJson } from '../../../src/http/json.js';

function context(inputName = 'x'): ConvertContext & { notes: string[] } {
  const notes: string[] = [];
  return {
    notes,
    inputName,
    note: (m) => { notes.push(m); },
    now: () => Date.parse('2025-06-15T12:00:00Z'),
    userIdByEmail: async (email) => (email === 'ann@company.example' ? '234599484848423' : Promise.reject(new Error('unknown'))),
  };
}
const convert = (name: string, value: unknown, ctx = context()) => CONVERTERS[name]!(value, ctx);

describe('converters', () => {
  it('user_id_by_email: resolves the id and names the input it came from', async () => {
    const asked: Array<[string, string | undefined]> = [];
    const ctx = { ...context('assignee_email'), userIdByEmail: async (email: string, field?: string) => { asked.push([email, field]); return '7'; } };
    expect(await convert('user_id_by_email', 'ann@company.example', ctx)).toBe('7');
    expect(asked).toEqual([['ann@company.example', 'assignee_email']]);
  });

  it('user_id_or_email: ids pass as strings with every digit, emails become ids with a note, duplicates fold', async () => {
    const ctx = context('user_ids');
    expect(await convert('user_id_or_email', ['9007199254740993', ' ann@company.example ', '234599484848423'], ctx)).toEqual(['9007199254740993', '234599484848423']);
    expect(ctx.notes).toEqual(['user_ids: ann@company.example is Gong user 234599484848423 (found in the user directory).']);
    expect(await convert('user_id_or_email', '12345678901234567890', ctx)).toBe('12345678901234567890');
    const dry = { ...context('id'), userIdByEmail: async (email: string) => `<the Gong user id of ${email}, looked up at run time>` };
    await convert('user_id_or_email', 'ann@company.example', dry);
    expect(dry.notes).toEqual(['id: ann@company.example is looked up in the user directory when the call runs.']);
  });

  it('words: an enum constant as timeline words', () => {
    expect(convert('words', 'EMAIL_LINK_CLICKED')).toBe('email link clicked');
    expect(convert('words', 'EMAIL_OPENED')).toBe('email opened');
  });

  it('call_parties: snake_case keys to camelCase, camelCase kept, speakerId dropped with a note', () => {
    const ctx = context('parties');
    const out = convert('call_parties', [
      { email_address: 'a@x.example', user_id: '1', media_channel_id: 0, speaker_id: 's1' },
      { emailAddress: 'b@x.example', speakerId: 's2', partyId: '2' },
    ], ctx);
    expect(out).toEqual([
      { emailAddress: 'a@x.example', userId: '1', mediaChannelId: 0 },
      { emailAddress: 'b@x.example', partyId: '2' },
    ]);
    expect(ctx.notes).toEqual(['parties: speakerId was not sent; Gong assigns speaker ids itself when it transcribes the call.']);
    const quiet = context('parties');
    convert('call_parties', [{ name: 'Ann' }], quiet);
    expect(quiet.notes).toEqual([]);
  });

  it('ai_content_selector: chosen fields, all five when empty, callSummary as the brief', () => {
    const all = { exposedFields: { content: { brief: true, outline: true, highlights: true, keyPoints: true, callOutcome: true } } };
    expect(convert('ai_content_selector', [])).toEqual(all);
    expect(convert('ai_content_selector', undefined)).toEqual(all);
    expect(convert('ai_content_selector', ['outline'])).toEqual({ exposedFields: { content: { outline: true } } });
    const ctx = context('content_selector');
    expect(convert('ai_content_selector', ['callSummary', 'highlights'], ctx)).toEqual({ exposedFields: { content: { brief: true, highlights: true } } });
    expect(ctx.notes.join(' ')).toMatch(/callSummary returns the brief/);
  });

  it('crm_account_contexts and crm_prospects build Gong business contexts and prospects', () => {
    expect(convert('crm_account_contexts', '001A')).toEqual([{ objectType: 'ACCOUNT', objectId: '001A' }]);
    expect(convert('crm_prospects', ['003A', '003B'])).toEqual([{ crmId: '003A' }, { crmId: '003B' }]);
  });

  it('camel_keys converts nested keys but never values', () => {
    expect(convert('camel_keys', [{ call_id: 'x_y', user_ids: ['a_b'], nested_obj: { inner_key: 1 } }]))
      .toEqual([{ callId: 'x_y', userIds: ['a_b'], nestedObj: { innerKey: 1 } }]);
  });

  it('int64 keeps every digit of an id sent as a JSON number', () => {
    expect(stringifyJson({ id: convert('int64', '2271307570613351879') })).toBe('{"id":2271307570613351879}');
    expect(convert('int64', '12')).toBeInstanceOf(JsonInteger);
  });

  it('user_id_by_email resolves through the context', async () => {
    await expect(convert('user_id_by_email', 'ann@company.example')).resolves.toBe('234599484848423');
  });
});

describe('computed fields', () => {
  const EVENT = { email_id: 'm1', event_type: 'EMAIL_OPENED', event_timestamp: '2025-03-01T10:00:00Z', prospect_email: 'p@x.example' };

  it('event_id: the caller\'s id, else a stable digest that changes with any input', () => {
    const id = COMPUTED.event_id!(EVENT) as string;
    expect(id).toMatch(/^ge-[0-9a-f]{32}$/);
    expect(COMPUTED.event_id!({ ...EVENT })).toBe(id);
    expect(COMPUTED.event_id!({ prospect_email: 'p@x.example', event_timestamp: '2025-03-01T10:00:00Z', event_type: 'EMAIL_OPENED', email_id: 'm1' })).toBe(id);
    expect(COMPUTED.event_id!({ ...EVENT, event_timestamp: '2025-03-01T10:00:01Z' })).not.toBe(id);
    expect(COMPUTED.event_id!({ ...EVENT, event_id: 'mine' })).toBe('mine');
  });

  it('client_unique_id: the caller\'s id, else a stable digest of the other inputs', () => {
    const input = { actual_start: '2025-03-01T14:00:00Z', parties: [{ user_id: '1' }] };
    const id = COMPUTED.client_unique_id!(input) as string;
    expect(id).toMatch(/^gc-[0-9a-f]{32}$/);
    expect(COMPUTED.client_unique_id!(structuredClone(input))).toBe(id);
    expect(COMPUTED.client_unique_id!({ ...input, client_unique_id: 'pbx-1' })).toBe('pbx-1');
  });

  it('primary_user: explicit, else the first party with a user id, else an input error', () => {
    expect(COMPUTED.primary_user!({ primary_user: '9', parties: [{ user_id: '1' }] })).toBe('9');
    expect(COMPUTED.primary_user!({ parties: [{ name: 'x' }, { userId: '2' }, { user_id: '3' }] })).toBe('2');
    expect(() => COMPUTED.primary_user!({ parties: [{ name: 'x' }] })).toThrow(RangeError);
  });

  it('content titles and the person business context', () => {
    expect(COMPUTED.digital_content_title!({ event_name: 'Visited' })).toBe('Visited');
    expect(COMPUTED.digital_content_title!({ event_name: 'Visited', content_title: 'Pricing' })).toBe('Pricing');
    expect(COMPUTED.email_content_title!({ email_id: 'm1' })).toBe('Email m1');
    expect(COMPUTED.email_content_title!({ email_id: 'm1', email_subject: 'Hello' })).toBe('Hello');
    expect(COMPUTED.person_business_context!({ crm_contact_id: '003A' })).toEqual({ objectType: 'CONTACT', objectId: '003A' });
    expect(COMPUTED.person_business_context!({ crm_contact_id: '00QA', crm_contact_type: 'LEAD' })).toEqual({ objectType: 'LEAD', objectId: '00QA' });
    expect(COMPUTED.person_business_context!({})).toBeUndefined();
  });
});
