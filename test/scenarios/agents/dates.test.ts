// Date help: relative ranges in a time zone, inclusive ends made exclusive, stats kept off today,
// and every normalisation reported — through the resolver, gong_dates_resolve and date_range.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDateRange, statsDates } from '../../../src/dispatch/date-range.js';
import { applyDateRange } from '../../../src/dispatch/apply-date-range.js';
import { findTool } from '../../../src/catalog/index.js';
import { createConnector, InvalidInputError } from '../../../src/index.js';
import { systemClock, type Clock } from '../../../src/http/clock.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';
import { testConnector } from '../../support/connector.js';

// Wednesday 2026-03-11 15:00 UTC (16:00 in Paris, 11:00 in New York).
const NOW = Date.parse('2026-03-11T15:00:00Z');
const fixedClock: Clock = { ...systemClock, now: () => NOW };

describe('resolveDateRange', () => {
  it('last week in Europe/Paris is Monday to Monday, local midnights with the zone offset', () => {
    const r = resolveDateRange({ relative: 'last week', time_zone: 'Europe/Paris' }, NOW);
    expect(r.from_date_time).toBe('2026-03-02T00:00:00+01:00');
    expect(r.to_date_time).toBe('2026-03-09T00:00:00+01:00');
    expect([r.from_date, r.to_date]).toEqual(['2026-03-02', '2026-03-09']);
    expect(r.notes.join(' ')).toMatch(/previous whole week.*Monday to Sunday.*2026-03-02 through 2026-03-08/);
  });

  it('crosses a DST change: this month in New York starts at -05:00 and ends at -04:00', () => {
    const r = resolveDateRange({ relative: 'this month', time_zone: 'America/New_York' }, NOW);
    expect(r.from_date_time).toBe('2026-03-01T00:00:00-05:00');
    expect(r.to_date_time).toBe('2026-04-01T00:00:00-04:00');
  });

  it('counts "last N days" up to and including today, in the zone', () => {
    const r = resolveDateRange({ relative: 'Last 30 days', time_zone: 'UTC' }, NOW);
    expect([r.from_date, r.to_date]).toEqual(['2026-02-10', '2026-03-12']);
    const tokyo = resolveDateRange({ relative: 'today', time_zone: 'Asia/Tokyo' }, Date.parse('2026-03-11T20:00:00Z'));
    expect(tokyo.from_date_time).toBe('2026-03-12T00:00:00+09:00');
  });

  it('knows quarters, years, yesterday and months back', () => {
    const q = (relative: string) => { const r = resolveDateRange({ relative }, NOW); return [r.from_date, r.to_date]; };
    expect(q('this quarter')).toEqual(['2026-01-01', '2026-04-01']);
    expect(q('last quarter')).toEqual(['2025-10-01', '2026-01-01']);
    expect(q('last year')).toEqual(['2025-01-01', '2026-01-01']);
    expect(q('yesterday')).toEqual(['2026-03-10', '2026-03-11']);
    expect(q('last 2 months')).toEqual(['2026-01-12', '2026-03-12']);
    expect(q('this week')).toEqual(['2026-03-09', '2026-03-16']);
  });

  it('turns an inclusive end date into the next day, exclusive, and says so', () => {
    const r = resolveDateRange({ from: '2026-01-01', to: '2026-01-31', time_zone: 'America/Los_Angeles' }, NOW);
    expect(r.from_date_time).toBe('2026-01-01T00:00:00-08:00');
    expect(r.to_date_time).toBe('2026-02-01T00:00:00-08:00');
    expect(r.notes.some((n) => /inclusive.*2026-02-01T00:00:00-08:00/.test(n))).toBe(true);
  });

  it('keeps stats ranges off the current day and reports it', () => {
    const stats = statsDates(resolveDateRange({ relative: 'this month', time_zone: 'UTC' }, NOW), NOW);
    expect(stats).toMatchObject({ fromDate: '2026-03-01', toDate: '2026-03-11' });
    expect(stats.notes[0]).toMatch(/moved back to 2026-03-11/);
    expect(() => statsDates(resolveDateRange({ relative: 'today' }, NOW), NOW)).toThrow(/no stats for today/);
  });

  it('rejects what it cannot read, naming the problem', () => {
    expect(() => resolveDateRange({ relative: 'the other week' }, NOW)).toThrow(/not a relative range/);
    expect(() => resolveDateRange({ relative: 'today', time_zone: 'Mars/Olympus' }, NOW)).toThrow(/IANA/);
    expect(() => resolveDateRange({ from: '2026-02-30' }, NOW)).toThrow(/YYYY-MM-DD/);
    expect(() => resolveDateRange({ from: '2026-03-05', to: '2026-03-01' }, NOW)).toThrow(/empty/);
    expect(() => resolveDateRange({ relative: 'today', from: '2026-03-01' }, NOW)).toThrow(/not both/);
  });
});

describe('gong_dates_resolve', () => {
  it('runs without credentials or requests and shows both Gong forms', async () => {
    const connector = createConnector({ env: {}, clock: fixedClock });
    const r = await connector.executeTool('gong_dates_resolve', { relative: 'last month', time_zone: 'Europe/Paris' });
    expect(r.calls).toEqual({ fromDateTime: '2026-02-01T00:00:00+01:00', toDateTime: '2026-03-01T00:00:00+01:00' });
    expect(r.stats).toEqual({ fromDate: '2026-02-01', toDate: '2026-03-01' });
    expect(r.rate_limit).toEqual({ requests: 0, waited_ms: 0, connected: false });
    const today = await connector.executeTool('gong_dates_resolve', { relative: 'today' });
    expect(today.stats).toBeNull();
    expect((today.notes as string[]).join(' ')).toMatch(/no stats for today/);
    await expect(connector.executeTool('gong_dates_resolve', { time_zone: 'UTC' })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe('date_range on list tools', () => {
  let server: ReplyServer;
  afterEach(async () => server?.close());

  it('fills gong_calls_list\'s from/to and reports the range sent', async () => {
    server = await startReplyServer(() => ({ body: { requestId: 'r', records: { totalRecords: 0 }, calls: [] } }));
    const connector = testConnector(server.url, { clock: fixedClock });
    const r = await connector.executeTool('gong_calls_list', { date_range: { relative: 'last 7 days', time_zone: 'Europe/Paris' } });
    expect(Object.fromEntries(server.requests[0]!.query)).toMatchObject({ fromDateTime: '2026-03-05T00:00:00+01:00', toDateTime: '2026-03-12T00:00:00+01:00' });
    expect((r.notes as string[]).join(' ')).toMatch(/"last 7 days" in Europe\/Paris/);
    await expect(connector.executeTool('gong_calls_list', { date_range: { relative: 'today' }, from_date_time: '2026-03-01T00:00:00Z' }))
      .rejects.toMatchObject({ code: 'invalid_input', field: 'from_date_time' });
    await expect(connector.executeTool('gong_calls_extensive_list', { date_range: { relative: 'fortnight' } }))
      .rejects.toMatchObject({ code: 'invalid_input', field: 'date_range' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('applyDateRange on a stats tool (from_date/to_date)', () => {
  it('fills YYYY-MM-DD dates, the end kept to today, with notes', () => {
    const notes: string[] = [];
    const out = applyDateRange(findTool('gong_stats_activity_aggregate'), { date_range: { relative: 'this month', time_zone: 'Europe/Paris' } }, { note: (m) => notes.push(m), now: () => NOW });
    expect(out).toEqual({ from_date: '2026-03-01', to_date: '2026-03-11' });
    expect(notes.join(' ')).toMatch(/moved back to 2026-03-11/);
  });
});
