// A sandbox and a connector signed in to it for one test file: started before its tests, closed
// after them. `ready` hands both to the file's own variables.
import { afterAll, beforeAll } from 'vitest';
import type { Connector } from '../../src/connector.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { testConnector } from './connector.js';

/** A test connector signed in to the sandbox with its access key pair. */
export function sandboxConnector(sb: Sandbox): Connector {
  return testConnector(sb.baseUrl, { accessKey: sb.credentials.accessKey, accessKeySecret: sb.credentials.accessKeySecret });
}

export function useSandbox(options: SandboxOptions, ready: (sb: Sandbox, connector: Connector) => void): void {
  let sb: Sandbox | undefined;
  let connector: Connector | undefined;
  beforeAll(async () => {
    sb = await startSandbox(options);
    connector = sandboxConnector(sb);
    ready(sb, connector);
  });
  afterAll(async () => {
    await connector?.close();
    await sb?.close();
  });
}
