// A `date_range` input (relative range, or dates with an inclusive end, in a time zone) becomes
// the tool's own date inputs before the request is built: from/to date-times for call tools,
// YYYY-MM-DD stats dates (kept off the current day) for stats tools.
import type { ToolEntry } from '../catalog/types.js';
import { InvalidInputError } from '../http/errors.js';
import { resolveDateRange, statsDates, type DateRangeInput } from './date-range.js';

export interface DateRangeContext {
  note(message: string): void;
  now(): number;
}

export function applyDateRange(tool: ToolEntry, input: Readonly<Record<string, unknown>>, ctx: DateRangeContext): Record<string, unknown> {
  const { date_range: raw, ...kept } = input;
  const rest: Record<string, unknown> = kept;
  if (raw === undefined) return rest;
  const invalid = (message: string, field = 'date_range') =>
    new InvalidInputError({ message: `${tool.name}: ${message}`, tool: tool.name, field, hint: 'Nothing was sent to Gong.' });
  const pair = 'from_date_time' in tool.inputs ? ['from_date_time', 'to_date_time'] as const : ['from_date', 'to_date'] as const;
  for (const name of pair) {
    if (rest[name] !== undefined) throw invalid(`give date_range or ${pair.join('/')}, not both.`, name);
  }
  try {
    const range = resolveDateRange(raw as DateRangeInput, ctx.now());
    for (const n of range.notes) ctx.note(`date_range: ${n}`);
    if (pair[0] === 'from_date_time') {
      if (range.from_date_time !== undefined) rest.from_date_time = range.from_date_time;
      if (range.to_date_time !== undefined) rest.to_date_time = range.to_date_time;
    } else {
      const stats = statsDates(range, ctx.now());
      for (const n of stats.notes) ctx.note(`date_range: ${n}`);
      if (stats.fromDate !== undefined) rest.from_date = stats.fromDate;
      if (stats.toDate !== undefined) rest.to_date = stats.toDate;
    }
    return rest;
  } catch (error) {
    if (error instanceof RangeError) throw invalid(error.message);
    throw error;
  }
}
