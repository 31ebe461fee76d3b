// One request of a manifest plan through the pipeline, and what its answer means for the plan:
// a JSON object as the page, Gong's "No … found" 404 on a list as an empty page (with a note), and
// a replayed write's 409 (after an attempt that may have been applied) as applied once. A failure
// part-way through a batched write is stated in write-outcome.ts.
import type { Route, ToolEntry } from '../catalog/types.js';
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
