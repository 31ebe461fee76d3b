// The one loopback HTTP server of the test suite: node:http on 127.0.0.1:0, every request recorded
// as one RecordedRequest (method, path, query, headers, body as bytes, text and JSON) before it is
// answered. Two ways to answer, one server:
// - startServer(handler): the handler writes the raw response itself (stalls, resets, trickled or
//   truncated bodies, exact framing);
// - startReplyServer(handler?): the handler returns a Reply, or the next queued one (`reply(...)`)
//   is sent; a request with nothing scripted gets a 418 naming it, which the connector does not
//   retry, so a missing script fails the test at once.
// `record` also serves servers of other protocols (fake-scalekit.ts).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v2/calls?cursor=x`. */
  url: string;
  /** The path without the query, e.g. `/v2/calls/extensive`. */
  path: string;
  /** Query parameters in the order they were sent. */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body's bytes. */
  raw: Buffer;
  /** The body as UTF-8 text ('' when there was none). */
  text: string;
  /** The body parsed as JSON, when it is JSON (else undefined). */
  json: unknown;
}

export interface Reply {
  /** Default 200. */
  status?: number;
  /** A JSON value to send; or use `text` for exact bytes (e.g. integers beyond 2^53). */
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type RawHandler = (req: RecordedRequest, res: ServerResponse, n: number) => void | Promise<void>;
/** Returns the reply, or undefined to send the next queued one. `index` counts from 0. */
export type ReplyHandler = (req: RecordedRequest, index: number) => Reply | undefined | Promise<Reply | undefined>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  server: Server;
  onConnection(listener: (socket: Socket) => void): void;
  close(): Promise<void>;
}

export interface ReplyServer extends TestServer {
  setHandler(handler: ReplyHandler | undefined): void;
  /** Queue replies, answered in order when the handler returns none. */
  reply(...replies: Reply[]): this;
  readonly pendingReplies: number;
  /** Forget recorded requests, queued replies and the handler. */
  reset(): void;
}

export interface ServerOptions {
  /** How long an idle keep-alive connection stays open (ms); 0 closes it after each response. Default 1000. */
  keepAliveTimeoutMs?: number;
}

export function record(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, raw: Buffer): RecordedRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const text = raw.toString('utf8');
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { method: req.method ?? 'GET', url: req.url ?? '/', path: url.pathname, query: url.searchParams, headers: req.headers, raw, text, json };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startServer(handler: RawHandler, options: ServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    readBody(req).then((raw) => {
      const recorded = record(req, raw);
      requests.push(recorded);
      return handler(recorded, res, requests.length);
    }).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    onConnection: (listener) => { server.on('connection', listener); },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Write a JSON answer with its Content-Length (raw handlers). */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Send a reply: `text` verbatim, else `body` as JSON (nothing when neither is given). */
function sendReply(res: ServerResponse, reply: Reply): void {
  const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  res.end(payload);
}

export async function startReplyServer(initial?: ReplyHandler): Promise<ReplyServer> {
  let handler = initial;
  const queue: Reply[] = [];
  const base = await startServer(async (req, res) => {
    const reply = (await handler?.(req, base.requests.length - 1)) ?? queue.shift() ?? {
      status: 418,
      body: { requestId: 'test-server', errors: [`test server: no reply scripted for ${req.method} ${req.path}`] },
    };
    sendReply(res, reply);
  }, { keepAliveTimeoutMs: 0 });
  const server: ReplyServer = {
    ...base,
    setHandler(next) {
      handler = next;
    },
    reply(...replies) {
      queue.push(...replies);
      return server;
    },
    get pendingReplies() {
      return queue.length;
    },
    reset() {
      base.requests.length = 0;
      queue.length = 0;
      handler = undefined;
    },
  };
  return server;
}

/** A JSON reply (a string body is sent verbatim). */
export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  ...(typeof body === 'string' ? { text: body } : { body }),
  ...(headers ? { headers } : {}),
});
