// A real node:http server on 127.0.0.1:0 that records every request it receives (method, path,
// query, headers, raw body) and answers with scripted, Gong-shaped replies. Replies come from a
// FIFO queue, or from a responder function; a request with nothing scripted gets a 418 naming it,
// which the connector does not retry, so a missing script fails the test at once.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v2/calls/extensive`. */
  path: string;
  /** Query parameters in the order they were sent. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body as UTF-8 text ('' when there was none). */
  text: string;
  /** The body parsed as JSON when the request said it was JSON. */
  json?: unknown;
}

export interface ScriptedReply {
  status?: number;
  /** A JSON value to send, or use `text` for exact bytes (e.g. integers beyond 2^53). */
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Responder = (request: RecordedRequest, index: number) => ScriptedReply | undefined;

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedReply[] = [];
  private responder: Responder | undefined;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<RecordingServer> {
    let self: RecordingServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: [...url.searchParams.entries()],
          headers: req.headers,
          body,
          text,
        };
        if (text !== '' && String(req.headers['content-type'] ?? '').includes('application/json')) recorded.json = JSON.parse(text);
        const index = self!.requests.push(recorded) - 1;
        const reply = self!.responder?.(recorded, index) ?? self!.queue.shift() ?? {
          status: 418,
          body: { requestId: 'recording-server', errors: [`recording-server: no reply scripted for ${recorded.method} ${recorded.path}`] },
        };
        const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(payload);
      });
    });
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new RecordingServer(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Queue replies, answered in order. */
  reply(...replies: ScriptedReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answer with a function instead of the queue (return undefined to fall back to the queue). */
  respondWith(responder: Responder | undefined): this {
    this.responder = responder;
    return this;
  }

  /** Forget recorded requests and scripted replies. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.responder = undefined;
  }

  get pendingReplies(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
