// The Scalekit transport as the connector builds it: options + environment → resolveConfig →
// openTransport (src/connection/), with the transport asked for by name. `limits` are the
// per-request timeout and response cap the connector would resolve (options take them).
import type { Env } from '../../src/config/env.js';
import { resolveConfig } from '../../src/connection/config.js';
import type { ConnectorOptions } from '../../src/connection/options.js';
import { openTransport } from '../../src/connection/transport.js';
import type { ScalekitTransport } from '../../src/transport/scalekit.js';

export async function scalekitTransport(options: ConnectorOptions, env: Env, limits: { timeoutMs?: number; maxResponseBytes?: number } = {}): Promise<ScalekitTransport> {
  return (await openTransport(resolveConfig({ transport: 'scalekit', ...limits, ...options }, env))) as ScalekitTransport;
}
