// A real HTTP server on 127.0.0.1:0 that records every request and answers from a handler,
// for asserting exactly what the connector sends.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingMessage['headers'];
  bodyText: string;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Raw text instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: Recorded, index: number) => Reply | Promise<Reply>;

export interface Loopback {
  baseUrl: string;
  requests: Recorded[];
  setHandler(handler: Handler): void;
  onConnection(listener: (socket: import('node:net').Socket) => void): void;
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler = () => ({ body: { requestId: 'r1' } })): Promise<Loopback> {
  let current = handler;
  const requests: Recorded[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    let body: unknown;
    try {
      body = bodyText ? JSON.parse(bodyText) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: Recorded = { method: req.method ?? '', path: url.pathname, query, headers: req.headers, bodyText, body };
    requests.push(recorded);
    const reply = await current(recorded, requests.length - 1);
    const text = reply.text ?? JSON.stringify(reply.body ?? { requestId: 'r' });
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setHandler: (h) => { current = h; },
    onConnection: (listener) => { server.on('connection', listener); },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
