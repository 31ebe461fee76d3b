// One tool call from a validated input to its result: connect when the tool reaches Gong, run the
// manifest plan or the tool's handler, attach notes and the rate-limit report, and give every
// failure the tool's name and the quota state. `iterateCall` is the same call pulled page by page;
// `dryRunCall` builds the requests and sends nothing. The connector supplies the session.
import { findTool } from '../catalog/index.js';
import type { ToolEntry } from '../catalog/types.js';
import type { CallContext } from '../pipeline/client.js';
import { AuthRequiredError, InvalidInputError, asGongError } from '../http/errors.js';
import type { RateLimitState } from '../pipeline/limiter.js';
import { assertSendable } from '../http/path.js';
import { redactSecretValues, redactValue } from '../http/redact.js';
import { applyDateRange } from './apply-date-range.js';
import { bodyOf, selectRoute } from './build.js';
import type { CallInfoCache } from './call-cache.js';
import type { GongPort, RunContext } from './context.js';
import { redactedRequest } from './dry-run.js';
import type { PageMemory } from './page-memory.js';
import { loadHandler } from './handlers/index.js';
import type { HandlerContext } from './handlers/types.js';
import { runPlan, streamPlan, type ProgressListener } from './run.js';
import { resolveUserEmails } from './user-refs.js';
import type { UserDirectory } from './users.js';
import { validateInput } from './validate.js';
import { explainWriteFailure } from './write-outcome.js';

type Json = Record<string, unknown>;

/** A ready connection to Gong, as dispatch needs it. */
export interface Connection {
  gong: GongPort;
  /** A description without secrets, e.g. `direct https://api.gong.io (bearer)`. */
  describe(): string;
  /** Where requests go, for dry runs; undefined when the transport does not say. */
  baseUrl: string | undefined;
}

/** What the connector gives each call: its connection, clock, deadline and memories. */
export interface Session {
  /** The connection; rejects with AuthRequiredError when none is configured. */
  connect(): Promise<Connection>;
  now(): number;
  deadlineMs: number;
  /** Where requests would go when nothing is configured (dry runs only). */
  defaultBaseUrl: string;
  users: UserDirectory;
  calls: CallInfoCache;
  /** Pages a result budget cut inside, for the call that follows next_cursor (absent: asked again). */
  pages?: PageMemory | undefined;
  /** The folder upload tools may read from; undefined: uploads are off. */
  uploadDir: string | undefined;
}

export interface RateLimitReport extends RateLimitState {
  /** Gong requests this call made. */
  requests: number;
  /** Time this call waited for pacing and Retry-After (ms). */
  waited_ms: number;
}

export interface ExecuteCallOptions {
  signal?: AbortSignal | undefined;
  dryRun?: boolean | undefined;
  all?: boolean | undefined;
  onProgress?: ProgressListener | undefined;
}

/** What `iterateCall` yields: pages of records, then, last, the result without the records. */
export type StreamItem =
  | { kind: 'records'; records: unknown[]; page: number }
  | { kind: 'envelope'; envelope: Json };

export async function executeCall(session: Session, name: string, input: unknown, opts: ExecuteCallOptions): Promise<Json> {
  const tool = findTool(name);
  const valid = await decorated(tool, undefined, () => validateInput(tool, input));
  if (opts.dryRun) return decorated(tool, undefined, () => dryRunCall(session, tool, valid));
  const connection = await decorated(tool, undefined, () => connectFor(session, tool));
  const call = newCall(session, opts.signal);
  return decorated(tool, { connection, call }, async () => {
    const notes: string[] = [];
    const ctx = runContext(session, connection?.gong, call, notes, opts.all ?? false, false);
    const result = await dispatchTool(tool, valid, ctx, opts.onProgress).catch((error: unknown) => {
      throw explainWriteFailure(tool, valid, error);
    });
    return finish(result, notes, connection, call);
  });
}

