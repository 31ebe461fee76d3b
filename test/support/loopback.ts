// The loopback server (server.ts) answering from a handler that returns a reply, with each request
// parsed (path, query, JSON body), for asserting exactly what the connector sends.
import type { IncomingMessage } from 'node:http';
import { startServer } from './server.js';

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
  const server = await startServer(async (logged, res) => {
    const url = new URL(logged.url, 'http://127.0.0.1');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    let body: unknown;
    try {
      body = logged.body ? JSON.parse(logged.body) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: Recorded = { method: logged.method, path: url.pathname, query, headers: logged.headers, bodyText: logged.body, body };
    requests.push(recorded);
    const reply = await current(recorded, requests.length - 1);
    const text = reply.text ?? JSON.stringify(reply.body ?? { requestId: 'r' });
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  }, { keepAliveTimeoutMs: 0 });
  return {
    baseUrl: server.url,
    requests,
    setHandler: (h) => { current = h; },
    onConnection: (listener) => { server.server.on('connection', listener); },
    close: server.close,
  };
}
