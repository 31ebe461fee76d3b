// The Scalekit transport as the connector builds it: options + environment → resolveConfig →
// openTransport (src/connection/), with the transport asked for by name.
import type { Env } from '../../src/config/env.js';
import { resolveConfig } from '../../src/connection/config.js';
import type { ConnectorOptions } from '../../src/connection/options.js';
import { openTransport } from '../../src/connection/transport.js';
import type { ScalekitTransport } from '../../src/transport/scalekit.js';

export async function scalekitTransport(options: ConnectorOptions, env: Env): Promise<ScalekitTransport> {
  return (await openTransport(resolveConfig({ transport: 'scalekit', ...options }, env))) as ScalekitTransport;
}
