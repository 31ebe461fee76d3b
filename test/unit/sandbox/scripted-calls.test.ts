// startSandbox({ calls }): a test's own calls replace the generated ones — served by listing,
// extensive and transcript routes exactly as written — while the rest of the tenant stays as seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type ScriptedCall } from '../../../src/sandbox/index.js';
import { ANCHOR, api } from './helpers.js';

const monologue = (speakerId: string, text: string, start: number) => ({ speakerId, topic: null, sentences: [{ start, end: start + 2000, text }] });

const CALLS: ScriptedCall[] = [
  {
    id: '7000000000000000002', title: 'Later call', started: '2025-03-02T15:00:00Z', duration: 600,
    parties: [
      { name: 'Dana Reyes', emailAddress: 'dana@seller.example', affiliation: 'Internal', speakerId: '51' },
      { emailAddress: 'dial-in@buyer.example', affiliation: 'External', speakerId: '52' },
    ],
    transcript: [monologue('51', 'We need a security review before signing.', 1500), monologue('52', 'Yeah.', 4000)],
  },
  {
    id: '7000000000000000001', title: 'Earlier call', started: '2025-03-01T09:30:00Z', duration: 300,
    parties: [{ name: 'Lee Park', affiliation: 'External', speakerId: '61' }],
    transcript: null,
  },
];

let sb: Sandbox;
let seeded: Sandbox;
beforeAll(async () => {
  [sb, seeded] = await Promise.all([
    startSandbox({ rateLimit: false, anchor: ANCHOR, calls: CALLS }),
    startSandbox({ rateLimit: false, anchor: ANCHOR }),
  ]);
});
afterAll(async () => {
  await Promise.all([sb.close(), seeded.close()]);
});

describe('scripted calls', () => {
  it('replace the generated calls, ordered by start; users, accounts and flows stay as seeded', () => {
    expect(sb.data.calls.map((c) => c.metaData.id)).toEqual(['7000000000000000001', '7000000000000000002']);
    expect(seeded.data.calls).toHaveLength(2000);
    expect(sb.data.users).toEqual(seeded.data.users);
    expect(sb.data.accounts).toEqual(seeded.data.accounts);
    expect(sb.data.flows).toEqual(seeded.data.flows);
  });

  it('are listed with their title, start, duration and a tenant user as host, filtered by their start', async () => {
    const all = await api(sb, 'GET', '/v2/calls');
    expect(all.json.records.totalRecords).toBe(2);
    const later = all.json.calls[1];
    expect(later).toMatchObject({ id: '7000000000000000002', title: 'Later call', duration: 600, url: 'https://app.gong.io/call?id=7000000000000000002' });
    expect(Date.parse(later.started)).toBe(Date.parse('2025-03-02T15:00:00Z'));
    expect(sb.data.users.map((u) => u.id)).toContain(later.primaryUserId);
    const day = await api(sb, 'GET', '/v2/calls', { query: { fromDateTime: '2025-03-02T00:00:00Z', toDateTime: '2025-03-03T00:00:00Z' } });
    expect(day.json.calls.map((c: { id: string }) => c.id)).toEqual(['7000000000000000002']);
  });

  it('show their parties as written; a party without a name has none', async () => {
    const res = await api(sb, 'POST', '/v2/calls/extensive', {
      body: { filter: { callIds: ['7000000000000000002'] }, contentSelector: { exposedFields: { parties: true } } },
    });
    const parties = res.json.calls[0].parties as Array<Record<string, unknown>>;
    expect(parties.map((p) => p.speakerId)).toEqual(['51', '52']);
    expect(parties[0]).toMatchObject({ name: 'Dana Reyes', emailAddress: 'dana@seller.example', affiliation: 'Internal' });
    expect(parties[1]).not.toHaveProperty('name');
  });

  it('answer transcripts word for word; a call without one is left out, and only such calls are a 404', async () => {
    const both = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: CALLS.map((c) => c.id) } } });
    expect(both.json.records.totalRecords).toBe(1);
    expect(both.json.callTranscripts).toEqual([{ callId: '7000000000000000002', transcript: CALLS[0]!.transcript }]);
    const silent = await api(sb, 'POST', '/v2/calls/transcript', { body: { filter: { callIds: ['7000000000000000001'] } } });
    expect(silent.status).toBe(404);
    expect(silent.json.errors).toEqual(['No calls found corresponding to the provided filters']);
  });

  it('refuse duplicate ids, unreadable starts and hosts that are not users', async () => {
    const one = CALLS[0]!;
    await expect(startSandbox({ calls: [one, one] })).rejects.toThrow(/appears twice/);
    await expect(startSandbox({ calls: [{ ...one, started: 'March 2nd' }] })).rejects.toThrow(/must be an ISO 8601 date-time/);
    await expect(startSandbox({ calls: [{ ...one, primaryUserId: '1' }] })).rejects.toThrow(/is not a user of the tenant/);
  });
});
