// What a shaped, budgeted result says about itself in `notes`: that the budget stopped it and how
// to go on, which part of a record cut inside it holds (src/dispatch/split.ts), that one record alone was over the budget, that a one-document result is over it (it
// cannot be cut), and which `fields` matched nothing. Kept apart from the collector
// (src/dispatch/run.ts) so the wording lives in one place.
import type { Plan, PlanEnd } from './plan.js';

type Json = Record<string, unknown>;

export function budgetNotes(p: Plan, end: PlanEnd, result: Json, note: (message: string) => void): void {
  const budget = p.budget;
  const noun = end.listKey ?? 'records';
  const part = end.partShown;
  if (budget && part) {
    // A record cut inside: what of it this result holds, and that the cursor resumes inside it.
    note(part.cutInside && end.budgetCut
      ? `${part.text} (max_chars ${budget.maxChars}); pass next_cursor for the rest.`
      : `${part.text}: the rest of the call the previous result cut.`);
  }
  if (budget && end.budgetCut && !part?.cutInside) {
    const of = end.totalRecords !== undefined ? ` of ${end.totalRecords}` : '';
    note(`showed ${end.records}${of} ${noun} (max_chars ${budget.maxChars}); pass next_cursor as cursor (same other inputs) for the rest, or narrow with fields / a smaller date range.`);
  }
  if (budget?.oversized !== undefined) {
    note(`one record of ${noun} alone is ${budget.oversized} characters, over max_chars ${budget.maxChars}; it was returned whole. Pass fields to keep less of it, or raise max_chars.`);
  }
  const unmatched = p.shaper?.unmatched() ?? [];
  if (unmatched.length > 0 && end.records + (end.listKey ? 0 : 1) > 0) {
    note(`fields ${unmatched.map((f) => JSON.stringify(f)).join(', ')} matched nothing in this result; paths are Gong's field names inside each record, dotted (e.g. metaData.title).`);
  }
  const max = p.maxChars;
  if (p.budget === undefined && max !== undefined && (p.route.list === undefined || p.route.collect !== undefined)) {
    const size = JSON.stringify(result).length;
    if (size > max) {
      note(`this result is one document of ${size} characters, over the ${max}-character budget; it cannot be cut into records. Pass fields to keep less of it.`);
    }
  }
}
