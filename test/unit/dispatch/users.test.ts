// The email → user id directory (src/dispatch/users.ts): one pass fills the cache, a TTL lets a
// long-lived connector see users added later, and the "no user" error names the caller's input.
import { describe, expect, it } from 'vitest';
import { UserDirectory, USER_CACHE_TTL_MS } from '../../../src/dispatch/users.js';
import type { CallContext, GongClient } from '../../../src/pipeline/client.js';
import { InvalidInputError } from '../../../src/http/errors.js';

type User = { id: string; emailAddress: string; emailAliases?: string[]; firstName?: string; lastName?: string; title?: string; managerId?: string; active?: boolean };

/** A users list of pages of two; records what was asked. */
function fakeGong(users: User[]): { client: GongClient; cursors: Array<string | undefined> } {
  const cursors: Array<string | undefined> = [];
  const client = {
    async request(req: { query: ReadonlyArray<readonly [string, string]> }) {
      const cursor = req.query.find(([k]) => k === 'cursor')?.[1];
      cursors.push(cursor);
      const start = cursor === undefined ? 0 : Number(cursor);
      const records: Record<string, unknown> = { totalRecords: users.length };
      if (start + 2 < users.length) records.cursor = String(start + 2);
      return { status: 200, headers: {}, attempts: 1, data: { users: users.slice(start, start + 2), records } };
    },
  } as unknown as GongClient;
  return { client, cursors };
}

const call: CallContext = { deadlineAt: Number.POSITIVE_INFINITY, waitedMs: 0, requests: 0 };
const users: User[] = [
  { id: '1', emailAddress: 'a@x.io' },
  { id: '2', emailAddress: 'b@x.io', emailAliases: ['bee@x.io'] },
  { id: '3', emailAddress: 'c@x.io' },
];

describe('UserDirectory', () => {
  it('pages only as far as the address, then answers from the cache (aliases and case included)', async () => {
    const gong = fakeGong(users);
    const dir = new UserDirectory({ now: () => 0 });
    expect(await dir.idByEmail('B@x.io', gong.client, call)).toBe('2');
    expect(gong.cursors).toEqual([undefined]);
    expect(await dir.idByEmail('bee@x.io', gong.client, call)).toBe('2');
    expect(await dir.idByEmail('c@x.io', gong.client, call)).toBe('3');
    expect(gong.cursors).toEqual([undefined, undefined, '2']);
  });

  it('a complete pass that misses is not repeated within the TTL, and is after it', async () => {
    let now = 1_000;
    const list = [...users];
    const gong = fakeGong(list);
    const dir = new UserDirectory({ now: () => now });
    await expect(dir.idByEmail('new@x.io', gong.client, call)).rejects.toBeInstanceOf(InvalidInputError);
    expect(gong.cursors).toEqual([undefined, '2']);

    list.push({ id: '4', emailAddress: 'new@x.io' });
    now += USER_CACHE_TTL_MS - 1;
    await expect(dir.idByEmail('new@x.io', gong.client, call)).rejects.toThrow('No Gong user has the email address new@x.io.');
    expect(gong.cursors).toHaveLength(2);

    now += 1;
    expect(await dir.idByEmail('new@x.io', gong.client, call)).toBe('4');
    expect(gong.cursors).toEqual([undefined, '2', undefined, '2']);
  });

  it('the TTL is ten minutes unless given', async () => {
    expect(USER_CACHE_TTL_MS).toBe(600_000);
    let now = 0;
    const gong = fakeGong(users);
    const dir = new UserDirectory({ now: () => now, ttlMs: 50 });
    await dir.idByEmail('a@x.io', gong.client, call);
    now = 49;
    await dir.idByEmail('a@x.io', gong.client, call);
    expect(gong.cursors).toHaveLength(1);
    now = 50;
    await dir.idByEmail('a@x.io', gong.client, call);
    expect(gong.cursors).toHaveLength(2);
  });

  it("the error names the caller's input, or email when none is given", async () => {
    const gong = fakeGong(users);
    const dir = new UserDirectory();
    const named = await dir.idByEmail('nobody@x.io', gong.client, call, 'assignee_email').catch((e: unknown) => e);
    expect(named).toMatchObject({ field: 'assignee_email', hint: 'Find the person with gong_users_find (a name or part of the address).' });
    const plain = await dir.idByEmail('nobody@x.io', gong.client, call).catch((e: unknown) => e);
    expect(plain).toMatchObject({ field: 'email' });
  });
});

describe('UserDirectory.find', () => {
  const people: User[] = [
    { id: '9007199254740993', emailAddress: 'jane.smith@acme.io', firstName: 'Jane', lastName: 'Smith', title: 'Account Executive', managerId: '20' },
    { id: '20', emailAddress: 'max.ng@acme.io', firstName: 'Max', lastName: 'Ng', title: 'Sales Director' },
    { id: '30', emailAddress: 'janet@acme.io', emailAliases: ['jd@old.io'], firstName: 'Janet', lastName: 'Doe', active: false },
  ];

  it('matches name, email, alias or title fragments case-insensitively, every word, exact email first', async () => {
    const gong = fakeGong(people);
    const dir = new UserDirectory({ now: () => 0 });
    expect((await dir.find('JANE', gong.client, call)).map((u) => u.id)).toEqual(['9007199254740993', '30']);
    expect((await dir.find('jane sm', gong.client, call)).map((u) => u.name)).toEqual(['Jane Smith']);
    expect((await dir.find('JD@old.io', gong.client, call)).map((u) => u.id)).toEqual(['30']);
    expect((await dir.find('director', gong.client, call)).map((u) => u.id)).toEqual(['20']);
    expect(await dir.find('nobody', gong.client, call)).toEqual([]);
    // One complete pass (two pages), then the cache answers.
    expect(gong.cursors).toEqual([undefined, '2']);
  });

  it('keeps what an agent acts on, ids as strings with every digit', async () => {
    const gong = fakeGong(people);
    const dir = new UserDirectory({ now: () => 0 });
    const [jane] = await dir.find('smith', gong.client, call);
    expect(jane).toEqual({ id: '9007199254740993', name: 'Jane Smith', email: 'jane.smith@acme.io', aliases: [], title: 'Account Executive', managerId: '20', active: true });
    expect(dir.byId('20')?.name).toBe('Max Ng');
    expect(dir.byId('30')?.active).toBe(false);
  });

  it('forgets everything after the TTL', async () => {
    let now = 0;
    const list = [...people];
    const gong = fakeGong(list);
    const dir = new UserDirectory({ now: () => now, ttlMs: 100 });
    expect(await dir.find('zoe', gong.client, call)).toEqual([]);
    list.push({ id: '40', emailAddress: 'zoe@acme.io', firstName: 'Zoe', lastName: 'Li' });
    now = 100;
    expect((await dir.find('zoe', gong.client, call)).map((u) => u.id)).toEqual(['40']);
  });
});
