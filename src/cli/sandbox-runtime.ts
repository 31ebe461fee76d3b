// The in-process sandbox behind `--sandbox` (call, mcp): a Gong simulator on 127.0.0.1 and the
// connector options that point at it. Loaded only when --sandbox is given.
import type { ConnectorOptions } from '../connection/options.js';

export interface EmbeddedSandbox {
  baseUrl: string;
  connectorOptions: ConnectorOptions;
  close: () => Promise<void>;
}

export async function startEmbeddedSandbox(seed?: number): Promise<EmbeddedSandbox> {
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox(seed === undefined ? {} : { seed });
  return {
    baseUrl: sandbox.baseUrl,
    connectorOptions: {
      accessKey: sandbox.credentials.accessKey,
      accessKeySecret: sandbox.credentials.accessKeySecret,
      baseUrl: sandbox.baseUrl,
    },
    close: () => sandbox.close(),
  };
}
