// People by name or email on the sandbox: gong_users_find answers from the cached directory in a
// few hundred tokens, and every user-id input takes an email, resolved to the id with a note
// (src/dispatch/user-refs.ts), while ids pass with every digit.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/catalog.generated.js';
import type { Connector } from '../../../src/connector.js';
import { InvalidInputError } from '../../../src/http/errors.js';
import type { Sandbox } from '../../../src/sandbox/index.js';
import { USER_ID_OR_EMAIL_PATTERN } from '../../../src/dispatch/user-refs.js';
import { useSandbox } from '../../support/sandbox.js';

let sb: Sandbox;
let connector: Connector;
useSandbox({ seed: 1, rateLimit: false }, (s, c) => { sb = s; connector = c; });

const patternOf = (schema: Record<string, any>) => (schema.type === 'array' ? schema.items.pattern : schema.pattern);

describe('user-id inputs', () => {
  it('every input that holds Gong user ids takes an email too, and no other input does', () => {
    const widened = catalog.tools.flatMap((t) => Object.entries(t.inputSchema.properties as Record<string, any>)
      .filter(([, s]) => patternOf(s) === USER_ID_OR_EMAIL_PATTERN).map(([n]) => `${t.name}.${n}`));
    expect(widened.sort()).toEqual([
      'gong_calls_create.primary_user', 'gong_calls_extensive_list.primary_user_ids', 'gong_calls_search.primary_user_ids',
      'gong_coaching_get.manager_id', 'gong_engage_task_complete.user_id', 'gong_engage_task_skip.user_id',
      'gong_engage_task_update.user_id', 'gong_stats_activity_aggregate.user_ids', 'gong_stats_activity_aggregate_by_period.user_ids',
      'gong_stats_activity_day_by_day.user_ids', 'gong_stats_scorecards_list.reviewed_user_ids', 'gong_stats_user_actions.user_ids',
      'gong_user_get.id', 'gong_user_settings_history_get.id', 'gong_users_get.user_ids',
    ]);
  });
});

describe('people by name or email on the sandbox', () => {
  it('gong_users_find: a name fragment → id, name, email, title and manager, in a few hundred tokens', async () => {
    const user = sb.data.users.find((u) => u.managerId && u.active)!;
    const manager = sb.data.users.find((u) => u.id === user.managerId)!;
    const result = await connector.executeTool('gong_users_find', { query: `${user.firstName} ${user.lastName}`.toUpperCase() });
    const users = result.users as Array<Record<string, unknown>>;
    expect(users[0]).toEqual({
      id: user.id, name: `${user.firstName} ${user.lastName}`, email: user.emailAddress, title: user.title,
      manager: { id: manager.id, name: `${manager.firstName} ${manager.lastName}` },
    });
    expect(JSON.stringify(result).length).toBeLessThan(1_600);
    // The second lookup is answered from the cache: no request.
    const again = await connector.executeTool('gong_users_find', { query: user.emailAddress.slice(0, 6) });
    expect((again.rate_limit as { requests: number }).requests).toBe(0);
  });

  it('says how many matched when it shows fewer', async () => {
    const result = await connector.executeTool('gong_users_find', { query: sb.data.users[0]!.emailAddress.split('@')[1]!, limit: 2 });
    expect(result.users).toHaveLength(2);
    expect(result.match_count as number).toBeGreaterThan(2);
    expect((result.notes as string[]).join(' ')).toMatch(/^Showing 2 of \d+ matches/);
  });

  it('a user id input given an email: resolved through the directory, with a note; ids keep every digit', async () => {
    const user = sb.data.users.find((u) => u.active)!;
    const byEmail = await connector.executeTool('gong_user_get', { id: user.emailAddress.toUpperCase() });
    expect((byEmail.user as { id: string }).id).toBe(user.id);
    expect(byEmail.notes).toEqual([`id: ${user.emailAddress.toUpperCase()} is Gong user ${user.id} (found in the user directory).`]);

    const other = sb.data.users.find((u) => u.id !== user.id)!;
    const mixed = await connector.executeTool('gong_users_get', { user_ids: [user.emailAddress, other.id] });
    expect((mixed.users as Array<{ id: string }>).map((u) => u.id).sort()).toEqual([user.id, other.id].sort());
  });

  it('hosted calls by the host\'s email: Gong filters them (primary_user_ids), not the connector', async () => {
    const host = sb.data.calls[0]!.metaData.primaryUserId;
    const email = sb.data.users.find((u) => u.id === host)!.emailAddress;
    const to = sb.data.anchor;
    const from = new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    const result = await connector.executeTool('gong_calls_extensive_list', { primary_user_ids: [email], from_date_time: from, to_date_time: to, limit: 5 });
    const calls = result.calls as Array<{ metaData: { primaryUserId: string } }>;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.metaData.primaryUserId === host)).toBe(true);
  });

  it('calls a person attended (not only hosted), customers included: the connector filters the parties Gong returns', async () => {
    const to = sb.data.anchor;
    const from = new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    const inRange = sb.data.calls.filter((c) => Date.parse(c.metaData.started) >= Date.parse(from) && Date.parse(c.metaData.started) < Date.parse(to));
    const customer = inRange.flatMap((c) => c.parties).find((p) => p.affiliation === 'External' && p.emailAddress)!.emailAddress!;
    const attended = inRange.filter((c) => c.parties.some((p) => p.emailAddress?.toLowerCase() === customer.toLowerCase()));
    expect(attended.length).toBeGreaterThan(0);
    const result = await connector.executeTool('gong_calls_extensive_list', { from_date_time: from, to_date_time: to, participants: [customer.toUpperCase()], limit: 1000 });
    const calls = result.calls as Array<{ metaData: { id: string } }>;
    expect(calls.map((c) => c.metaData.id).sort()).toEqual(attended.map((c) => c.metaData.id).sort());
    expect((result.notes as string[]).join(' ')).toMatch(/left out by the connector itself \(Gong has no such filter\): only records with a party among/);

    // By Gong user id: every call with that user among the parties, hosted or not.
    const user = inRange[0]!.parties.find((p) => p.userId)!.userId!;
    const byId = await connector.executeTool('gong_calls_extensive_list', { from_date_time: from, to_date_time: to, participants: [user], limit: 1000 });
    const expected = inRange.filter((c) => c.parties.some((p) => p.userId === user)).map((c) => c.metaData.id).sort();
    expect((byId.calls as Array<{ metaData: { id: string } }>).map((c) => c.metaData.id).sort()).toEqual(expected);
  });

  it('an unknown email is an invalid_input naming the field and the way to find people; a malformed one never reaches Gong', async () => {
    const error = await connector.executeTool('gong_stats_user_actions', { from_date_time: '2026-01-01T00:00:00Z', to_date_time: '2026-01-02T00:00:00Z', user_ids: ['nobody@nowhere.io'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'user_ids', message: 'No Gong user has the email address nobody@nowhere.io.' });
    const bad = await connector.executeTool('gong_user_get', { id: 'jane' }).catch((e: unknown) => e);
    expect((bad as Error).message).toContain("a Gong user id (1–20 digits) or the user's email address");
  });
});
