// createConnector / executeTool: one configuration (transport, pool, limiter) and its lifecycle.
// What a call does (validate → build → send → shape) is src/dispatch/execute.ts.
import { checkCallOptions, splitOptions, type CallOptions, type ConnectorOptions, type ExecuteOptions } from './connection/options.js';
import { resolveConfig, type ResolvedConfig } from './connection/config.js';
import { openTransport } from './connection/transport.js';
import { DEFAULT_BASE_URL } from './config/defaults.js';
import { createPipeline, type Pipeline } from './pipeline/create.js';
import type { RateLimitState } from './pipeline/limiter.js';
import { UserDirectory } from './dispatch/users.js';
import { CallInfoCache } from './dispatch/call-cache.js';
import { PageMemory } from './dispatch/page-memory.js';
import { executeCall, iterateCall, type Connection, type Session, type StreamItem } from './dispatch/execute.js';

export type ToolResult = Record<string, unknown>;
export type { RateLimitReport, StreamItem } from './dispatch/execute.js';

export class Connector {
  /** Options and environment resolved once: policy, debug sink, and the connection on first use. */
  private readonly config: ResolvedConfig;
  private readonly session: Session;
  private ready: Promise<Pipeline> | undefined;
  /** The connection dispatch sees, made once per pipeline (it is on every call's path). */
  private connection: { of: Pipeline; connection: Connection } | undefined;

  constructor(options: ConnectorOptions = {}) {
    this.config = resolveConfig(options, options.env ?? process.env);
    const { clock, policy } = this.config;
    this.session = {
      connect: async () => {
        const ready = await this.connect();
        if (this.connection?.of !== ready) {
          const connection: Connection = {
            gong: { request: (req, call) => ready.client.request(req, call), quota: ready.limiter },
            describe: () => ready.transport.describe(),
            baseUrl: ready.transport.baseUrl,
          };
          this.connection = { of: ready, connection };
        }
        return this.connection.connection;
      },
      now: () => clock.now(),
      deadlineMs: policy.deadlineMs,
      defaultBaseUrl: DEFAULT_BASE_URL,
      users: new UserDirectory({ now: () => clock.now() }),
      calls: new CallInfoCache(),
      pages: new PageMemory(() => clock.now()),
      uploadDir: this.config.uploadDir,
    };
  }

  private connect(): Promise<Pipeline> {
    this.ready ??= (async () => {
      // The debug sink (config.debug) exists before the transport is built: what the transport says
      // while it is built (Scalekit's limitations) reaches GONG_DEBUG too.
      const transport = await openTransport(this.config);
      return createPipeline({
        transport,
        policy: this.config.policy,
        clock: this.config.clock,
        hooks: this.config.hooks,
        limiterStore: this.config.limiterStore,
        debug: this.config.debug,
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
    this.connection = undefined;
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
