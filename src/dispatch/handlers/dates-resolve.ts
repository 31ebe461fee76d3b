// gong_dates_resolve: what a date range means for Gong, computed locally (no request): the
// date-times call tools send and the YYYY-MM-DD dates stats tools send, with every adjustment.
import { InvalidInputError } from '../../http/errors.js';
import { resolveDateRange, statsDates, type DateRangeInput } from '../date-range.js';
import type { Handler } from './types.js';

export const datesResolve: Handler = async (ctx, input) => {
  const now = ctx.run.convert.now();
  const range: DateRangeInput = {};
  for (const key of ['relative', 'from', 'to', 'time_zone'] as const) {
    const value = input[key];
    if (typeof value === 'string') range[key] = value;
  }
  try {
    const resolved = resolveDateRange(range, now);
    const calls: Record<string, string> = {};
    if (resolved.from_date_time) calls.fromDateTime = resolved.from_date_time;
    if (resolved.to_date_time) calls.toDateTime = resolved.to_date_time;
    let stats: Record<string, string> | null;
    const notes = [...resolved.notes];
    try {
      const s = statsDates(resolved, now);
      notes.push(...s.notes);
      stats = {};
      if (s.fromDate) stats.fromDate = s.fromDate;
      if (s.toDate) stats.toDate = s.toDate;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      stats = null;
      notes.push(`Stats: ${error.message}`);
    }
    return {
      time_zone: resolved.time_zone,
      now: new Date(now).toISOString(),
      calls,
      stats,
      notes,
    };
  } catch (error) {
    if (error instanceof RangeError) {
      const field = /^(time_zone|from|to)\b/.exec(error.message)?.[1] ?? 'relative';
      throw new InvalidInputError({ message: `${ctx.tool.name}: ${error.message}`, tool: ctx.tool.name, field });
    }
    throw error;
  }
};
