// The loopback server (server.ts) recording every request it receives (method, path,
// query, headers, raw body) and answers with scripted, Gong-shaped replies. Replies come from a
// FIFO queue, or from a responder function; a request with nothing scripted gets a 418 naming it,
// which the connector does not retry, so a missing script fails the test at once.
import type { IncomingHttpHeaders } from 'node:http';
import { startServer, type TestServer } from './server.js';

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

  private constructor(private readonly server: TestServer, readonly url: string) {}

  static async start(): Promise<RecordingServer> {
    let self: RecordingServer | undefined;
    const server = await startServer((logged, res) => {
      const url = new URL(logged.url, 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: logged.method,
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: logged.headers,
        body: logged.raw,
        text: logged.body,
      };
      if (logged.body !== '' && String(logged.headers['content-type'] ?? '').includes('application/json')) recorded.json = JSON.parse(logged.body);
      const index = self!.requests.push(recorded) - 1;
      const reply = self!.responder?.(recorded, index) ?? self!.queue.shift() ?? {
        status: 418,
        body: { requestId: 'recording-server', errors: [`recording-server: no reply scripted for ${recorded.method} ${recorded.path}`] },
      };
      const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(payload);
    }, { keepAliveTimeoutMs: 0 });
    self = new RecordingServer(server, server.url);
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

  close(): Promise<void> {
    return this.server.close();
  }
}
