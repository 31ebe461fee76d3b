// Helpers shared by the route modules: Gong's date rules, int64 output, body access.
import { JsonInteger } from '../../http/json.js';
import { badRequest } from '../errors.js';
import { companyDayStart, isCalendarDate, parseDateTime, COMPANY_TIME_ZONE } from '../time.js';
import type { SandboxUser } from '../data/types.js';
import type { RouteContext } from '../router.js';

export type Json = Record<string, unknown>;

/** The JSON body as an object (schemas have already checked its shape). */
export function bodyOf(ctx: RouteContext): Json {
  return (ctx.body ?? {}) as Json;
}

/** An int64 sent as a raw JSON number literal with every digit (answered scorecards, integrationId…). */
export function int64(digits: string): JsonInteger {
  return new JsonInteger(digits);
}

/** Half-open `[from, to)` from optional ISO date-times; a malformed value or from > to is a 400. */
export function dateTimeRange(from: unknown, to: unknown, names: readonly [string, string] = ['fromDateTime', 'toDateTime']): { fromMs: number; toMs: number } {
  const parse = (value: unknown, name: string, fallback: number): number => {
    if (value === undefined || value === null || value === '') return fallback;
    const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
    if (ms === undefined) throw badRequest(`${name} must be an ISO-8601 date-time, e.g. 2024-02-18T08:00:00Z; got '${String(value)}'`);
    return ms;
  };
  const fromMs = parse(from, names[0], Number.NEGATIVE_INFINITY);
  const toMs = parse(to, names[1], Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw badRequest(`${names[0]} must not be after ${names[1]}`);
  return { fromMs, toMs };
}

export interface StatsRange {
  fromDate: string;
  toDate: string;
  fromMs: number;
  toMs: number;
}

/**
 * Gong's stats dates: `YYYY-MM-DD` in the company time zone, from inclusive, to exclusive, and the
 * range may not end after the current day. Anything else is a 400.
 */
export function statsRange(fromDate: unknown, toDate: unknown, today: string, names: readonly [string, string] = ['fromDate', 'toDate']): StatsRange {
  for (const [value, name] of [[fromDate, names[0]], [toDate, names[1]]] as const) {
    if (typeof value !== 'string' || !isCalendarDate(value)) {
      throw badRequest(`${name} must be a date in the format YYYY-MM-DD; got '${String(value)}'`);
    }
  }
  const from = fromDate as string;
  const to = toDate as string;
  if (to > today) throw badRequest(`${names[1]} ${to} cannot be later than the current day (${today})`);
  if (from > to) throw badRequest(`${names[0]} must not be after ${names[1]}`);
  return { fromDate: from, toDate: to, fromMs: companyDayStart(from), toMs: companyDayStart(to) };
}

/** The `fromDateTime`/`toDateTime`/`timeZone` echo of the stats responses. */
export function statsEcho(range: StatsRange): Json {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return { fromDateTime: iso(range.fromMs), toDateTime: iso(range.toMs), timeZone: COMPANY_TIME_ZONE };
}

/** `UserMetadata` without the sandbox's own fields. */
export function userMetadata(u: SandboxUser): Json {
  const { createdMs: _c, workspaceId: _w, role: _r, permissionProfileId: _p, ...meta } = u;
  return meta;
}

export function asStringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`;
}
