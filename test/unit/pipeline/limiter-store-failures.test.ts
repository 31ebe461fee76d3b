// When the limiter's shared store fails (a file it cannot write, a Redis that went away mid-call),
// the pipeline still tells the truth: Gong's answer is not hidden by a failed settle, a write that
// never left is "not applied", and a slot that will not be sent is given back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InternalError, type GongError } from '../../../src/http/errors.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import type { ConfirmRequest, ConfirmResult, ReserveRequest, ReserveResult, SettleRequest } from '../../../src/state/limiter/types.js';
import { pipeline } from '../../support/pipeline.js';
import { startReplyServer, type ReplyServer } from '../../support/server.js';

/** A memory store whose chosen operation throws, as a store with a broken disk or Redis would. */
class FailingStore extends MemoryLimiterStore {
  failing: 'reserve' | 'confirm' | 'settle' | undefined;
  private fail(op: string): void {
    if (this.failing === op) throw new InternalError({ message: `the limiter store failed (${op})` });
  }
  override async reserve(key: string, r: ReserveRequest): Promise<ReserveResult> { this.fail('reserve'); return super.reserve(key, r); }
  override async confirm(key: string, id: number, r: ConfirmRequest): Promise<ConfirmResult> { this.fail('confirm'); return super.confirm(key, id, r); }
  override async settle(key: string, id: number, r: SettleRequest): Promise<void> { this.fail('settle'); return super.settle(key, id, r); }
}

let server: ReplyServer;
beforeAll(async () => { server = await startReplyServer(() => ({ body: { requestId: 'r1' } })); });
afterAll(() => server.close());
beforeEach(() => { server.requests.length = 0; });

describe('a failing limiter store', () => {
  it('a settle that fails does not hide the answer Gong gave', async () => {
    const store = new FailingStore();
    store.failing = 'settle';
    const p = pipeline(server.url, { limiterStore: store });
    const res = await p.client.request(p.write(), p.newCall());
    expect(res.status).toBe(200);
    expect(server.requests).toHaveLength(1);
    await p.close();
  });

  it('a write refused by the store before it left is not_applied, not uncertain', async () => {
    const store = new FailingStore();
    store.failing = 'reserve';
    const p = pipeline(server.url, { limiterStore: store });
    const error = (await p.client.request(p.write(), p.newCall()).catch((e: unknown) => e)) as GongError;
    expect(error).toBeInstanceOf(InternalError);
    expect(error.outcome).toBe('not_applied');
    expect(server.requests).toHaveLength(0);
    await p.close();
  });

  it('a slot whose confirmation failed is given back: it is not counted as sent', async () => {
    const store = new FailingStore();
    const p = pipeline(server.url, { limiterStore: store });
    for (let i = 0; i < 3; i++) await p.client.request(p.read(), p.newCall());
    store.failing = 'confirm'; // the 4th waits for its window, then its confirmation fails
    await expect(p.client.request(p.read(), p.newCall())).rejects.toBeInstanceOf(InternalError);
    store.failing = undefined;
    expect((await p.limiter.state()).used_today).toBe(3);
    await p.close();
  });
});
