// createConnector / executeTool: one configuration (transport, pool, limiter) and its lifecycle.
// What a call does (validate → build → send → shape) is src/dispatch/execute.ts.
import { checkCallOptions, splitOptions, type CallOptions, type ConnectorOptions, type ExecuteOptions } from './config/options.js';
import { DEFAULT_BASE_URL } from './config/defaults.js';
import { resolvePolicy, resolveTransport, type ResolvedPolicy } from './config/resolve.js';
import { systemClock, type Clock } from './http/clock.js';
import { GongClient } from './http/client.js';
import { RateLimiter, sharedLimiterStore, type RateLimitState } from './http/limiter.js';
import type { Transport } from './transport/types.js';
import { UserDirectory } from './dispatch/users.js';
import { CallInfoCache } from './dispatch/call-cache.js';
import { executeCall, iterateCall, type Session, type StreamItem } from './dispatch/execute.js';
import { redactText, registerEnvSecrets, registerKeyPair, registerSecret } from './http/redact.js';

/** Learn every credential before anything can be printed or thrown, so redaction knows them. */
function registerOptionSecrets(options: ConnectorOptions, env: Readonly<Record<string, string | undefined>>): void {
  registerEnvSecrets(env);
  registerSecret(options.accessToken);
  if (options.accessKey && options.accessKeySecret) registerKeyPair(options.accessKey, options.accessKeySecret);
  else registerSecret(options.accessKeySecret);
  registerSecret(options.scalekit?.clientSecret);
}

export type ToolResult = Record<string, unknown>;

export type { RateLimitReport, StreamItem } from './dispatch/execute.js';

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
  private readonly session: Session;
  private ready: Promise<Ready> | undefined;

  constructor(options: ConnectorOptions = {}) {
    this.options = splitOptions(options, false).connector;
    this.env = options.env ?? process.env;
    registerOptionSecrets(this.options, this.env);
    this.policy = resolvePolicy(this.options, this.env);
    this.clock = options.clock ?? systemClock;
    this.session = {
      connect: async () => {
        const ready = await this.connect();
        return {
          gong: { request: (req, call) => ready.client.request(req, call), quota: ready.limiter },
          describe: () => ready.transport.describe(),
          baseUrl: /^direct (\S+)/.exec(ready.transport.describe())?.[1],
        };
      },
      now: () => this.clock.now(),
      deadlineMs: this.policy.deadlineMs,
      defaultBaseUrl: DEFAULT_BASE_URL,
      users: new UserDirectory({ now: () => this.clock.now() }),
      calls: new CallInfoCache(),
    };
  }

  private connect(): Promise<Ready> {
    this.ready ??= (async () => {
      const transport = await resolveTransport(this.options, this.env);
      const limiter = new RateLimiter(transport.companyKey(), {
        perSecond: this.policy.rateLimitPerSecond,
        dailyLimit: this.policy.dailyLimit,
        store: this.options.limiterStore ?? sharedLimiterStore,
        clock: this.clock,
      });
      const hooks = { ...this.options.hooks };
      if (this.env.GONG_DEBUG && !hooks.onDebug) hooks.onDebug = (line: string) => process.stderr.write(`[gong-connector] ${line}\n`);
      if (hooks.onDebug) {
        const sink = hooks.onDebug;
        // Debug lines pass the redaction guard like every other output.
        const debug = (line: string) => sink(redactText(line));
        hooks.onDebug = debug;
        const prevReq = hooks.onRequest;
        const prevRes = hooks.onResponse;
        const prevRetry = hooks.onRetry;
        hooks.onRequest = (e) => { prevReq?.(e); debug(`→ ${e.method} ${e.path} (attempt ${e.attempt})`); };
        hooks.onResponse = (e) => { prevRes?.(e); debug(`← ${e.status} ${e.method} ${e.path} in ${e.durationMs} ms`); };
        hooks.onRetry = (e) => { prevRetry?.(e); debug(`↻ retry ${e.method} ${e.path} in ${e.delayMs} ms: ${e.reason}`); };
      }
      const client = new GongClient(transport, limiter, this.policy, this.clock, hooks, () => transport.authorizationLink?.());
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
