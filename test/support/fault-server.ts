// A small Gong fake with seeded fault injection, for the fault suites until the sandbox lands:
// paged transcripts (POST /v2/calls/transcript, body cursor), call creation deduplicated on
// clientUniqueId (POST /v2/calls), digital interactions deduplicated on eventId with 409 on a
// repeat (POST /v2/digital-interaction), and a plain write with no key (POST /v2/flows/prospects/assign).
// Faults are drawn per request from a seeded PRNG; writes can fail before or after being applied.
import type { ServerResponse } from 'node:http';
import { mulberry32 } from '../../src/sandbox/random.js';
import { startServer, type LoggedRequest, type TestServer } from './server.js';

export interface FaultRates {
  seed: number;
  rate429?: number;
  rate5xx?: number;
  rateReset?: number;
  rateTruncated?: number;
  rateMalformed?: number;
  rateSlow?: number;
  rateStall?: number;
  /** Retry-After values (seconds) drawn for 429s. */
  retryAfterSeconds?: number[];
  slowMs?: number;
  pageSize?: number;
}

export type Fault = '429' | '5xx-before' | '5xx-after' | 'reset-before' | 'reset-after' | 'truncated' | 'malformed' | 'slow' | 'stall' | 'none';

export interface FaultServer extends TestServer {
  faults: Record<Fault, number>;
  /** Applications per write key (clientUniqueId, eventId, or the body of a plain write). */
  applied: Map<string, number>;
  /** Requests received per write key. */
  received: Map<string, number>;
  /** Requests received for a write key that had already been applied (a replay after success). */
  afterApplied: Map<string, number>;
}

interface Page {
  offset: number;
  ids: string;
}

