// The sandbox under concurrent load answers every request. Its speed (start-up time, requests per
// second) is measured by `npm run bench` (bench/sandbox.ts), not asserted here: timings on a busy
// machine are not a test.
import { describe, expect, it } from 'vitest';
import { driveLoad } from '../../../bench/sandbox.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { ANCHOR, basicAuth } from './helpers.js';

describe('under load', () => {
  it('answers every one of many concurrent requests (32 in flight, 8 connections)', async () => {
    const sb = await startSandbox({ rateLimit: false, anchor: ANCHOR });
    try {
      const run = await driveLoad({ baseUrl: sb.baseUrl, authorization: basicAuth(sb), callId: String(sb.data.calls[100]?.metaData.id) }, 1000, 32);
      expect(run.ok).toBe(1000);
    } finally {
      await sb.close();
    }
  });
});
