// createConnector / executeTool: one configuration (transport, pool, limiter) and the dispatch
// of one tool call: find → validate → build → send → shape, with the rate-limit state attached.
import { findTool } from './catalog/index.js';
import type { ToolEntry } from './catalog/types.js';
import { checkCallOptions, splitOptions, type CallOptions, type ConnectorOptions, type ExecuteOptions } from './config/options.js';
import { DEFAULT_BASE_URL } from './config/defaults.js';
import { resolvePolicy, resolveTransport, type ResolvedPolicy } from './config/resolve.js';
import { systemClock, type Clock } from './http/clock.js';
import type { CallContext, GongClient } from './pipeline/client.js';
import { createPipeline } from './pipeline/create.js';
import { AuthRequiredError, asGongError } from './http/errors.js';
import { sharedLimiterStore, type RateLimiter, type RateLimitState } from './pipeline/limiter.js';
import type { Transport } from './transport/types.js';
import { validateInput } from './dispatch/validate.js';
import { runPlan, type RunContext } from './dispatch/run.js';
import { bodyOf, type BuiltRequest } from './dispatch/build.js';
import { UserDirectory } from './dispatch/users.js';
import { applyDateRange } from './dispatch/apply-date-range.js';
import { CallInfoCache } from './render/call-cache.js';
import { rememberCalls } from './dispatch/handlers/call-data.js';
import type { HandlerContext } from './dispatch/handlers/types.js';
import { redactedRequest } from './render/dry-run.js';
import { assertSendable } from './http/path.js';
import { redactValue, registerEnvSecrets, registerKeyPair, registerSecret } from './http/redact.js';

/** Learn every credential before anything can be printed or thrown, so redaction knows them. */
function registerOptionSecrets(options: ConnectorOptions, env: Readonly<Record<string, string | undefined>>): void {
  registerEnvSecrets(env);
  registerSecret(options.accessToken);
  if (options.accessKey && options.accessKeySecret) registerKeyPair(options.accessKey, options.accessKeySecret);
  else registerSecret(options.accessKeySecret);
  registerSecret(options.scalekit?.clientSecret);
}

export type ToolResult = Record<string, unknown>;

export interface RateLimitReport extends RateLimitState {
  /** Gong requests this call made. */
  requests: number;
  /** Time this call waited for pacing and Retry-After (ms). */
  waited_ms: number;
}

interface Ready {
  transport: Transport;
  client: GongClient;
  limiter: RateLimiter;
}

export class Connector {
  private readonly options: ConnectorOptions;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly policy: ResolvedPolicy;
  private readonly clock: Clock;
  private readonly users: UserDirectory;
  private readonly callInfo = new CallInfoCache();
  private ready: Promise<Ready> | undefined;

  constructor(options: ConnectorOptions = {}) {
    this.options = splitOptions(options, false).connector;
    this.env = options.env ?? process.env;
    registerOptionSecrets(this.options, this.env);
    this.policy = resolvePolicy(this.options, this.env);
    this.clock = options.clock ?? systemClock;
    this.users = new UserDirectory({ now: () => this.clock.now() });
  }

  private connect(): Promise<Ready> {
    this.ready ??= (async () => {
      const transport = await resolveTransport(this.options, this.env, this.policy);
      const sink = this.options.hooks?.onDebug
        ?? (this.env.GONG_DEBUG ? (line: string) => { process.stderr.write(`[gong-connector] ${line}\n`); } : undefined);
      return createPipeline({
        transport,
        policy: this.policy,
        clock: this.clock,
        hooks: this.options.hooks,
        limiterStore: this.options.limiterStore ?? sharedLimiterStore,
        debug: sink,
      });
    })();
    this.ready.catch(() => { this.ready = undefined; });
    return this.ready;
  }

  /** A description of the connection without secrets. */
  async describe(): Promise<string> {
    return (await this.connect()).transport.describe();
  }

  async rateLimitState(): Promise<RateLimitState> {
    return (await this.connect()).limiter.state();
  }

  async executeTool(name: string, input: unknown = {}, callOptions: CallOptions = {}): Promise<ToolResult> {
    const opts = checkCallOptions(callOptions);
    const tool = findTool(name);
    let ready: Ready | undefined;
    let call: CallContext | undefined;
    try {
      const valid = await validateInput(tool, input);
      if (opts.dryRun) return await this.dryRun(tool, valid);
      ready = await this.connectFor(tool);
      call = { signal: opts.signal, deadlineAt: this.clock.now() + this.policy.deadlineMs, waitedMs: 0, requests: 0 };
      const notes: string[] = [];
      const ctx = this.runContext(ready, call, notes, opts, false);
      const result = await this.dispatch(tool, valid, ctx, opts);
      if (notes.length > 0) result.notes = notes;
      result.rate_limit = ready ? await this.report(ready, call) : { requests: 0, waited_ms: 0, connected: false };
      return result;
    } catch (error) {
      const gongError = asGongError(error, `in ${tool.name}`);
      gongError.tool ??= tool.name;
      // The quota state travels with failures too: a 429 or a budget refusal is when it matters most.
      const state = ready && call ? await this.report(ready, call).catch(() => undefined) : undefined;
      if (state) gongError.rateLimit ??= { ...state };
      throw gongError;
    }
  }

