// Gong's date rules in one place: half-open ranges, stats on YYYY-MM-DD, and stats ranges that
// must not end after the current day (docs/contracts.md#date-time-to-gong-date, docs/gong-api.md#dates).

export interface DateContext {
  note(message: string): void;
  now(): number;
  inputName: string;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseInstant(value: string, ctx: DateContext): number {
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${ctx.inputName}: '${value}' is not an ISO 8601 date-time`);
  return ms;
}

/** The UTC calendar day of the instant: Gong's inclusive `fromDate`. */
export function toGongDateFrom(value: string, ctx: DateContext): string {
  const day = isoDay(parseInstant(value, ctx));
  if (!DATE_ONLY.test(value)) ctx.note(`${ctx.inputName} ${value} was sent to Gong as the date ${day} (UTC day; Gong's stats work on whole days).`);
  return day;
}

/**
 * Gong's exclusive `toDate`: the day after the instant's UTC day, unless the instant is exactly
 * midnight UTC (then that day). Gong rejects ranges ending after the current day, so the result
 * is clamped to today.
 */
export function toGongDateToExclusive(value: string, ctx: DateContext, opts: { alreadyExclusive?: boolean } = {}): string {
  const ms = parseInstant(value, ctx);
  const midnight = ms % DAY_MS === 0;
  let day = opts.alreadyExclusive || midnight ? isoDay(ms) : isoDay(ms + DAY_MS);
  if (!opts.alreadyExclusive && !DATE_ONLY.test(value)) {
    ctx.note(`${ctx.inputName} ${value} was sent to Gong as the exclusive end date ${day}.`);
  }
  const today = isoDay(ctx.now());
  if (day > today) {
    ctx.note(`${ctx.inputName}: Gong's stats cannot end after the current day, so the end date ${day} was clamped to ${today} (today's activity is not included).`);
    day = today;
  }
  return day;
}
