// Date help for agents (docs/contracts.md#date-help): relative ranges in a time zone, inclusive end dates
// turned into Gong's exclusive ends, and stats ranges kept off the current day. Every choice made
// is returned as a note so the agent knows exactly what was asked of Gong.
import {
  addDays, addMonths, formatDate, isTimeZone, isoInZone, isoWeekday, localDateOf, parseDate, startOfDay, type LocalDate,
} from './zoned.js';

export interface DateRangeInput {
  relative?: string;
  from?: string;
  to?: string;
  time_zone?: string;
}

export interface ResolvedRange {
  time_zone: string;
  /** Inclusive start as an ISO date-time in the zone. */
  from_date_time?: string;
  /** Exclusive end as an ISO date-time in the zone. */
  to_date_time?: string;
  /** The same range as local calendar dates: from inclusive, to exclusive. */
  from_date?: string;
  to_date?: string;
  notes: string[];
}

export const RELATIVE_RANGES = 'today, yesterday, last N days, last N weeks, last N months, this week, last week, this month, last month, this quarter, last quarter, this year, last year';

const RELATIVE = /^\s*(?:(today)|(yesterday)|(?:last|past)\s+(\d{1,4})\s+(day|week|month)s?|(this|last|previous)\s+(week|month|quarter|year))\s*$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

interface Period {
  from: LocalDate;
  /** Exclusive end day. */
  to: LocalDate;
  meaning: string;
}

function periodStart(today: LocalDate, unit: string): LocalDate {
  switch (unit) {
    case 'week': return addDays(today, 1 - isoWeekday(today));
    case 'month': return { y: today.y, m: today.m, d: 1 };
    case 'quarter': return { y: today.y, m: today.m - ((today.m - 1) % 3), d: 1 };
    default: return { y: today.y, m: 1, d: 1 };
  }
}

function periodLength(unit: string): number {
  return unit === 'quarter' ? 3 : unit === 'year' ? 12 : 1;
}

function relativePeriod(text: string, today: LocalDate): Period {
  const m = RELATIVE.exec(text);
  if (!m) throw new RangeError(`'${text}' is not a relative range this connector knows (${RELATIVE_RANGES}).`);
  if (m[1]) return { from: today, to: addDays(today, 1), meaning: 'today (so far; later calls do not exist yet)' };
  if (m[2]) return { from: addDays(today, -1), to: today, meaning: 'yesterday' };
  if (m[3]) {
    const n = Number(m[3]);
    if (n < 1) throw new RangeError(`'${text}': the number must be at least 1.`);
    const unit = m[4]!.toLowerCase();
    const end = addDays(today, 1);
    const from = unit === 'day' ? addDays(today, 1 - n) : unit === 'week' ? addDays(today, 1 - 7 * n) : addMonths(end, -n);
    return { from, to: end, meaning: `the ${n} ${unit}${n > 1 ? 's' : ''} ending today, today included` };
  }
  const which = m[5]!.toLowerCase();
  const unit = m[6]!.toLowerCase();
  const start = periodStart(today, unit);
  const step = (d: LocalDate, k: number) => (unit === 'week' ? addDays(d, 7 * k) : addMonths(d, periodLength(unit) * k));
  const weekNote = unit === 'week' ? ' (weeks run Monday to Sunday)' : '';
  if (which === 'this') return { from: start, to: step(start, 1), meaning: `the current ${unit}${weekNote}, including days still to come` };
  return { from: step(start, -1), to: start, meaning: `the previous whole ${unit}${weekNote}` };
}

