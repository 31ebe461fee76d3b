// Direct transport: undici straight to the customer's Gong API host, one keep-alive pool per
// origin, a per-request timeout that also bounds slow bodies, and a response size cap.
import { EventEmitter } from 'node:events';
import { openAsBlob } from 'node:fs';
import { Agent, FormData, request, type Dispatcher } from 'undici';
import type { Credential } from '../auth/credentials.js';
import { AbortedError, ConnectionError, GongError, InvalidInputError, ResponseTooLargeError, TimeoutError } from '../http/errors.js';
import { finalUrl } from '../http/path.js';
import { DEFAULT_TIMEOUT_MS } from '../config/defaults.js';
import { formatQuery, type Transport, type TransportRequest, type TransportResponse } from './types.js';

export interface DirectTransportOptions {
  /** Origin of the Gong API host, e.g. `https://api.gong.io` (validated by the config). */
  baseUrl: string;
  credential: Credential;
  userAgent: string;
  dispatcher?: Dispatcher | undefined;
}

// Errors raised before any byte left this machine: the request cannot have reached Gong.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export class DirectTransport implements Transport {
  readonly kind = 'direct';
  readonly enforcesTimeout = true;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  /** Connections this transport's own Agent has opened (unknown for a dispatcher passed in). */
  private connects = 0;

  constructor(private readonly options: DirectTransportOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
    } else {
      const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8, pipelining: 1 });
      agent.on('connect', () => { this.connects += 1; });
      this.dispatcher = agent;
    }
  }

  describe(): string {
    return `direct ${this.options.baseUrl} (${this.options.credential.scheme} from ${this.options.credential.source})`;
  }

  companyKey(): string {
    return `${this.options.baseUrl}#${this.options.credential.fingerprint()}`;
  }

  send(req: TransportRequest): Promise<TransportResponse> {
    return this.attempt(req);
  }

  async refreshCredentials(): Promise<boolean> {
    return this.options.credential.refresh ? this.options.credential.refresh() : false;
  }

  private async attempt(req: TransportRequest): Promise<TransportResponse> {
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (req.signal?.aborted) throw mapError(req.signal.reason, { sent: false, timedOut: false, callerSignal: req.signal, method: req.method, path: req.path, timeoutMs });
    // One timer bounds the whole exchange, slow bodies included. undici takes an EventEmitter as
    // its signal: AbortSignal.timeout/AbortSignal.any and their EventTarget listeners cost
    // 10–30 µs per request on Node 20 (measured by `npm run bench`), an emitter under 1 µs. The
    // caller's AbortSignal is forwarded only when there is one.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; abort.emit('abort'); }, timeoutMs);
    timer.unref();
    const onCallerAbort = () => abort.emit('abort');
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await this.exchange(req, abort, timeoutMs, () => timedOut);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async exchange(req: TransportRequest, abort: EventEmitter, timeoutMs: number, timedOut: () => boolean): Promise<TransportResponse> {
    // Object.assign, not { ...headers, more }: the spread-then-properties form is slow on Node 20.
    const headers: Record<string, string> = Object.assign({}, req.headers, {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
      authorization: await this.options.credential.authorization(),
    });
    let body: string | FormData | undefined;
    if (req.body?.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = req.body.text;
    } else if (req.body?.kind === 'multipart') {
      // openAsBlob streams from disk: a 1.5 GB recording is never held in memory.
      const blob = await openAsBlob(req.body.filePath, { type: req.body.contentType }).catch(() => {
        throw new InvalidInputError({
          message: `The file to upload is no longer readable; nothing was sent.`,
          method: req.method, path: req.path, field: req.body?.kind === 'multipart' ? req.body.field : undefined,
        });
      });
      const form = new FormData();
      form.set(req.body.field, blob, req.body.fileName);
      body = form;
    }
    // The last guard before the network: the parsed URL must keep the configured origin and
    // exactly the path the pipeline checked (no dot-segment a URL parser would resolve).
    const url = finalUrl(this.options.baseUrl, req.path, formatQuery(req.query));
    if (url === undefined) {
      throw new InvalidInputError({ message: `Refused to send ${req.method} ${req.path}: the URL would leave ${this.options.baseUrl}/v2/; nothing was sent.`, method: req.method, field: 'path' });
    }
    let sent = false;
    const connectsBefore = this.connects;
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: body ?? null,
        signal: abort,
        dispatcher: this.dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      sent = true;
      const declared = Number(res.headers['content-length']);
      if (req.maxResponseBytes !== undefined && Number.isFinite(declared) && declared > req.maxResponseBytes) {
        discard(res.body);
        throw tooLarge(req.maxResponseBytes, req.method, req.path);
      }
      // A declared length within the cap is read in one go, without per-chunk async iteration.
      const text = Number.isSafeInteger(declared) && res.headers['content-length'] !== undefined
        ? await res.body.text()
        : await readText(res.body, req.maxResponseBytes, req.method, req.path);
      // No connection opened while this request was out (any, to stay on the safe side with
      // concurrent requests): it went on one already open.
      const connectionReused = this.ownsDispatcher && connectsBefore > 0 && this.connects === connectsBefore;
      return { status: res.statusCode, headers: flattenHeaders(res.headers), text, connectionReused };
    } catch (error) {
      throw mapError(error, { sent, timedOut: timedOut(), callerSignal: req.signal, method: req.method, path: req.path, timeoutMs });
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

async function readText(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number | undefined,
  method: string,
  path: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (maxBytes !== undefined && size > maxBytes) {
      discard(body);
      throw tooLarge(maxBytes, method, path);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Stop reading a body and drop its connection; the stream's late errors have a listener. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function tooLarge(maxBytes: number, method: string, path: string): ResponseTooLargeError {
  return new ResponseTooLargeError({
    message: `Gong's response to ${method} ${path} exceeded ${maxBytes} bytes and was refused.`,
    method, path,
    hint: 'Narrow the request (fewer ids or a shorter date range) or raise maxResponseBytes.',
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

interface FailureContext {
  sent: boolean;
  timedOut: boolean;
  callerSignal: AbortSignal | undefined;
  method: string;
  path: string;
  timeoutMs: number;
}

function mapError(error: unknown, ctx: FailureContext): Error {
  if (error instanceof GongError && !(error instanceof AbortedError)) return error;
  const where = `${ctx.method} ${ctx.path}`;
  if (ctx.callerSignal?.aborted) {
    return new AbortedError({ message: `The request ${where} was cancelled.`, method: ctx.method, path: ctx.path, cause: error });
  }
  const code = (error as { code?: string } | null)?.code ?? '';
  if (ctx.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TimeoutError({
      message: `Gong did not answer ${where} within ${ctx.timeoutMs} ms.`,
      method: ctx.method, path: ctx.path, reached: code !== 'UND_ERR_CONNECT_TIMEOUT',
      hint: 'Retry later or raise timeoutMs; reads are retried automatically.',
    });
  }
  const reached = ctx.sent || !NOT_SENT.has(code);
  return new ConnectionError({
    message: `The connection to Gong failed during ${where}${code ? ` (${code})` : ''}.`,
    method: ctx.method, path: ctx.path, reached,
    hint: 'Check GONG_API_BASE_URL and the network, then retry; reads are retried automatically.',
  });
}