  /** Tools that never reach Gong (openWorldHint false) run without credentials. */
  private async connectFor(tool: ToolEntry): Promise<Ready | undefined> {
    if (tool.annotations.openWorldHint) return this.connect();
    try {
      return await this.connect();
    } catch (error) {
      if (error instanceof AuthRequiredError) return undefined;
      throw error;
    }
  }

  private runContext(ready: Ready | undefined, call: CallContext, notes: string[], opts: CallOptions, dryRun: boolean): RunContext {
    const note = (m: string) => { if (!notes.includes(m)) notes.push(m); };
    return {
      client: ready?.client as GongClient,
      call,
      note,
      dryRun,
      all: opts.all ?? false,
      onRecords: opts.onRecords,
      onProgress: opts.onProgress,
      planned: [],
      convert: {
        note,
        now: () => this.clock.now(),
        userIdByEmail: async (email, field) => {
          if (dryRun || !ready) return `<the Gong user id of ${email}, looked up at run time>`;
          return this.users.idByEmail(email, ready.client, call, field);
        },
      },
    };
  }

  /** A manifest tool; call records carrying parties feed the call cache the agent tools read. */
  private async runManifestTool(tool: ToolEntry, input: Record<string, unknown>, ctx: RunContext): Promise<ToolResult> {
    if (ctx.dryRun || !tool.routes.some((r) => r.path === '/v2/calls/extensive')) return runPlan(tool, input, ctx);
    const now = this.clock.now();
    const streamed = ctx.onRecords;
    const run: RunContext = streamed
      ? { ...ctx, onRecords: (records) => { rememberCalls(this.callInfo, records, now); return streamed(records); } }
      : ctx;
    const result = await runPlan(tool, input, run);
    if (Array.isArray(result.calls)) rememberCalls(this.callInfo, result.calls, now);
    return result;
  }

  private async dispatch(tool: ToolEntry, valid: Record<string, unknown>, ctx: RunContext, opts: CallOptions): Promise<ToolResult> {
    const input = valid.date_range === undefined ? valid : applyDateRange(tool, valid, ctx.convert);
    if (!tool.handler) return this.runManifestTool(tool, input, ctx);
    const { loadHandler } = await import('./dispatch/handlers/index.js');
    const handler = await loadHandler(tool.handler);
    const hctx: HandlerContext = {
      tool,
      run: ctx,
      note: ctx.note,
      calls: this.callInfo,
      request: async (built: BuiltRequest, policy) => {
        if (ctx.dryRun) {
          assertSendable(built.method, built.path, built.query, tool.name);
          ctx.planned.push(built);
          return undefined;
        }
        return ctx.client.request({
          method: built.method, path: built.path, query: built.query, body: bodyOf(built),
          readOnly: policy.readOnly, replaySafe: policy.replaySafe ?? false, tool: tool.name,
        }, ctx.call);
      },
      runTool: async (name, nestedInput) => {
        const nested = findTool(name);
        const valid = await validateInput(nested, nestedInput);
        return this.dispatch(nested, valid, ctx, opts);
      },
    };
    return handler(hctx, input);
  }

  private async dryRun(tool: ToolEntry, input: Record<string, unknown>): Promise<ToolResult> {
    let transport: string;
    let baseUrl: string | undefined;
    try {
      const ready = await this.connect();
      transport = ready.transport.describe();
      baseUrl = ready.transport.baseUrl;
    } catch (error) {
      if (!(error instanceof AuthRequiredError)) throw error;
      transport = 'none configured (a real call would fail with auth_required)';
      baseUrl = DEFAULT_BASE_URL;
    }
    const notes: string[] = [];
    const call: CallContext = { deadlineAt: Number.POSITIVE_INFINITY, waitedMs: 0, requests: 0 };
    const ctx = this.runContext(undefined, call, notes, {}, true);
    await this.dispatch(tool, input, ctx, {});
    const result: ToolResult = {
      dry_run: true,
      tool: tool.name,
      transport,
      requests: ctx.planned.map((r) => redactedRequest(r, baseUrl)),
    };
    if (notes.length > 0) result.notes = notes;
    return redactValue(result) as ToolResult;
  }

  private async report(ready: Ready, call: CallContext): Promise<RateLimitReport> {
    const state = await ready.limiter.state();
    // Object.assign on the fresh state object: `{ ...state, more }` takes a slow path on Node 20 (~1 µs).
    return Object.assign(state, { requests: call.requests, waited_ms: Math.round(call.waitedMs) });
  }

  async close(): Promise<void> {
    const ready = this.ready;
    this.ready = undefined;
    if (ready) await (await ready.catch(() => undefined))?.transport.close?.();
  }
}

export function createConnector(options: ConnectorOptions = {}): Connector {
  return new Connector(options);
}

let defaultConnector: Connector | undefined;

/**
 * Run one tool. Without connector options the process-wide default connector (configured from
 * the environment, one pool) is used. With connector options a connector is made for this call
 * and closed after it, so nothing is left open; to reuse one pool, use createConnector().
 * Pacing and the daily budget are shared either way (they are per Gong company).
 */
export async function executeTool(name: string, input: unknown = {}, options?: ExecuteOptions): Promise<ToolResult> {
  const { connector: connectorOptions, call } = splitOptions(options);
  if (Object.keys(connectorOptions).length === 0) {
    defaultConnector ??= new Connector({});
    return defaultConnector.executeTool(name, input, call);
  }
  const connector = new Connector(connectorOptions);
  try {
    return await connector.executeTool(name, input, call);
  } finally {
    await connector.close();
  }
}
