// One "machine" for the shared-login tests (test/unit/auth/redis-token-store.test.ts): a process
// with its own HOME and state directory, using the built dist/ with the environment it was given
// (GONG_TOKEN_STORE=redis, GONG_REDIS_URL, GONG_CLIENT_SECRET), that calls a tool in `lanes`
// parallel loops for `durationMs`, then prints one JSON line: calls that worked, and the error
// codes of those that did not.
import { createConnector } from '../../dist/index.js';

const [durationMs, lanes] = process.argv.slice(2).map(Number);
const connector = createConnector();
const until = Date.now() + durationMs;
let ok = 0;
const failed = [];
await Promise.all(Array.from({ length: lanes }, async () => {
  while (Date.now() < until) {
    try {
      const result = await connector.executeTool('gong_users_list', {});
      if (result && typeof result === 'object' && 'error' in result) failed.push(String(result.error));
      else ok += 1;
    } catch (error) {
      failed.push(String(error?.code ?? error?.message ?? error));
    }
  }
}));
await connector.close();
process.stdout.write(`${JSON.stringify({ ok, failed })}\n`);