const encodeCursor = (p: Page) => Buffer.from(JSON.stringify(p)).toString('base64url');
const decodeCursor = (c: string): Page => JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Page;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export async function startFaultServer(rates: FaultRates): Promise<FaultServer> {
  const random = mulberry32(rates.seed);
  const faults = Object.fromEntries(
    (['429', '5xx-before', '5xx-after', 'reset-before', 'reset-after', 'truncated', 'malformed', 'slow', 'stall', 'none'] as Fault[]).map((f) => [f, 0]),
  ) as Record<Fault, number>;
  const applied = new Map<string, number>();
  const received = new Map<string, number>();
  const afterApplied = new Map<string, number>();
  const created = new Map<string, string>();
  const pageSize = rates.pageSize ?? 10;

  const draw = (): Fault => {
    let r = random();
    const table: Array<[number | undefined, Fault | 'half5xx' | 'halfReset']> = [
      [rates.rate429, '429'], [rates.rate5xx, 'half5xx'], [rates.rateReset, 'halfReset'], [rates.rateTruncated, 'truncated'],
      [rates.rateMalformed, 'malformed'], [rates.rateSlow, 'slow'], [rates.rateStall, 'stall'],
    ];
    for (const [rate, fault] of table) {
      if (rate === undefined) continue;
      if (r < rate) {
        if (fault === 'half5xx') return random() < 0.5 ? '5xx-before' : '5xx-after';
        if (fault === 'halfReset') return random() < 0.5 ? 'reset-before' : 'reset-after';
        return fault;
      }
      r -= rate;
    }
    return 'none';
  };

  /** The successful answer for a request, applying writes; undefined for an unknown route. */
  const handle = (req: LoggedRequest): { status: number; body: unknown } => {
    const body = (req.body ? JSON.parse(req.body) : {}) as Record<string, any>;
    if (req.method === 'POST' && req.url === '/v2/calls/transcript') {
      const callIds = (body.filter?.callIds ?? []) as string[];
      const page: Page = typeof body.cursor === 'string' ? decodeCursor(body.cursor) : { offset: 0, ids: callIds.join(',') };
      if (page.ids !== callIds.join(',')) return { status: 400, body: { requestId: 'r', errors: ['cursor does not match the filter'] } };
      const slice = callIds.slice(page.offset, page.offset + pageSize);
      const next = page.offset + pageSize < callIds.length ? encodeCursor({ offset: page.offset + pageSize, ids: page.ids }) : undefined;
      return {
        status: 200,
        body: {
          requestId: `r${req.url}`,
          records: { totalRecords: callIds.length, currentPageSize: slice.length, currentPageNumber: page.offset / pageSize, ...(next ? { cursor: next } : {}) },
          callTranscripts: slice.map((callId) => ({ callId, transcript: [{ speakerId: '1', sentences: [{ start: 0, end: 900, text: `hello from ${callId}` }] }] })),
        },
      };
    }
    if (req.method === 'POST' && req.url === '/v2/calls') {
      const key = `call:${String(body.clientUniqueId)}`;
      const existing = created.get(key);
      if (existing) return { status: 200, body: { requestId: 'r', callId: existing } };
      const callId = String(8_000_000_000_000_000_000n + BigInt(created.size));
      created.set(key, callId);
      applied.set(key, (applied.get(key) ?? 0) + 1);
      return { status: 200, body: { requestId: 'r', callId } };
    }
    if (req.method === 'POST' && req.url === '/v2/digital-interaction') {
      const key = `event:${String(body.eventId)}`;
      if (applied.has(key)) return { status: 409, body: { requestId: 'r', errors: [`Event ${String(body.eventId)} was already reported`] } };
      applied.set(key, 1);
      return { status: 200, body: { requestId: 'r' } };
    }
    if (req.method === 'POST' && req.url === '/v2/flows/prospects/assign') {
      const key = `assign:${req.body}`;
      applied.set(key, (applied.get(key) ?? 0) + 1);
      return { status: 200, body: { requestId: 'r', prospectsAssigned: body.crmProspectsIds ?? [] } };
    }
    return { status: 404, body: { requestId: 'r', errors: ['Not found'] } };
  };

  const keyOf = (req: LoggedRequest): string | undefined => {
    try {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (req.url === '/v2/calls') return `call:${String(body.clientUniqueId)}`;
      if (req.url === '/v2/digital-interaction') return `event:${String(body.eventId)}`;
      if (req.url === '/v2/flows/prospects/assign') return `assign:${req.body}`;
    } catch {
      return undefined;
    }
    return undefined;
  };

  const server = await startServer(async (req, res) => {
    const key = keyOf(req);
    if (key) {
      received.set(key, (received.get(key) ?? 0) + 1);
      if ((applied.get(key) ?? 0) > 0) afterApplied.set(key, (afterApplied.get(key) ?? 0) + 1);
    }
    const fault = draw();
    faults[fault] += 1;
    switch (fault) {
      case '429':
        return send(res, 429, { requestId: 'r', errors: ['API rate limit exceeded'] }, { 'retry-after': String(rates.retryAfterSeconds?.[Math.floor(random() * rates.retryAfterSeconds.length)] ?? 1) });
      case '5xx-before':
        return send(res, random() < 0.5 ? 500 : 503, { requestId: 'r', errors: ['Internal server error occurred'] });
      case 'reset-before':
        res.socket?.destroy();
        return;
      case 'stall':
        // Accept the request and never answer: the client's per-request timeout must end it.
        return;
      default:
        break;
    }
    const answer = handle(req);
    if (fault === '5xx-after') return send(res, 502, { requestId: 'r', errors: ['Bad gateway'] });
    if (fault === 'reset-after') {
      res.socket?.destroy();
      return;
    }
    const text = JSON.stringify(answer.body);
    if (fault === 'truncated') {
      res.writeHead(answer.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    if (fault === 'malformed') {
      res.writeHead(answer.status, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (fault === 'slow') {
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      const mid = Math.floor(text.length / 2);
      res.write(text.slice(0, mid));
      await new Promise((r) => setTimeout(r, rates.slowMs ?? 20));
      res.end(text.slice(mid));
      return;
    }
    return send(res, answer.status, answer.body);
  });
  return Object.assign(server, { faults, applied, received, afterApplied });
}
