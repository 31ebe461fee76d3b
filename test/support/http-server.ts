// The loopback server (server.ts) answering from a handler that returns an exact status, headers
// and body text; `record` and `readBody` also serve servers of other protocols (fake-scalekit.ts).
import type { IncomingMessage } from 'node:http';
import { startServer as startLoopbackServer } from './server.js';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The path without the query. */
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent verbatim (so raw int64 literals reach the client unchanged). */
  body?: string;
}

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function record(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, body: string): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://x');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { method: req.method ?? 'GET', path: req.url ?? '/', pathname: url.pathname, query: url.searchParams, headers, body };
}

export async function startServer(initial: Handler): Promise<TestServer> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const server = await startLoopbackServer(async (logged, res) => {
    try {
      const recorded = record(logged, logged.body);
      requests.push(recorded);
      const reply = await handler(recorded);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    } catch (error) {
      res.writeHead(599);
      res.end(String(error));
    }
  }, { keepAliveTimeoutMs: 0 });
  return {
    url: server.url,
    requests,
    setHandler(next) {
      handler = next;
    },
    close: server.close,
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  ...(headers ? { headers } : {}),
});
