// One request of a manifest plan through the pipeline, and what its answer means for the plan:
// a JSON object as the page, Gong's "No … found" 404 on a list as an empty page (with a note), a
// replayed write's 409 as applied once, and a failure part-way through a batched write with the
// exact split of applied and not applied inputs.
import type { Route, ToolEntry } from '../catalog/types.js';
import { GongError } from '../http/errors.js';
import { bodyOf, type BuiltRequest } from './build.js';
import { gongOf, type RunContext } from './context.js';
import { isNoResults } from './empty.js';

type Json = Record<string, unknown>;

export async function sendPlanned(tool: ToolEntry, route: Route, built: BuiltRequest, ctx: RunContext): Promise<Json> {
  try {
    const response = await gongOf(ctx, tool.name).request(
      {
        method: built.method,
        path: built.path,
        query: built.query,
        body: bodyOf(built),
        readOnly: route.readOnly ?? tool.annotations.readOnlyHint,
        replaySafe: route.replaySafe ?? false,
        conflictOnReplayIsSuccess: route.conflictOnReplayIsSuccess ?? false,
        tool: tool.name,
      },
      ctx.call,
    );
    if (response.replayed) ctx.note('An earlier attempt of this write reached Gong (it answered 409 "already reported" on the retry); it was applied once.');
    const data = response.data;
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data as Json;
    return { result: data, status: response.status };
  } catch (error) {
    if (route.list && isNoResults(error, route.emptyOn404)) {
      const text = error.errors.join(' ');
      ctx.note(`Gong answered 404 "${text}": treated as no results. (Gong gives the same answer when the credentials cannot see the records.)`);
      const empty: Json = { [route.list[0]!]: [] };
      if (error.requestId) empty.requestId = error.requestId;
      return empty;
    }
    throw error;
  }
}

/**
 * A write spread over several requests failed part-way: the earlier requests were applied in Gong
 * and cannot be hidden, so the error says exactly which inputs went through.
 */
export function reportProgress(error: unknown, inputName: string, batches: unknown[][], first: number, failed: number): void {
  if (!(error instanceof GongError)) return;
  const sent = batches.slice(first, failed).reduce((n, chunk) => n + chunk.length, 0);
  const total = batches.slice(first).reduce((n, chunk) => n + chunk.length, 0);
  const done = `Partial success: ${failed - first} of ${batches.length - first} requests succeeded before this failure, so the first ${sent} of ${total} ${inputName} were applied in Gong; the remaining ${total - sent} were not. Retry with only the remaining ones.`;
  error.hint = error.hint ? `${done} ${error.hint}` : done;
}
