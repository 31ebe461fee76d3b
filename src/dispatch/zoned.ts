// Calendar arithmetic in an IANA time zone with nothing but Intl: local midnights as instants,
// the local date of an instant, and ISO 8601 strings carrying the zone's offset.

export interface LocalDate {
  y: number;
  m: number; // 1–12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** The zone's offset from UTC at an instant (ms, east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - whole;
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  const { y, m, d } = wallClock(instant, timeZone);
  return { y, m, d };
}

/** The instant at which the local day begins (00:00, or the first instant after a DST gap). */
export function startOfDay(date: LocalDate, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  let t = guess - offsetAt(guess, timeZone);
  const again = guess - offsetAt(t, timeZone);
  if (again !== t) t = Math.min(t, again);
  // A midnight skipped by a DST change: the day starts at the first local instant of that date.
  while (dayKey(localDateOf(t, timeZone)) < dayKey(date)) t += 3_600_000;
  return t;
}

const dayKey = (d: LocalDate) => d.y * 10_000 + d.m * 100 + d.d;

/** Add days (may be negative) using the proleptic calendar, independent of any zone. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Add months, clamping the day to the target month's length (Mar 31 − 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(date.d, last) };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: LocalDate): number {
  const w = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(date: LocalDate): string {
  return `${String(date.y).padStart(4, '0')}-${p2(date.m)}-${p2(date.d)}`;
}

export function parseDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const back = addDays(date, 0);
  return back.y === date.y && back.m === date.m && back.d === date.d ? date : undefined;
}

/** `2026-01-05T00:00:00+01:00` (or `Z` in UTC): the instant as the zone's wall clock. */
export function isoInZone(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const off = Math.round(offsetAt(instant, timeZone) / 60_000);
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
  return `${String(w.y).padStart(4, '0')}-${p2(w.m)}-${p2(w.d)}T${p2(w.h)}:${p2(w.mi)}:${p2(w.s)}${zone}`;
}
