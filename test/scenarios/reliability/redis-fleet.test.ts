// Several processes ("machines": no shared file, only Redis) pacing one Gong company through the
// Redis limiter store (test/support/redis-limiter-worker.mjs on the built dist/, a real
// redis-server): every request gets its own slot, and no second ever holds more than 3 of their
// departures, whoever planned them — Redis's TIME is the one clock.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerMissing, startRedisServer, type RedisServer } from '../../support/redis-server.js';

const WORKER = resolve(import.meta.dirname, '../../support/redis-limiter-worker.mjs');
const skip = redisServerMissing();
const PROCESSES = 4;
const REQUESTS = 4;

describe.skipIf(skip !== undefined)(`a fleet sharing Redis${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: RedisServer;
  const children: ChildProcessWithoutNullStreams[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server?.stop();
  });

  it(`${PROCESSES} processes × ${REQUESTS} requests: distinct slots, never more than 3 departures in any second`, async () => {
    const sent: { id: number; at: number }[] = [];
    const workers = Array.from({ length: PROCESSES }, () => {
      const child = spawn(process.execPath, [WORKER, server.url, 'https://api.gong.io#fleet', String(REQUESTS), '30'], { stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      const lines = createInterface({ input: child.stdout });
      let ready!: () => void;
      const readyP = new Promise<void>((r) => (ready = r));
      lines.on('line', (line) => {
        if (line === 'ready') ready();
        const m = /^sent (\d+) (\d+)$/.exec(line);
        if (m) sent.push({ id: Number(m[1]), at: Number(m[2]) });
      });
      const done = new Promise<void>((res, rej) => child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`worker exited ${String(code)}: ${stderr}`)))));
      return { child, readyP, done };
    });
    await Promise.all(workers.map((w) => w.readyP));
    for (const w of workers) w.child.stdin.write('go\n');
    await Promise.all(workers.map((w) => w.done));

    expect(sent).toHaveLength(PROCESSES * REQUESTS);
    expect(new Set(sent.map((s) => s.id)).size).toBe(PROCESSES * REQUESTS);
    const at = sent.map((s) => s.at).sort((a, b) => a - b);
    // The 4th departure after any one leaves a full window after it. A worker stamps its departure
    // once the store's answer reached it, which a busy machine can delay a little: 20 ms of margin.
    for (let i = 0; i + 3 < at.length; i++) expect(at[i + 3]! - at[i]!, `departures ${i} and ${i + 3}`).toBeGreaterThanOrEqual(980);
    // And nobody stalls: about 3 per second after the first burst (each window also waits for the
    // 30 ms answers; the bound leaves room for a busy machine).
    expect(at.at(-1)! - at[0]!).toBeLessThan(((PROCESSES * REQUESTS - 3) / 3) * 1000 * 1.5 + 500);
  }, 60_000);
});
