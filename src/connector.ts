// createConnector / executeTool: one configuration (transport, pool, limiter) and its lifecycle.
// What a call does (validate → build → send → shape) is src/dispatch/execute.ts.
import { checkCallOptions, splitOptions, type CallOptions, type ConnectorOptions, type ExecuteOptions } from './connection/options.js';
import { resolveConfig, type ResolvedConfig } from './connection/config.js';
import { openTransport } from './connection/transport.js';
import { DEFAULT_BASE_URL } from './config/defaults.js';
import { GongClient } from './http/client.js';
import { RateLimiter, sharedLimiterStore, type RateLimitState } from './http/limiter.js';
import type { RequestHooks } from './http/hooks.js';
import type { Transport } from './transport/types.js';
import { UserDirectory } from './dispatch/users.js';
import { CallInfoCache } from './dispatch/call-cache.js';
import { executeCall, iterateCall, type Session, type StreamItem } from './dispatch/execute.js';

export type ToolResult = Record<string, unknown>;
export type { RateLimitReport, StreamItem } from './dispatch/execute.js';

interface Ready {
  transport: Transport;
  client: GongClient;
  limiter: RateLimiter;
}

export class Connector {
  /** Options and environment resolved once: policy, debug sink, and the connection on first use. */
  private readonly config: ResolvedConfig;
  private readonly session: Session;
  private ready: Promise<Ready> | undefined;

  constructor(options: ConnectorOptions = {}) {
    this.config = resolveConfig(options, options.env ?? process.env);
    const { clock, policy } = this.config;
    this.session = {
      connect: async () => {
        const ready = await this.connect();
        return {
          gong: { request: (req, call) => ready.client.request(req, call), quota: ready.limiter },
          describe: () => ready.transport.describe(),
          baseUrl: /^direct (\S+)/.exec(ready.transport.describe())?.[1],
        };
      },
      now: () => clock.now(),
      deadlineMs: policy.deadlineMs,
      defaultBaseUrl: DEFAULT_BASE_URL,
      users: new UserDirectory({ now: () => clock.now() }),
      calls: new CallInfoCache(),
    };
  }

  private connect(): Promise<Ready> {
    this.ready ??= (async () => {
      const { policy, clock } = this.config;
      // The debug sink (config.debug) exists before the transport is built: what the transport says
      // while it is built (Scalekit's limitations) reaches GONG_DEBUG too.
      const transport = await openTransport(this.config);
      const limiter = new RateLimiter(transport.companyKey(), {
        perSecond: policy.rateLimitPerSecond,
        dailyLimit: policy.dailyLimit,
        store: this.config.options.limiterStore ?? sharedLimiterStore,
        clock,
      });
      const hooks: RequestHooks = { ...this.config.hooks };
      const { debug } = this.config;
      if (debug) {
        hooks.onDebug = debug;
        const prevReq = hooks.onRequest;
        const prevRes = hooks.onResponse;
        const prevRetry = hooks.onRetry;
        hooks.onRequest = (e) => { prevReq?.(e); debug(`→ ${e.method} ${e.path} (attempt ${e.attempt})`); };
        hooks.onResponse = (e) => { prevRes?.(e); debug(`← ${e.status} ${e.method} ${e.path} in ${e.durationMs} ms`); };
        hooks.onRetry = (e) => { prevRetry?.(e); debug(`↻ retry ${e.method} ${e.path} in ${e.delayMs} ms: ${e.reason}`); };
      }
      const client = new GongClient(transport, limiter, policy, clock, hooks, () => transport.authorizationLink?.());
      return { transport, client, limiter };
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
    return executeCall(this.session, name, input, checkCallOptions(callOptions));
  }

  /**
   * A list tool's records page by page, pulled as the caller reads them (constant memory for long
   * exports), then the envelope: every field executeTool returns except the records. Follows every
   * cursor unless `all: false`; `limit` stops early with next_cursor in the envelope.
   */
  iterate(name: string, input: unknown = {}, callOptions: CallOptions = {}): AsyncGenerator<StreamItem, void, undefined> {
    return iterateCall(this.session, name, input, checkCallOptions(callOptions));
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
