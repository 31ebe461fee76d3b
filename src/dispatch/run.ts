// The collector over a manifest tool's plan (src/dispatch/plan.ts): every page folded into one
// Gong-shaped result (`runPlan`), or the records handed on page by page with the rest of the result
// kept for the closing envelope (`streamPlan`). Notes about what the connector itself left out are
// added here, once per call: the local filter, a result budget that stopped the call (and how to
// go on), and `fields` that matched nothing.
import type { ToolEntry } from '../catalog/types.js';
import type { RunContext } from './context.js';
import { MergedResult } from './merge.js';
import { plan, type Plan, type PlanEnd } from './plan.js';
import { budgetNotes } from './budget-notes.js';

type Json = Record<string, unknown>;

/** Progress after each Gong page, for people watching a long --all. */
export type ProgressListener = (progress: { pages: number; records: number }) => void;

/** One page of records as a stream hands it on. */
export interface RecordsPage {
  records: unknown[];
  /** 1 for Gong's first page of this call, then 2, 3, … */
  page: number;
}

function close(p: Plan, merged: MergedResult, end: PlanEnd, ctx: RunContext): Json {
  const left = p.filteredOut();
  if (p.keep && left > 0) {
    ctx.note(`${left} record(s) Gong returned were left out by the connector itself (Gong has no such filter): only records ${p.keep.describe} are kept.`);
  }
  const result = merged.finish(end, end.nextCursor, ctx.note, p.shaper);
  budgetNotes(p, end, result, ctx.note);
  return result;
}

/** Run the plan and merge every page into one result. */
export async function runPlan(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext, onProgress?: ProgressListener): Promise<Json> {
  const p = plan(tool, input, ctx);
  const merged = new MergedResult(p.route, false);
  let pages = 0;
  let records = 0;
  for (;;) {
    const step = await p.pages.next();
    if (step.done) return ctx.dryRun ? {} : close(p, merged, step.value, ctx);
    merged.absorb(step.value.response, step.value.listKey, step.value.records);
    pages += 1;
    records += step.value.records?.length ?? 0;
    onProgress?.({ pages, records });
  }
}

/** Run the plan handing each page's records on; returns the result without the records (the envelope). */
export async function* streamPlan(tool: ToolEntry, input: Readonly<Json>, ctx: RunContext): AsyncGenerator<RecordsPage, Json, undefined> {
  const p = plan(tool, input, ctx, { streaming: true });
  const merged = new MergedResult(p.route, true);
  let page = 0;
  for (;;) {
    const step = await p.pages.next();
    if (step.done) return close(p, merged, step.value, ctx);
    merged.absorb(step.value.response, step.value.listKey, step.value.records);
    page += 1;
    yield { records: step.value.records ?? [], page };
  }
}