/**
 * The call as a pull stream of record pages, ending with the envelope (every field a plain call
 * returns except the records: record_count, next_cursor, notes, rate_limit…). Follows every cursor
 * unless `all: false`; only tools that list records can stream.
 */
export async function* iterateCall(session: Session, name: string, input: unknown, opts: ExecuteCallOptions): AsyncGenerator<StreamItem, void, undefined> {
  const tool = findTool(name);
  const valid = await decorated(tool, undefined, () => validateInput(tool, input));
  if (opts.dryRun) throw new InvalidInputError({ message: `${tool.name}: a dry run sends nothing, so there is nothing to stream.`, tool: tool.name, hint: 'Call executeTool with dryRun instead.' });
  await decorated(tool, undefined, async () => refuseUnstreamable(tool, valid));
  const connection = await decorated(tool, undefined, () => connectFor(session, tool));
  const call = newCall(session, opts.signal);
  const notes: string[] = [];
  const ctx = runContext(session, connection?.gong, call, notes, opts.all ?? true, false);
  const ready = await decorated(tool, { connection, call }, () => prepareInput(tool, valid, ctx));
  const pages = streamPlan(tool, ready, ctx);
  try {
    for (;;) {
      const step = await decorated(tool, { connection, call }, () => pages.next());
      if (step.done) {
        const envelope = await decorated(tool, { connection, call }, () => finish(step.value, notes, connection, call));
        yield { kind: 'envelope', envelope };
        return;
      }
      yield { kind: 'records', records: step.value.records, page: step.value.page };
    }
  } finally {
    // A consumer that stops early ends the job too.
    await releaseLease(connection, call);
  }
}

/** A stream hands on list records; a tool whose result is one document cannot stream. */
function refuseUnstreamable(tool: ToolEntry, input: Readonly<Json>): void {
  const route = tool.handler ? undefined : selectRoute(tool, input);
  if (route?.list && !route.collect) return;
  throw new InvalidInputError({
    message: `${tool.name} returns one result, not a list of records, so it cannot be streamed.`,
    tool: tool.name,
    hint: 'Call it with executeTool (on the command line: drop --jsonl).',
  });
}

function newCall(session: Session, signal: AbortSignal | undefined): CallContext {
  return { signal, deadlineAt: session.now() + session.deadlineMs, waitedMs: 0, requests: 0 };
}

/** Tools that never reach Gong (openWorldHint false) run without credentials. */
async function connectFor(session: Session, tool: ToolEntry): Promise<Connection | undefined> {
  if (tool.annotations.openWorldHint) return session.connect();
  try {
    return await session.connect();
  } catch (error) {
    if (error instanceof AuthRequiredError) return undefined;
    throw error;
  }
}

/**
 * Failures carry the tool's name and `rate_limit`: once connected, the quota state (a 429 is when
 * it matters most); before that (invalid input, no credentials) the same unconnected report a
 * result without Gong carries.
 */
async function decorated<T>(tool: ToolEntry, used: { connection: Connection | undefined; call: CallContext } | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const gongError = asGongError(error, `in ${tool.name}`);
    gongError.tool ??= tool.name;
    if (used?.connection) {
      const state = await report(used.connection, used.call).catch(() => undefined);
      if (state) gongError.rateLimit ??= { ...state };
    }
    gongError.rateLimit ??= { ...UNCONNECTED };
    throw gongError;
  }
}

/** The `rate_limit` of a call that used no connection: it sent nothing and knows no quota state. */
const UNCONNECTED = { requests: 0, waited_ms: 0, connected: false } as const;

async function finish(result: Json, notes: string[], connection: Connection | undefined, call: CallContext): Promise<Json> {
  if (notes.length > 0) result.notes = notes;
  result.rate_limit = connection ? await report(connection, call) : { ...UNCONNECTED };
  return result;
}

