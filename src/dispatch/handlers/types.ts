// What a code handler gets: the same request pipeline, nested tool calls that share this call's
// budget and deadline, and a place to report normalisations.
import type { ToolEntry } from '../../catalog/types.js';
import type { GongResponse } from '../../pipeline/client.js';
import type { BuiltRequest } from '../build.js';
import type { RunContext } from '../run.js';
import type { CallInfoCache } from '../../render/call-cache.js';

export interface HandlerContext {
  tool: ToolEntry;
  run: RunContext;
  /** Send one request built by the handler (recorded, not sent, in a dry run). */
  request(built: BuiltRequest, policy: { readOnly: boolean; replaySafe?: boolean }): Promise<GongResponse | undefined>;
  /** Run another tool inside this call. */
  runTool(name: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
  note(message: string): void;
  /** This connector's memory of calls' metadata and parties. */
  calls: CallInfoCache;
}

export type Handler = (ctx: HandlerContext, input: Readonly<Record<string, unknown>>) => Promise<Record<string, unknown>>;
