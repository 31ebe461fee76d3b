// Scalekit proxy transport (being built on the `scalekit` branch).
import type { ConnectorOptions } from '../config/options.js';
import { ConfigurationError } from '../http/errors.js';
import type { Transport } from './types.js';

export async function createScalekitTransport(
  _options: ConnectorOptions,
  _env: Readonly<Record<string, string | undefined>>,
): Promise<Transport> {
  throw new ConfigurationError({ message: 'The Scalekit transport is not available in this build.' });
}
