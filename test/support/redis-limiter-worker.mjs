// A child process for the fleet test (test/scenarios/reliability/redis-fleet.test.ts): one
// "machine" pacing one Gong company through the Redis limiter store of the built dist/, on
// Redis's clock. It connects, prints "ready", waits for "go" on stdin, then sends <requests>
// requests (reserve, "send", settle after <rttMs>), printing "sent <id> <epochMs>" for each.
//   node redis-limiter-worker.mjs <redisUrl> <companyKey> <requests> <rttMs>
import { createInterface } from 'node:readline';
import { systemClock } from '../../dist/http/clock.js';
import { RateLimiter } from '../../dist/pipeline/limiter.js';
import { redisLimiterStore } from '../../dist/state/limiter/redis.js';

const [url, key, requests, rttMs] = process.argv.slice(2);
const store = redisLimiterStore(url);
const limiter = new RateLimiter(key, { perSecond: 3, dailyLimit: 10_000, store, clock: systemClock });
await limiter.state(); // connected, script loaded
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
await lines.next();
for (let i = 0; i < Number(requests); i += 1) {
  const slot = await limiter.reserve();
  process.stdout.write(`sent ${slot.id} ${Date.now()}\n`);
  await new Promise((r) => setTimeout(r, Number(rttMs)));
  await limiter.settle(slot, Date.now());
}
await store.close();
process.exit(0);
