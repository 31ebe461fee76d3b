// A connector pointed at a loopback server with test credentials and no real pacing delay.
import { createConnector, type Connector } from '../../src/connector.js';
import { MemoryLimiterStore } from '../../src/state/limiter/memory.js';
import type { ConnectorOptions } from '../../src/connection/options.js';
import { CANARY } from './canary.js';

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
