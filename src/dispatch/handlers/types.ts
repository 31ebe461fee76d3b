// What a code handler gets: the call's run context, one way to send a request it built (recorded,
// not sent, in a dry run), a place to report normalisations, and the connector's call cache.
import type { ToolEntry } from '../../catalog/types.js';
import type { GongResponse } from '../../pipeline/client.js';
import type { BuiltRequest } from '../build.js';
import type { CallInfoCache } from '../call-cache.js';
import type { RunContext } from '../context.js';

export interface HandlerContext {
  tool: ToolEntry;
  run: RunContext;
  /** Send one request built by the handler (recorded, not sent, in a dry run: then undefined). */
  request(built: BuiltRequest, policy: { readOnly: boolean; replaySafe?: boolean }): Promise<GongResponse | undefined>;
  note(message: string): void;
  /** This connector's memory of calls' metadata and parties. */
  calls: CallInfoCache;
}

export type Handler = (ctx: HandlerContext, input: Readonly<Record<string, unknown>>) => Promise<Record<string, unknown>>;
