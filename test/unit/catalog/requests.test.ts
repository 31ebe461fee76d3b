// Every tool against a real loopback server: the requests that arrive must be exactly the ones the
// sample table lists (method, path, query, JSON body or multipart file), and the results must carry
// Gong's answers merged as documented.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog/index.js';
import { selectRoute } from '../../../src/dispatch/build.js';
import { createConnector, type Connector } from '../../../src/connector.js';
import { SAMPLES, type ExpectedRequest } from '../../fixtures/sample-inputs.js';
import { startReplyServer, type RecordedRequest, type ReplyServer } from '../../support/server.js';

function queryObject(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function received(r: RecordedRequest): ExpectedRequest & { multipartOk?: boolean } {
  const out: ExpectedRequest = { method: r.method as ExpectedRequest['method'], path: r.path };
  if (r.query.size > 0) out.query = queryObject([...r.query]);
  const type = String(r.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) {
    const field = /name="([^"]+)"; filename="([^"]+)"/.exec(r.text);
    out.multipart = { field: field?.[1] ?? '?', file: field?.[2] ?? '?' };
  } else if (r.text !== '') {
    out.body = JSON.parse(r.text);
  }
  return out;
}

function expected(e: ExpectedRequest): ExpectedRequest {
  return e.multipart ? { ...e, multipart: { field: e.multipart.field, file: basename(e.multipart.file) } } : e;
}

let server: ReplyServer;
let connector: Connector | undefined;

beforeAll(async () => {
  server = await startReplyServer();
});
afterEach(async () => {
  await connector?.close();
  connector = undefined;
  server.reset();
});
afterAll(async () => {
  await server.close();
});

describe('the sample table', () => {
  it('has a sample for every tool and for every route of every tool', () => {
    const sampled = new Set(SAMPLES.map((s) => s.tool));
    expect(catalog.tools.filter((t) => !sampled.has(t.name)).map((t) => t.name)).toEqual([]);
    expect(SAMPLES.filter((s) => !catalog.tools.some((t) => t.name === s.tool)).map((s) => s.tool)).toEqual([]);
    for (const tool of catalog.tools.filter((t) => !t.handler)) {
      const used = new Set(SAMPLES.filter((s) => s.tool === tool.name).map((s) => selectRoute(tool, s.input).name));
      expect([tool.name, [...used].sort()]).toEqual([tool.name, tool.routes.map((r) => r.name).sort()]);
    }
  });
});

describe('each tool against a loopback Gong', () => {
  for (const sample of SAMPLES) {
    it(`${sample.tool}${sample.name ? ` — ${sample.name}` : ''}`, async () => {
      server.reply(...sample.replies);
      connector = createConnector({ accessKey: 'k', accessKeySecret: 's', baseUrl: server.url, rateLimitPerSecond: 1000, env: {} });
      const result = await connector.executeTool(sample.tool, sample.input);
      expect(server.requests.map(received)).toEqual(sample.requests.map(expected));
      for (const [i, e] of sample.requests.entries()) {
        const r = server.requests[i]!;
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('k:s').toString('base64')}`);
        if (e.multipart) {
          // The file's bytes travel unchanged inside the multipart body.
          expect(r.raw.includes(readFileSync(e.multipart.file))).toBe(true);
        } else if (e.body !== undefined) {
          expect(r.headers['content-type']).toBe('application/json');
        }
      }
      expect(server.pendingReplies).toBe(0);
      expect(result.rate_limit).toMatchObject({ requests: sample.requests.length });
      sample.check?.(result);
    });
  }
});
