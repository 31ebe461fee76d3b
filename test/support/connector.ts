// A connector pointed at a loopback server with test credentials and no real pacing delay.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createConnector, type Connector } from '../../src/connector.js';
import { MemoryLimiterStore } from '../../src/state/limiter/memory.js';
import type { ConnectorOptions } from '../../src/connection/options.js';
import { CANARY } from './canary.js';
import { startReplyServer, type ReplyServer } from './server.js';

export const TEST_KEY = 'test-access-key';
/** The canary (test/support/canary.ts): the suite fails if it shows up in any output. */
export const TEST_SECRET = CANARY;

export function testConnector(baseUrl: string, extra: ConnectorOptions = {}): Connector {
  return createConnector({
    accessKey: TEST_KEY,
    accessKeySecret: TEST_SECRET,
    baseUrl,
    env: {},
    rateLimitPerSecond: 10_000,
    // A fresh limiter store per connector keeps tests from sharing a daily count.
    limiterStore: new MemoryLimiterStore(),
    ...extra,
  });
}

/**
 * For a file: one loopback server answering `{ requestId: 'r1' }` and a test connector on it,
 * handed to `ready` once started; before each test its log is emptied and its handler reset.
 */
export function useReplyConnector(ready: (server: ReplyServer, connector: Connector) => void): void {
  let server: ReplyServer | undefined;
  let connector: Connector | undefined;
  const reply = () => ({ body: { requestId: 'r1' } });
  beforeAll(async () => {
    server = await startReplyServer(reply);
    connector = testConnector(server.url);
    ready(server, connector);
  });
  afterAll(async () => {
    await connector?.close();
    await server?.close();
  });
  beforeEach(() => {
    server!.requests.length = 0;
    server!.setHandler(reply);
  });
}
