// What one tool call runs with, below the connector: the way to Gong (absent in a dry run and for
// tools that never reach it), the call's deadline and counters, notes for the result, and the
// connector's memories. Dispatch sees the pipeline only through this small port.
import { randomBytes } from 'node:crypto';
import type { CallContext, GongRequest, GongResponse } from '../pipeline/client.js';
import type { RateLimitState } from '../pipeline/limiter.js';
import type { BuiltRequest } from './build.js';
import type { CallInfoCache } from './call-cache.js';
import type { ConvertContext } from './convert.js';
import type { UserDirectory } from './users.js';
import type { PageMemory } from './page-memory.js';

/** The company's request quota, as dispatch needs it for forecasts and cost estimates. */
export interface QuotaPort {
  state(): Promise<RateLimitState>;
  /**
   * Reserve today's budget for the `requests` a job still needs, under `lease` (one per tool call),
   * or refuse it up front; atomic across every process sharing the limiter.
   */
  reserveBudget(requests: number, what: string, lease: string, alreadySent?: number): Promise<void>;
  /** The job is over: what its lease did not use is free again. */
  releaseBudget(lease: string): Promise<void>;
  /** Milliseconds between requests at the configured pace. */
  readonly intervalMs: number;
}

/** Sending requests through the pipeline (paced, retried, classified). */
export interface GongPort {
  request(req: GongRequest, call: CallContext): Promise<GongResponse>;
  readonly quota: QuotaPort;
}

export interface RunContext {
  /** Undefined in a dry run, and for tools that never reach Gong when no connection is configured. */
  gong: GongPort | undefined;
  call: CallContext;
  convert: Omit<ConvertContext, 'inputName'>;
  note(message: string): void;
  /** Characters the notes so far take in the result (the result budget keeps room for them). */
  noteChars?: (() => number) | undefined;
  dryRun: boolean;
  /** Follow every cursor to the end (the CLI's --all, and streaming). */
  all: boolean;
  /** Requests a dry run would send, in order. */
  planned: BuiltRequest[];
  /** This connector's memory of calls' metadata and parties. */
  calls: CallInfoCache;
  /** This connector's cached user directory. */
  users: UserDirectory;
  /** This connector's memory of pages a result budget cut inside (absent: resumes ask Gong again). */
  pages?: PageMemory | undefined;
  /** The folder upload tools may read from; undefined: uploads are off. */
  uploadDir: string | undefined;
}

/** The tool call's budget lease, made on first use. */
export function leaseOf(call: CallContext): string {
  return (call.lease ??= randomBytes(8).toString('hex'));
}

/** The port, for code that runs only when something is sent (not in a dry run). */
export function gongOf(ctx: RunContext, tool: string): GongPort {
  if (!ctx.gong) throw new Error(`${tool}: no connection to Gong in this context (a dry run sends nothing)`);
  return ctx.gong;
}