/** Resolve a range for Gong. Throws RangeError with an agent-readable message on bad input. */
export function resolveDateRange(input: DateRangeInput, now: number): ResolvedRange {
  const tz = input.time_zone ?? 'UTC';
  if (!isTimeZone(tz)) throw new RangeError(`time_zone '${tz}' is not an IANA time zone name (e.g. America/New_York, Europe/Paris, UTC).`);
  const notes: string[] = [];
  if (input.time_zone === undefined) notes.push('No time_zone given: days are counted in UTC.');
  const out: ResolvedRange = { time_zone: tz, notes };
  const today = localDateOf(now, tz);

  if (input.relative !== undefined) {
    if (input.from !== undefined || input.to !== undefined) throw new RangeError('Give either relative or from/to, not both.');
    const p = relativePeriod(input.relative, today);
    out.from_date_time = isoInZone(startOfDay(p.from, tz), tz);
    out.to_date_time = isoInZone(startOfDay(p.to, tz), tz);
    out.from_date = formatDate(p.from);
    out.to_date = formatDate(p.to);
    notes.push(`"${input.relative.trim()}" in ${tz} is ${p.meaning}: ${formatDate(p.from)} through ${formatDate(addDays(p.to, -1))}, sent as ${out.from_date_time} (inclusive) to ${out.to_date_time} (exclusive).`);
    return out;
  }
  if (input.from === undefined && input.to === undefined) throw new RangeError('Give relative, or from and/or to.');
  if (input.from !== undefined) {
    const day = parseDate(input.from);
    if (day) {
      out.from_date_time = isoInZone(startOfDay(day, tz), tz);
      out.from_date = input.from;
    } else if (DATE_TIME.test(input.from) && !Number.isNaN(Date.parse(input.from))) {
      out.from_date_time = input.from;
      out.from_date = formatDate(localDateOf(Date.parse(input.from), tz));
    } else {
      throw new RangeError(`from '${input.from}' must be a date YYYY-MM-DD or an ISO 8601 date-time with a zone.`);
    }
  }
  if (input.to !== undefined) {
    const day = parseDate(input.to);
    if (day) {
      const next = addDays(day, 1);
      out.to_date_time = isoInZone(startOfDay(next, tz), tz);
      out.to_date = formatDate(next);
      notes.push(`to ${input.to} is read as inclusive (the whole day counts): Gong's end is exclusive, so it was sent as ${out.to_date_time}.`);
    } else if (DATE_TIME.test(input.to) && !Number.isNaN(Date.parse(input.to))) {
      const ms = Date.parse(input.to);
      out.to_date_time = input.to;
      const local = localDateOf(ms, tz);
      const midnight = startOfDay(local, tz) === ms;
      out.to_date = formatDate(midnight ? local : addDays(local, 1));
      notes.push(`to ${input.to} is a date-time, so it is the exclusive end.`);
    } else {
      throw new RangeError(`to '${input.to}' must be a date YYYY-MM-DD (inclusive) or an ISO 8601 date-time with a zone (exclusive).`);
    }
  }
  if (out.from_date_time && out.to_date_time && Date.parse(out.from_date_time) >= Date.parse(out.to_date_time)) {
    throw new RangeError(`The range is empty: it starts at ${out.from_date_time} and ends (exclusive) at ${out.to_date_time}.`);
  }
  return out;
}

/**
 * The range as Gong's stats dates: `YYYY-MM-DD`, from inclusive, to exclusive, and the end kept
 * to today at the latest (Gong rejects stats ranges that end after the current day).
 */
export function statsDates(range: ResolvedRange, now: number): { fromDate?: string; toDate?: string; notes: string[] } {
  const notes: string[] = [];
  const today = formatDate(localDateOf(now, range.time_zone));
  let toDate = range.to_date;
  if (toDate !== undefined && toDate > today) {
    notes.push(`Gong's stats cannot include the current day or later, so the exclusive end date ${toDate} was moved back to ${today}: the stats cover up to the end of yesterday (${range.time_zone}).`);
    toDate = today;
  }
  if (range.from_date !== undefined && toDate !== undefined && range.from_date >= toDate) {
    throw new RangeError(`The range ${range.from_date} to ${toDate} (exclusive) holds no whole past day: Gong has no stats for today yet. Ask for a range that ends yesterday or earlier.`);
  }
  const out: { fromDate?: string; toDate?: string; notes: string[] } = { notes };
  if (range.from_date !== undefined) out.fromDate = range.from_date;
  if (toDate !== undefined) out.toDate = toDate;
  return out;
}
