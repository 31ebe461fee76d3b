// The in-process sandbox behind --sandbox (wired once the sandbox lands).
import type { ConnectorOptions } from '../config/options.js';
import { ConfigurationError } from '../http/errors.js';

export async function startEmbeddedSandbox(_seed?: number): Promise<{ connectorOptions: ConnectorOptions; close: () => Promise<void> }> {
  throw new ConfigurationError({ message: 'The sandbox is not available in this build.' });
}
