// The one loopback HTTP server of the test suite: node:http on 127.0.0.1:0, every request logged
// (method, url, headers, body) before a handler answers it on the raw response. The other test
// servers (loopback.ts, http-server.ts, recording-server.ts) are reply styles
// built on this one, so listening, body reading and closing are decided here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  /** The body as UTF-8 text ('' when there was none). */
  body: string;
  /** The body's bytes. */
  raw: Buffer;
}

export type Handler = (req: LoggedRequest, res: ServerResponse, n: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: LoggedRequest[];
  server: Server;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** How long an idle keep-alive connection stays open (ms); 0 closes it after each response. Default 1000. */
  keepAliveTimeoutMs?: number;
}

export async function startServer(handler: Handler, options: ServerOptions = {}): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const logged: LoggedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: raw.toString('utf8'), raw };
      requests.push(logged);
      Promise.resolve(handler(logged, res, requests.length)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
