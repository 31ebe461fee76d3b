// Time helpers in the simulated company's time zone (America/New_York, with US daylight saving),
// so returned timestamps carry an offset and milliseconds the way Gong's do
// ("2023-10-17T21:21:39.277-04:00"), and stats dates are company-local calendar days.

export const COMPANY_TIME_ZONE = 'America/New_York';

const HOUR = 3_600_000;
export const DAY_MS = 24 * HOUR;

const dstCache = new Map<number, readonly [number, number]>();

/** [start, end) of US daylight saving time in UTC ms: 2nd Sunday of March 07:00Z to 1st Sunday of November 06:00Z. */
function dstWindow(year: number): readonly [number, number] {
  let w = dstCache.get(year);
  if (w === undefined) {
    const march1 = new Date(Date.UTC(year, 2, 1)).getUTCDay();
    const secondSundayMarch = 1 + ((7 - march1) % 7) + 7;
    const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const firstSundayNov = 1 + ((7 - nov1) % 7);
    w = [Date.UTC(year, 2, secondSundayMarch, 7), Date.UTC(year, 10, firstSundayNov, 6)] as const;
    dstCache.set(year, w);
  }
  return w;
}

/** The company's UTC offset in minutes at an instant (-240 or -300). */
export function companyOffsetMinutes(ms: number): number {
  const [start, end] = dstWindow(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? -240 : -300;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 in company time with milliseconds and offset, e.g. `2025-03-04T10:15:00.123-05:00`. */
export function formatCompanyTime(ms: number): string {
  const offset = companyOffsetMinutes(ms);
  const d = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The company-local calendar day of an instant, `YYYY-MM-DD`. */
export function companyDate(ms: number): string {
  const d = new Date(ms + companyOffsetMinutes(ms) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The instant a company-local day starts. */
export function companyDayStart(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // The offset at local midnight equals the offset five hours after UTC midnight (DST switches at 2am local).
  return utcMidnight - companyOffsetMinutes(utcMidnight + 5 * HOUR) * 60_000;
}

/** Local wall-clock time of day in the company zone, for placing calls in business hours. */
export function companyInstant(date: string, hour: number, minute: number): number {
  return companyDayStart(date) + hour * HOUR + minute * 60_000;
}

export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return d.toISOString().slice(0, 10);
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Gong date-time inputs: ISO 8601 with `Z` or an offset; anything else is a 400. */
export function parseDateTime(value: string): number | undefined {
  if (!ISO_DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Strict `YYYY-MM-DD` that names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}
