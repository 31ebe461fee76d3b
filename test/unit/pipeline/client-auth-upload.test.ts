// The pipeline owns the resend after a credential refresh (paced and counted), gives uploads
// time to send their file, and refuses clearly an upload whose file vanished before sending.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/pipeline/client.js';
import { RateLimiter } from '../../../src/pipeline/limiter.js';
import { MemoryLimiterStore } from '../../../src/state/limiter/memory.js';
import { AuthRequiredError, InvalidInputError } from '../../../src/http/errors.js';
import { ScalekitTransport } from '../../../src/transport/scalekit.js';
import type { MultipartBody, Transport, TransportRequest, TransportResponse } from '../../../src/transport/types.js';
import { FakeClock } from '../../support/clock.js';
import { pipeline } from '../../support/pipeline.js';
import { startServer, writeJson } from '../../support/server.js';
import { fakeActions } from '../../support/fake-actions.js';

function fakeTransport(statuses: number[], refresh?: () => Promise<boolean>) {
  const sent: TransportRequest[] = [];
  const t: Transport = {
    kind: 'fake',
    describe: () => 'fake',
    companyKey: () => 'fake#1',
    send: async (req): Promise<TransportResponse> => {
      sent.push(req);
      const status = statuses[Math.min(sent.length - 1, statuses.length - 1)]!;
      return { status, headers: {}, text: status === 200 ? '{"requestId":"r"}' : '{"requestId":"r","errors":["expired"]}' };
    },
    ...(refresh ? { refreshCredentials: refresh } : {}),
  };
  return { t, sent };
}

function client(t: Transport, clock = new FakeClock()) {
  const limiter = new RateLimiter(t.companyKey(), { perSecond: 3, dailyLimit: 100, store: new MemoryLimiterStore(), clock });
  return { limiter, c: new GongClient(t, limiter, { timeoutMs: 60_000, maxAttempts: 4, maxRetryAfterMs: 60_000, maxResponseBytes: 1_000_000 }, clock) };
}

const call = () => ({ deadlineAt: Number.POSITIVE_INFINITY, waitedMs: 0, requests: 0 });
const GET = { method: 'GET' as const, path: '/v2/users', query: [], readOnly: true };

describe('refresh after a 401', () => {
  it('refreshes once and resends through the limiter: both requests paced and counted', async () => {
    let refreshes = 0;
    const { t, sent } = fakeTransport([401, 200], async () => { refreshes += 1; return true; });
    const { c, limiter } = client(t);
    const ctx = call();
    const res = await c.request(GET, ctx);
    expect(res.status).toBe(200);
    expect(refreshes).toBe(1);
    expect(sent).toHaveLength(2);
    expect(ctx.requests).toBe(2);
    expect((await limiter.state()).used_today).toBe(2);
  });

  it('a second 401 after the refresh is auth_required, with no further refresh', async () => {
    let refreshes = 0;
    const { t, sent } = fakeTransport([401], async () => { refreshes += 1; return true; });
    const error = await client(t).c.request(GET, call()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthRequiredError);
    expect(refreshes).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('without a refreshable credential a 401 is auth_required at once', async () => {
    const { t, sent } = fakeTransport([401]);
    await expect(client(t).c.request(GET, call())).rejects.toBeInstanceOf(AuthRequiredError);
    expect(sent).toHaveLength(1);
  });
});

describe('upload timeout', () => {
  it('adds a second per megabyte of the file to the request timeout', async () => {
    const { t, sent } = fakeTransport([200]);
    const body = { kind: 'multipart' as const, field: 'mediaFile', filePath: '/x.mp3', fileName: 'x.mp3', contentType: 'audio/mpeg', size: 1_500_000_000 };
    await client(t).c.request({ method: 'PUT', path: '/v2/calls/1/media', query: [], readOnly: false, body }, call());
    expect(sent[0]!.timeoutMs).toBe(60_000 + 1_500_000);
    await client(t).c.request(GET, call());
    expect(sent[1]!.timeoutMs).toBe(60_000);
  });

  it('extends the call deadline by the same allowance, so the default 10 minutes cannot cut a big upload', async () => {
    const { t, sent } = fakeTransport([200]);
    const clock = new FakeClock();
    const body = { kind: 'multipart' as const, field: 'mediaFile', filePath: '/x.mp3', fileName: 'x.mp3', contentType: 'audio/mpeg', size: 1_500_000_000 };
    await client(t, clock).c.request({ method: 'PUT', path: '/v2/calls/1/media', query: [], readOnly: false, body }, { deadlineAt: clock.now() + 600_000, waitedMs: 0, requests: 0 });
    expect(sent[0]!.timeoutMs).toBe(60_000 + 1_500_000);
  });
});

describe('an upload whose file vanished after the call was checked', () => {
  it.each(['direct', 'scalekit'] as const)('%s: invalid_input naming the file, and nothing is sent', async (kind) => {
    const dir = await mkdtemp(join(tmpdir(), 'gc-vanish-'));
    const file = join(dir, 'rec.mp3');
    await writeFile(file, 'abc');
    const body: MultipartBody = { kind: 'multipart', field: 'mediaFile', filePath: file, fileName: 'rec.mp3', contentType: 'audio/mpeg', size: 3 };
    await rm(dir, { recursive: true });
    const server = await startServer((_, res) => writeJson(res, 201, { requestId: 'r' }));
    const fake = fakeActions();
    const p = pipeline(kind === 'direct' ? server.url : new ScalekitTransport({ actions: fake, connectionName: 'gong', identifier: 'u1' }));
    try {
      const req = { method: 'PUT' as const, path: '/v2/calls/7/media', query: [], readOnly: false, body, tool: 'gong_calls_media_upload' };
      const error = await p.client.request(req, p.newCall()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).toJSON()).toMatchObject({
        error: 'invalid_input',
        message: `The file to upload, '${file}', can no longer be read (moved or deleted since the call was checked); nothing was sent.`,
        tool: 'gong_calls_media_upload',
        hint: 'Check that the file is still there and readable, then run the call again.',
      });
      expect((error as InvalidInputError).exitCode).toBe(2);
      expect(server.requests).toHaveLength(0);
      expect(fake.calls).toHaveLength(0);
    } finally {
      await p.close();
      await server.close();
    }
  });
});