async function report(connection: Connection, call: CallContext): Promise<RateLimitReport> {
  // The call is over: what its job reserved and did not use goes back before the state is read.
  await releaseLease(connection, call);
  const state = await connection.gong.quota.state();
  // Object.assign on the fresh state object: `{ ...state, more }` takes a slow path on Node 20 (~1 µs).
  return Object.assign(state, { requests: call.requests, waited_ms: Math.round(call.waitedMs) });
}

async function releaseLease(connection: Connection | undefined, call: CallContext): Promise<void> {
  const lease = call.lease;
  if (lease === undefined || !connection) return;
  call.lease = undefined;
  await connection.gong.quota.releaseBudget(lease).catch(() => undefined);
}

function runContext(session: Session, gong: GongPort | undefined, call: CallContext, notes: string[], all: boolean, dryRun: boolean): RunContext {
  const note = (m: string) => { if (!notes.includes(m)) notes.push(m); };
  return {
    gong,
    call,
    note,
    noteChars: () => notes.reduce((n, m) => n + m.length + 3, 0),
    dryRun,
    all,
    planned: [],
    calls: session.calls,
    users: session.users,
    pages: session.pages,
    uploadDir: session.uploadDir,
    convert: {
      note,
      now: () => session.now(),
      userIdByEmail: async (email, field) => {
        if (dryRun || !gong) return `<the Gong user id of ${email}, looked up at run time>`;
        return session.users.idByEmail(email, gong, call, field);
      },
    },
  };
}

/** Inputs as Gong and the handlers need them: a date_range spelled out, emails in user-id inputs made ids. */
async function prepareInput(tool: ToolEntry, valid: Json, ctx: RunContext): Promise<Json> {
  const dated = valid.date_range === undefined ? valid : applyDateRange(tool, valid, ctx.convert);
  return resolveUserEmails(tool, dated, ctx.convert);
}

async function dispatchTool(tool: ToolEntry, valid: Json, ctx: RunContext, onProgress?: ProgressListener): Promise<Json> {
  const input = await prepareInput(tool, valid, ctx);
  if (!tool.handler) return runPlan(tool, input, ctx, onProgress);
  const handler = await loadHandler(tool.handler);
  const hctx: HandlerContext = {
    tool,
    run: ctx,
    note: ctx.note,
    calls: ctx.calls,
    request: async (built, policy) => {
      if (ctx.dryRun || !ctx.gong) {
        assertSendable(built.method, built.path, built.query, tool.name);
        ctx.planned.push(built);
        return undefined;
      }
      return ctx.gong.request({
        method: built.method, path: built.path, query: built.query, body: bodyOf(built),
        readOnly: policy.readOnly, replaySafe: policy.replaySafe ?? false, tool: tool.name,
      }, ctx.call);
    },
  };
  return handler(hctx, input);
}

/** The requests the call would send, without credentials; nothing is sent. */
export async function dryRunCall(session: Session, tool: ToolEntry, input: Json): Promise<Json> {
  let transport: string;
  let baseUrl: string | undefined;
  try {
    const connection = await session.connect();
    transport = connection.describe();
    baseUrl = connection.baseUrl;
  } catch (error) {
    if (!(error instanceof AuthRequiredError)) throw error;
    transport = 'none configured (a real call would fail with auth_required)';
    baseUrl = session.defaultBaseUrl;
  }
  const notes: string[] = [];
  const call: CallContext = { deadlineAt: Number.POSITIVE_INFINITY, waitedMs: 0, requests: 0 };
  const ctx = runContext(session, undefined, call, notes, false, true);
  await dispatchTool(tool, input, ctx);
  const result = redactValue({ dry_run: true, tool: tool.name, transport }) as Json;
  // The requests are shown as they would be sent: a body field named `token` or `password` is the
  // caller's data and stays; only registered secrets are left out, by value.
  result.requests = redactSecretValues(ctx.planned.map((r) => redactedRequest(r, baseUrl)));
  if (notes.length > 0) result.notes = redactValue(notes);
  return result;
}
